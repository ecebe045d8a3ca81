import type { ItemScores } from '@leeway/contracts';

export type ItemId = keyof ItemScores;

/** The five Likert items in pulse order, each with a short name people recognise. */
export const itemNames: Record<ItemId, string> = {
  energy: 'Energy — work gave more energy than it took',
  autonomy: 'Autonomy — freedom to decide how to work',
  voice: 'Voice — could influence decisions',
  growth: 'Growth — progress on a skill or goal',
  trust: 'Trust — trusted to do things my way',
};

export const itemIds = Object.keys(itemNames) as ItemId[];
