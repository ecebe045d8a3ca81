export interface ExperimentScope {
  teamId: string;
  from: string;
  to: string;
}
