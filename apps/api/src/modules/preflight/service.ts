import type { Outcome, Preflight, PreflightBody } from '@leeway/contracts';
import { designMde } from '@leeway/domain/design';
import { addStats, emptyStats, indexVariance } from '@leeway/domain/metrics';
import { addWeeks, weekRange } from '@leeway/domain/weeks';
import type { Ctx } from '../../lib/context.ts';
import { itemSums, sampleOfSums } from '../evidence/repository.ts';
import * as publication from '../publication/service.ts';
import * as teamsRepo from '../teams/repository.ts';

/** Recent closed weeks whose published figures describe the team. */
export const PREFLIGHT_WEEKS = 8;
/** Below this many published weeks the team is "new" and the stated defaults apply. */
export const MIN_PUBLISHED_WEEKS = 2;
/**
 * Stated defaults for a new team: the spread of one answer on the 0–100 scale (engagement index
 * and one item; a 1–5 item is coarser, so it spreads more) and the share of members answering.
 */
export const DEFAULT_SD: Record<'engagement' | 'item', number> = { engagement: 15, item: 25 };
export const DEFAULT_PARTICIPATION = 0.8;

/** What a team can detect with one design, and with each other duration × baseline. */
export async function preflight(ctx: Ctx, teamId: string, body: PreflightBody): Promise<Preflight> {
  const { org } = ctx.caller;
  const k = org.minGroupSize;
  const outcome: Outcome = body.primaryOutcome ?? 'engagement';
  const calendar = await publication.ensurePublished(ctx);
  const weeks = weekRange(
    addWeeks(calendar.lastClosed, -(PREFLIGHT_WEEKS - 1)),
    calendar.lastClosed,
  );
  const [members, cells] = await Promise.all([
    teamsRepo.currentMembers(ctx.db, teamId),
    publication.teamCells(ctx, teamId, weeks),
  ]);
  const published = cells.filter(publication.isPublished);
  const fromTeam = published.length >= MIN_PUBLISHED_WEEKS;

  let sd: number;
  let respondentsPerWeek: number;
  if (fromTeam) {
    const stats = published.reduce((acc, c) => addStats(acc, c.stats), emptyStats());
    respondentsPerWeek = Math.round(stats.n / published.length);
    sd =
      outcome === 'engagement'
        ? Math.sqrt(indexVariance(stats))
        : Math.sqrt(sampleOfSums((await itemSums(ctx.db, published))[outcome]).variance);
  } else {
    respondentsPerWeek = Math.round(members.length * DEFAULT_PARTICIPATION);
    sd = DEFAULT_SD[outcome === 'engagement' ? 'engagement' : 'item'];
  }

  let reason: string | null = null;
  if (members.length < k) {
    reason = `The team has ${members.length} member${members.length === 1 ? '' : 's'}; a week is shown only with at least ${k} answers, so no week of this team can ever be published and no result can be shown.`;
  } else if (respondentsPerWeek < k) {
    reason = `Recent weeks had about ${respondentsPerWeek} answers; a week with fewer than ${k} is hidden, so at this rate the experiment shows no result.`;
  }
  const measurable = members.length >= k;
  const mdeOf = (durationWeeks: number, baselineWeeks: number) =>
    reason ? null : designMde({ respondentsPerWeek, sd, durationWeeks, baselineWeeks });
  const options = [1, 2, 3, 4].flatMap((durationWeeks) =>
    [1, 2, 3, 4].map((baselineWeeks) => ({
      durationWeeks,
      baselineWeeks,
      mde: mdeOf(durationWeeks, baselineWeeks),
    })),
  );
  return {
    measurable,
    reason,
    mde: mdeOf(body.durationWeeks, body.baselineWeeks),
    assumptions: {
      primaryOutcome: outcome,
      durationWeeks: body.durationWeeks,
      baselineWeeks: body.baselineWeeks,
      members: members.length,
      k,
      respondentsPerWeek,
      sd,
      source: fromTeam ? 'team' : 'default',
      publishedWeeks: published.length,
      alpha: 0.05,
      power: 0.8,
    },
    options,
  };
}
