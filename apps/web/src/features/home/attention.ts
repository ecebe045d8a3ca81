import type { Heatmap, Team } from '@leeway/contracts';
import { formatCount, formatPercent, formatPoints } from '../../lib/format.ts';

/** How many teams each attention list names at most. */
const ATTENTION = 3;
export interface Attention {
  teamId: string;
  name: string;
  why: string;
}

/**
 * Teams to look at: the largest drops in engagement between the last two closed weeks (both
 * published), the lowest participation in the last one (published), and teams too small to ever
 * show a result. Hidden cells are never compared: they stay hidden.
 */
export function teamsNeedingAttention(input: {
  teams: Team[];
  engagement: Heatmap | undefined;
  participation: Heatmap | undefined;
  k: number;
}): Attention[] {
  const { teams, engagement, participation, k } = input;
  const out: Attention[] = [];
  const drops = (engagement?.teams ?? [])
    .map((t) => {
      const [before, after] = t.cells.slice(-2);
      return before && after && before.value !== null && after.value !== null
        ? { teamId: t.teamId, name: t.name, change: after.value - before.value }
        : null;
    })
    .filter((d): d is NonNullable<typeof d> => d !== null && d.change < 0)
    .sort((a, b) => a.change - b.change)
    .slice(0, ATTENTION);
  for (const d of drops) {
    out.push({
      teamId: d.teamId,
      name: d.name,
      why: `Engagement fell by ${formatPoints(-d.change)} points since the week before`,
    });
  }
  const low = (participation?.teams ?? [])
    .map((t) => ({ teamId: t.teamId, name: t.name, value: t.cells.at(-1)?.value ?? null }))
    .filter((t): t is typeof t & { value: number } => t.value !== null && t.value < 0.6)
    .sort((a, b) => a.value - b.value)
    .slice(0, ATTENTION);
  for (const t of low) {
    out.push({
      teamId: t.teamId,
      name: t.name,
      why: `Only ${formatPercent(t.value)} answered last week`,
    });
  }
  for (const t of teams.filter((team) => team.memberCount < k)) {
    out.push({
      teamId: t.id,
      name: t.name,
      why:
        t.memberCount === 0
          ? `No members: nobody answers its pulse`
          : `${formatCount(t.memberCount)} ${t.memberCount === 1 ? 'member' : 'members'}, fewer than ${k}: its results can never show until it grows`,
    });
  }
  return out;
}
