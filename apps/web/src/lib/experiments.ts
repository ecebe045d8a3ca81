import type { Decision, ExperimentStatus, ExperimentType } from '@leeway/contracts';

interface TypeText {
  /** "Flexible schedule": on badges, pickers and in tables. */
  name: string;
  /** "Flexible schedules": in sentences about several experiments. */
  plural: string;
  /** One line on what the team actually changes. */
  explanation: string;
}

// Keyed by type so a new type in the contract fails the type check here until it is described.
export const experimentTypeText: Record<ExperimentType, TypeText> = {
  decision_rights: {
    name: 'Decision rights',
    plural: 'Decision rights',
    explanation: 'The team decides how a project is run.',
  },
  self_set_deadlines: {
    name: 'Self-set deadlines',
    plural: 'Self-set deadlines',
    explanation: 'The team sets the deadlines for its own work.',
  },
  flexible_schedule: {
    name: 'Flexible schedule',
    plural: 'Flexible schedules',
    explanation: 'People choose when and where they work.',
  },
  skill_development: {
    name: 'Skill development',
    plural: 'Skill development',
    explanation: 'Time to learn beyond the role.',
  },
  planning_voice: {
    name: 'Voice in planning',
    plural: 'Voice in planning',
    explanation: 'The team shapes project planning.',
  },
  passion_project: {
    name: 'Passion project',
    plural: 'Passion projects',
    explanation: 'Time for a project the team cares about.',
  },
  custom: {
    name: 'Custom',
    plural: 'Custom experiments',
    explanation: 'Your own way to give the team more ownership.',
  },
};

export const experimentTypeOrder = Object.keys(experimentTypeText) as ExperimentType[];

export const statusNames: Record<ExperimentStatus, string> = {
  planned: 'Planned',
  running: 'Running',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export const decisionText: Record<Decision, { name: string; explanation: string }> = {
  adopt: { name: 'Adopt', explanation: 'Keep doing it.' },
  adapt: { name: 'Adapt', explanation: 'Change it and try again.' },
  abandon: { name: 'Abandon', explanation: 'Stop doing it.' },
};

export const HYPOTHESIS_PROMPT = 'We believe that … will … because …';
