import type { Experiment, Pulse, Team } from '@leeway/contracts';
import { formatCount, formatWeek } from '../../lib/format.ts';
import { completed, runningOrPlanned } from './experiments.ts';

export interface NextStep {
  text: string;
  to: string;
  action: string;
}

/**
 * The one thing a lead should do next, most urgent first: their own pulse (it closes), a team
 * with nobody to answer, a decision still to record, then next week's experiment.
 */
export function leadNextStep(input: {
  teamId: string;
  team: Pick<Team, 'name' | 'memberCount'>;
  pulse: Pulse | null | undefined;
  experiments: Experiment[];
  k: number;
}): NextStep {
  const { teamId, team, pulse, experiments, k } = input;
  if (pulse && !pulse.answered) {
    return {
      text: `Your own pulse for ${pulse.teamName} is open.`,
      to: '/pulse',
      action: "Answer this week's pulse",
    };
  }
  if (team.memberCount < k) {
    return {
      text:
        team.memberCount === 0
          ? `${team.name} has no members yet, so nobody answers its pulse.`
          : `${team.name} has ${formatCount(team.memberCount)} of the ${k} members it needs before any result can show.`,
      to: `/teams/${teamId}#members-title`,
      action: 'Invite your team',
    };
  }
  const undecided = completed(experiments).find((e) => e.decision === null);
  if (undecided) {
    return {
      text: `“${undecided.title}” has ended and its decision is not recorded yet.`,
      to: `/experiments/${undecided.id}#decision-title`,
      action: 'Record the decision',
    };
  }
  const next = runningOrPlanned(experiments);
  if (!next || next.status === 'running') {
    return {
      text: next
        ? `“${next.title}” is running. Plan what the team owns next, so the weeks follow on.`
        : 'No experiment is planned. Give the team something to own for a week.',
      to: `/teams/${teamId}#launch-title`,
      action: "Plan next week's experiment",
    };
  }
  return {
    text: `“${next.title}” starts ${formatWeek(next.startWeek)}. Read what the team said last week.`,
    to: `/teams/${teamId}#comments-title`,
    action: "Read last week's comments",
  };
}
