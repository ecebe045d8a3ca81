import type { Question } from '@leeway/contracts';

/** docs/product.md §2: fixed ids, fixed texts. */
export const QUESTIONS: Question[] = [
  {
    id: 'energy',
    kind: 'likert',
    min: 1,
    max: 5,
    required: true,
    text: 'This week my work gave me more energy than it took.',
  },
  {
    id: 'autonomy',
    kind: 'likert',
    min: 1,
    max: 5,
    required: true,
    text: 'I had the freedom to decide how I do my work.',
  },
  {
    id: 'voice',
    kind: 'likert',
    min: 1,
    max: 5,
    required: true,
    text: 'I could influence decisions that affect my work.',
  },
  {
    id: 'growth',
    kind: 'likert',
    min: 1,
    max: 5,
    required: true,
    text: 'I made progress on a skill or goal that matters to my career.',
  },
  {
    id: 'trust',
    kind: 'likert',
    min: 1,
    max: 5,
    required: true,
    text: 'I felt trusted to get things done my way.',
  },
  {
    id: 'enps',
    kind: 'scale',
    min: 0,
    max: 10,
    required: true,
    text: 'How likely are you to recommend this team as a place to work?',
  },
  {
    id: 'comment',
    kind: 'text',
    max: 1000,
    required: false,
    text: 'Anything your lead should know? (shown anonymously)',
  },
];
