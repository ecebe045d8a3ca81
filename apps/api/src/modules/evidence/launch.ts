import type { CreateExperimentBody, Outcome } from '@leeway/contracts';
import type { Executor } from '@leeway/db';
import type { Ctx } from '../../lib/context.ts';
import { conflict } from '../../lib/errors.ts';
import * as teamsRepo from '../teams/repository.ts';

/**
 * What a launch fixes besides its calendar (issue 14): the primary outcome, and whether it is
 * measured. A team with fewer members than k can never publish a week, so its experiment can
 * never show a result: it is refused with the reason, unless the lead launches it explicitly as
 * "not measured".
 */
export async function launchDesign(
  ctx: Ctx,
  db: Executor,
  teamId: string,
  input: CreateExperimentBody,
): Promise<{ primaryOutcome: Outcome; measured: boolean }> {
  const k = ctx.caller.org.minGroupSize;
  const members = (await teamsRepo.currentMembers(db, teamId)).length;
  const measurable = members >= k;
  if (!measurable && input.notMeasured !== true) {
    throw conflict(
      `The team has ${members} member${members === 1 ? '' : 's'}; a week is shown only with at least ${k} answers, so this experiment could never show a result. Launch it as "not measured" (notMeasured: true) to run it anyway.`,
    );
  }
  // `notMeasured` is consent, not a switch: a team at or above k is measured anyway.
  return { primaryOutcome: input.primaryOutcome ?? 'engagement', measured: measurable };
}
