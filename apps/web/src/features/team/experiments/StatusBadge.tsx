import type { ExperimentStatus } from '@leeway/contracts';
import { statusNames } from '../../../lib/experiments.ts';

export function StatusBadge({ status }: { status: ExperimentStatus }) {
  return <span className={`badge badge-${status}`}>{statusNames[status]}</span>;
}
