import type { ExperimentType } from '@leeway/contracts';
import type { LikertItem } from '@leeway/domain/metrics';

export interface Starter {
  type: Exclude<ExperimentType, 'custom'>;
  /** The pulse item the experiment is meant to move. */
  targets: LikertItem;
  title: string;
  hypothesis: string;
  /** Why it is worth trying, in one sentence. */
  reasoning: string;
}

/**
 * Well-described starter experiments for an organisation with no evidence of its own yet, each
 * with the reasoning behind it (self-determination theory: autonomy, competence and relatedness
 * support motivation; Deci & Ryan 2000). Ordered from the smallest change to the largest.
 */
export const STARTERS: Starter[] = [
  {
    type: 'planning_voice',
    targets: 'voice',
    title: 'The team drafts the next plan',
    hypothesis: 'If the team drafts the next iteration plan before I review it, voice will rise.',
    reasoning:
      'People who shape the plan they follow report more influence and commit to it more, at the cost of one planning meeting.',
  },
  {
    type: 'self_set_deadlines',
    targets: 'autonomy',
    title: 'We set our own deadlines',
    hypothesis: 'If the team sets its own deadlines for a week, autonomy and trust will rise.',
    reasoning:
      'Choosing when work is due is a small, reversible grant of control that people notice at once.',
  },
  {
    type: 'decision_rights',
    targets: 'trust',
    title: 'The team decides how the project is run',
    hypothesis: 'If the team decides how a project is run, trust and autonomy will rise.',
    reasoning: 'Handing over a real decision signals trust more clearly than any message about it.',
  },
  {
    type: 'flexible_schedule',
    targets: 'energy',
    title: 'Flexible hours for a week',
    hypothesis: 'If everyone picks their own hours for a week, energy will rise.',
    reasoning:
      'Working when one works best cuts the friction of fixed hours; it needs only an agreed core time.',
  },
  {
    type: 'skill_development',
    targets: 'growth',
    title: 'Half a day to learn',
    hypothesis: 'If everyone has half a day to learn beyond the role, growth will rise.',
    reasoning:
      'Time set aside for learning is the most direct way to make progress on a skill visible.',
  },
  {
    type: 'passion_project',
    targets: 'energy',
    title: 'A day for a passion project',
    hypothesis:
      'If everyone spends a day on a project of their choice, energy and growth will rise.',
    reasoning:
      'Self-chosen work is intrinsically motivating and often surfaces improvements nobody asked for.',
  },
];
