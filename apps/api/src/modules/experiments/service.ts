import type {
  CreateExperimentBody,
  Experiment,
  ExperimentList,
  UpdateExperimentBody,
} from '@leeway/contracts';
import {
  type ExperimentSchedule,
  endWeekOf,
  experimentStatus,
  occupiedWeeks,
  rangesOverlap,
} from '@leeway/domain/experiments';
import { compareWeeks, isIsoWeek, weekDiff, weekOf, type Zone } from '@leeway/domain/weeks';
import type { Ctx } from '../../lib/context.ts';
import { conflict, invalid, notFound } from '../../lib/errors.ts';
import { inTransaction } from '../../lib/transaction.ts';
import { launchDesign } from '../evidence/launch.ts';
import * as ideasRepo from '../ideas/repository.ts';
import * as repo from './repository.ts';

const MAX_LEAD_WEEKS = 52;

export const currentWeek = (ctx: Ctx) => weekOf(ctx.clock.now(), ctx.caller.org);

export function scheduleOf(row: repo.ExperimentRow, zone: Zone): ExperimentSchedule {
  return {
    startWeek: row.startWeek,
    durationWeeks: row.durationWeeks,
    baselineWeeks: row.baselineWeeks,
    cancelledWeek: row.cancelledAt ? weekOf(row.cancelledAt, zone) : null,
  };
}

export function toExperiment(row: repo.ExperimentRow, zone: Zone, week: string): Experiment {
  return {
    id: row.id,
    teamId: row.teamId,
    type: row.type,
    title: row.title,
    hypothesis: row.hypothesis,
    startWeek: row.startWeek,
    endWeek: row.endWeek,
    durationWeeks: row.durationWeeks,
    baselineWeeks: row.baselineWeeks,
    status: experimentStatus(scheduleOf(row, zone), week),
    cancelledWeek: row.cancelledAt ? weekOf(row.cancelledAt, zone) : null,
    decision: row.decision,
    learnings: row.learnings,
    ideaId: row.ideaId,
    primaryOutcome: row.primaryOutcome,
    measured: row.measured,
  };
}

/** The team's experiments, and the weeks a new one cannot use (the rule `createExperiment` applies). */
export async function listExperiments(ctx: Ctx, teamId: string): Promise<ExperimentList> {
  const week = currentWeek(ctx);
  const rows = await repo.teamExperiments(ctx.db, teamId);
  const takenWeeks = rows.flatMap((row) => {
    const held = occupiedWeeks(scheduleOf(row, ctx.caller.org));
    return held && compareWeeks(held.to, week) >= 0 ? [{ experimentId: row.id, ...held }] : [];
  });
  return { experiments: rows.map((r) => toExperiment(r, ctx.caller.org, week)), takenWeeks };
}

export async function getExperiment(ctx: Ctx, id: string): Promise<Experiment> {
  const row = await repo.findExperiment(ctx.db, ctx.caller.orgId, id);
  if (!row) throw notFound('Experiment');
  return toExperiment(row, ctx.caller.org, currentWeek(ctx));
}

export async function createExperiment(
  ctx: Ctx,
  teamId: string,
  input: CreateExperimentBody,
): Promise<Experiment> {
  const { org, orgId } = ctx.caller;
  const week = currentWeek(ctx);
  if (!isIsoWeek(input.startWeek))
    throw invalid('startWeek', 'is not an existing ISO week (YYYY-Www)');
  if (compareWeeks(input.startWeek, week) < 0) {
    throw invalid('startWeek', `must be the current week (${week}) or later`);
  }
  if (weekDiff(week, input.startWeek) > MAX_LEAD_WEEKS) {
    throw invalid('startWeek', `must be within ${MAX_LEAD_WEEKS} weeks from now`);
  }
  const durationWeeks = input.durationWeeks ?? 1;
  const baselineWeeks = input.baselineWeeks ?? org.baselineWeeks;
  const endWeek = endWeekOf(input.startWeek, durationWeeks);
  const title = input.title.trim();
  const hypothesis = input.hypothesis.trim();
  if (!title) throw invalid('title', 'must not be blank');
  if (!hypothesis) throw invalid('hypothesis', 'must not be blank');

  const row = await inTransaction(ctx.db, async (tx) => {
    await repo.lockTeam(tx, teamId);
    const wanted = { from: input.startWeek, to: endWeek };
    for (const other of await repo.teamExperiments(tx, teamId)) {
      const held = occupiedWeeks(scheduleOf(other, org));
      if (held && rangesOverlap(held, wanted)) {
        throw conflict(
          `The team already runs "${other.title}" (${held.from}${held.to !== held.from ? ` to ${held.to}` : ''}); one experiment per week.`,
        );
      }
    }
    if (input.ideaId) {
      const idea = await ideasRepo.findIdea(tx, orgId, input.ideaId);
      if (!idea || idea.teamId !== teamId) throw invalid('ideaId', 'is not an idea of this team');
      if (idea.experimentId)
        throw conflict('This idea has already been launched as an experiment.');
    }
    const design = await launchDesign(ctx, tx, teamId, input);
    const created = await repo.insertExperiment(tx, {
      ...design,
      orgId,
      teamId,
      type: input.type,
      title,
      hypothesis,
      startWeek: input.startWeek,
      endWeek,
      durationWeeks,
      baselineWeeks,
      ideaId: input.ideaId ?? null,
      createdBy: ctx.caller.userId,
      createdAt: ctx.clock.now(),
    });
    if (input.ideaId) await ideasRepo.linkExperiment(tx, input.ideaId, created.id);
    return created;
  });
  return toExperiment(row, org, week);
}

export async function updateExperiment(
  ctx: Ctx,
  id: string,
  input: UpdateExperimentBody,
): Promise<Experiment> {
  const { org, orgId } = ctx.caller;
  const row = await repo.findExperiment(ctx.db, orgId, id);
  if (!row) throw notFound('Experiment');
  const week = currentWeek(ctx);
  const status = experimentStatus(scheduleOf(row, org), week);
  const changes: Parameters<typeof repo.updateExperiment>[2] = {};
  if (input.status === 'cancelled') {
    if (status !== 'planned' && status !== 'running') {
      throw conflict(`A ${status} experiment cannot be cancelled.`);
    }
    changes.cancelledAt = ctx.clock.now();
  }
  if (input.decision !== undefined) {
    if (status !== 'completed')
      throw conflict(`A decision is recorded once the experiment has completed; it is ${status}.`);
    changes.decision = input.decision;
  }
  if (input.learnings !== undefined) {
    const after = changes.cancelledAt ? 'cancelled' : status;
    if (after !== 'completed' && after !== 'cancelled') {
      throw conflict(`Learnings are recorded once the experiment has ended; it is ${status}.`);
    }
    changes.learnings = input.learnings.trim() || null;
  }
  const updated = await repo.updateExperiment(ctx.db, id, changes);
  return toExperiment(updated, org, week);
}
