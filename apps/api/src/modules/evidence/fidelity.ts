import type { Question } from '@leeway/contracts';
import type { Executor } from '@leeway/db';
import { experimentStatus } from '@leeway/domain/experiments';
import { isSuppressed } from '@leeway/domain/suppression';
import { compareWeeks, weekRange } from '@leeway/domain/weeks';
import type { Ctx } from '../../lib/context.ts';
import type { ExperimentRow } from '../experiments/repository.ts';
import * as experimentsRepo from '../experiments/repository.ts';
import { scheduleOf } from '../experiments/service.ts';
import * as publication from '../publication/service.ts';
import * as evidenceRepo from './repository.ts';

/** The statement a type's fidelity item asks about, 1 = strongly disagree … 5 = strongly agree. */
const STATEMENTS: Record<string, string> = {
  decision_rights: 'This week we really decided how our project is run.',
  self_set_deadlines: 'This week we really set our own deadlines.',
  flexible_schedule: 'This week I really chose my own working hours.',
  skill_development: 'This week I really had time to learn beyond my role.',
  planning_voice: 'This week we really shaped how our work was planned.',
  passion_project: 'This week I really had time for a project of my choice.',
};

export const fidelityText = (row: Pick<ExperimentRow, 'type' | 'title'>) =>
  STATEMENTS[row.type] ??
  `This week we really did what our experiment set out to do: “${row.title}”.`;

/** The experiment running on a team this week, if any (one per team-week). */
export async function runningExperiment(ctx: Ctx, db: Executor, teamId: string, week: string) {
  const rows = await experimentsRepo.teamExperiments(db, teamId);
  return rows.find(
    (row) =>
      experimentStatus(scheduleOf(row, ctx.caller.org), week) === 'running' &&
      compareWeeks(row.startWeek, week) <= 0 &&
      compareWeeks(week, row.endWeek) <= 0,
  );
}

/**
 * The one extra pulse item of an experiment's weeks (issue 14), optional. With the six scored
 * items the pulse then has seven rated questions — never more, since a team runs one experiment
 * a week — and the optional comment.
 */
export function fidelityQuestion(row: ExperimentRow): Question {
  return {
    id: 'fidelity',
    kind: 'likert',
    min: 1,
    max: 5,
    required: false,
    text: fidelityText(row),
  };
}

/** Adds one fidelity answer to its team-week's sums, in the answer's transaction (no answer row). */
export const recordFidelity = evidenceRepo.addFidelityAnswer;

export interface FidelityWeek {
  week: string;
  /** 0–100 (25 × (v − 1)), or null when hidden. */
  mean: number | null;
  answers: number | null;
  reason: 'open' | 'fewer_than_k' | 'protecting' | 'no_data' | null;
}

/**
 * The fidelity item's result per week of the experiment, under the pulse's rules: only a closed,
 * published team-week, and only with at least k fidelity answers (the item is optional, so it can
 * have fewer answers than the week); the overall mean pools the weeks shown.
 */
export async function fidelityOf(ctx: Ctx, row: ExperimentRow, lastClosed: string) {
  const weeks = weekRange(row.startWeek, row.endWeek);
  const closed = weeks.filter((w) => compareWeeks(w, lastClosed) <= 0);
  const [cells, sums, thresholds] = await Promise.all([
    publication.teamCells(ctx, row.teamId, closed),
    evidenceRepo.fidelitySums(ctx.db, row.teamId, row.id, closed),
    publication.thresholdsOf(ctx, closed),
  ]);
  const byWeek = new Map(sums.map((s) => [s.week, s]));
  const stateOf = new Map(cells.map((c) => [c.week, c.state]));
  let n = 0;
  let sum = 0;
  const out: FidelityWeek[] = weeks.map((week) => {
    if (compareWeeks(week, lastClosed) > 0)
      return { week, mean: null, answers: null, reason: 'open' };
    const state = stateOf.get(week) ?? 'no_data';
    const s = byWeek.get(week);
    if (state !== 'published') return { week, mean: null, answers: null, reason: state };
    // Like the team-week itself: max(k the week closed under, k now).
    if (!s || isSuppressed(s.n, thresholds.get(week)!))
      return { week, mean: null, answers: null, reason: 'fewer_than_k' };
    n += s.n;
    sum += s.sum;
    return { week, mean: (25 * s.sum) / s.n, answers: s.n, reason: null };
  });
  return { statement: fidelityText(row), weeks: out, mean: n > 0 ? (25 * sum) / n : null };
}
