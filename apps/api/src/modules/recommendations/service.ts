import type { Recommendations, Suggestion } from '@leeway/contracts';
import { experimentStatus } from '@leeway/domain/experiments';
import {
  addStats,
  emptyStats,
  LIKERT_ITEMS,
  type LikertItem,
  summarize,
} from '@leeway/domain/metrics';
import { addWeeks, weekRange } from '@leeway/domain/weeks';
import type { Ctx } from '../../lib/context.ts';
import * as experimentsRepo from '../experiments/repository.ts';
import { scheduleOf } from '../experiments/service.ts';
import * as publication from '../publication/service.ts';
import { typeEvidence } from '../what-works/service.ts';
import { STARTERS } from './starters.ts';

/** Recent closed weeks that say which item is the team's weakest. */
export const WEAKEST_ITEM_WEEKS = 8;

const ITEM_WORDS: Record<LikertItem, string> = {
  energy: 'energy',
  autonomy: 'autonomy',
  voice: 'voice',
  growth: 'growth',
  trust: 'trust',
};
const pts = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}`;

/**
 * The next experiment for a team, best first: types with completed experiments in the org ranked
 * by their pooled effect (ahead when they target the team's weakest item), then the starter
 * library; types the team is running, has planned, adopted or abandoned are left out.
 */
export async function recommendations(ctx: Ctx, teamId: string): Promise<Recommendations> {
  const calendar = await publication.ensurePublished(ctx);
  const weeks = weekRange(
    addWeeks(calendar.lastClosed, -(WEAKEST_ITEM_WEEKS - 1)),
    calendar.lastClosed,
  );
  const [cells, own, evidence] = await Promise.all([
    publication.teamCells(ctx, teamId, weeks),
    experimentsRepo.teamExperiments(ctx.db, teamId),
    typeEvidence(ctx),
  ]);
  const pooled = summarize(
    cells.filter(publication.isPublished).reduce((acc, c) => addStats(acc, c.stats), emptyStats()),
  );
  const weakest = pooled
    ? [...LIKERT_ITEMS].sort((a, b) => pooled.items[a] - pooled.items[b])[0]!
    : null;

  const excluded = new Map<string, string>();
  for (const row of own) {
    const status = experimentStatus(scheduleOf(row, ctx.caller.org), calendar.current);
    if (status === 'running' || status === 'planned') excluded.set(row.type, status);
    else if (row.decision === 'adopt' || row.decision === 'abandon')
      excluded.set(row.type, row.decision);
  }
  const adapted = new Set<string>(own.filter((r) => r.decision === 'adapt').map((r) => r.type));
  const targets = (type: string): LikertItem | null =>
    STARTERS.find((s) => s.type === type)?.targets ?? null;
  const weakNote = (type: string) =>
    weakest && targets(type) === weakest
      ? ` It aims at ${ITEM_WORDS[weakest]}, your team's lowest item lately.`
      : '';
  const adaptNote = (type: string) =>
    adapted.has(type) ? ' You chose to adapt it last time: try the adapted version.' : '';

  const fromOrg: (Suggestion & { score: number })[] = [];
  for (const t of evidence) {
    if (!t.pooled || t.type === 'custom' || excluded.has(t.type)) continue;
    const p = t.pooled;
    const starter = STARTERS.find((s) => s.type === t.type)!;
    const evidenceText =
      p.m === 1
        ? `One experiment here moved engagement ${pts(p.diff)} points (95 % CI ${pts(p.ci95[0])} to ${pts(p.ci95[1])}).`
        : `Across ${p.m} experiments here, engagement moved ${pts(p.diff)} points on average (95 % CI ${pts(p.ci95[0])} to ${pts(p.ci95[1])})${p.pi95 ? `; a new team can expect ${pts(p.pi95[0])} to ${pts(p.pi95[1])}` : ''}.`;
    fromOrg.push({
      type: t.type,
      reason: `${evidenceText}${weakNote(t.type)}${adaptNote(t.type)}`,
      expected: { diff: p.diff, ci95: p.ci95, pi95: p.pi95, experiments: p.m },
      source: 'organisation',
      title: starter.title,
      hypothesis: starter.hypothesis,
      score: p.diff + (weakest && targets(t.type) === weakest && p.diff > 0 ? 100 : 0),
    });
  }
  fromOrg.sort((a, b) => b.score - a.score);
  const known = new Set(fromOrg.map((s) => s.type));
  const starters: Suggestion[] = STARTERS.filter((s) => !known.has(s.type) && !excluded.has(s.type))
    .map((s, i) => ({ s, i }))
    .sort((a, b) => Number(b.s.targets === weakest) - Number(a.s.targets === weakest) || a.i - b.i)
    .map(({ s }) => ({
      type: s.type,
      reason: `No experiment of this kind has finished here yet. ${s.reasoning}${weakNote(s.type)}${adaptNote(s.type)}`,
      expected: null,
      source: 'starter',
      title: s.title,
      hypothesis: s.hypothesis,
    }));
  return {
    weakestItem: weakest,
    suggestions: [...fromOrg.map(({ score: _score, ...s }) => s), ...starters],
  };
}
