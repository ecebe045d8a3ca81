import { type Static, Type } from '@sinclair/typebox';
import { IsoWeek, Nullable } from './common.ts';
import { Decision } from './experiments.ts';

export const VoteBody = Type.Object({ choice: Decision }, { additionalProperties: false });
export type VoteBody = Static<typeof VoteBody>;

/**
 * The members' anonymous adopt / adapt / abandon vote on an ended experiment. Voting is open in
 * the week after its last week; the counts appear once that week has closed, and only when at
 * least k people voted.
 */
export const Votes = Type.Object({
  votingWeek: IsoWeek,
  open: Type.Boolean({ description: 'True during the voting week' }),
  closesAt: Type.String({ format: 'date-time' }),
  votedByMe: Type.Boolean(),
  canVote: Type.Boolean({ description: 'The caller is a member of the team and may vote now' }),
  shown: Type.Boolean(),
  reason: Nullable(
    Type.Union([
      Type.Literal('not_ended'),
      Type.Literal('voting'),
      Type.Literal('fewer_than_k'),
      Type.Literal('cancelled'),
    ]),
  ),
  k: Type.Integer(),
  voters: Nullable(Type.Integer()),
  counts: Nullable(
    Type.Object({ adopt: Type.Integer(), adapt: Type.Integer(), abandon: Type.Integer() }),
  ),
});
export type Votes = Static<typeof Votes>;
