import { type Static, Type } from '@sinclair/typebox';
import { Id, IsoWeek, Nullable } from './common.ts';

/**
 * What an experiment is judged on, and how its impact page reads it. Kept apart from
 * experiments.ts, which embeds `ImpactReading` in `Impact`.
 */

/** The engagement index (default) or one item, all on 0–100. */
export const OUTCOMES = ['engagement', 'energy', 'autonomy', 'voice', 'growth', 'trust'] as const;
export const Outcome = Type.Union(OUTCOMES.map((o) => Type.Literal(o)));
export type Outcome = Static<typeof Outcome>;

const Interval = Type.Tuple([Type.Number(), Type.Number()]);

export const OutcomeChange = Type.Object({
  outcome: Outcome,
  primary: Type.Boolean(),
  before: Nullable(Type.Number()),
  after: Nullable(Type.Number()),
  diff: Nullable(Type.Number()),
  ci95: Nullable(Interval),
  p: Nullable(Type.Number()),
  pAdjusted: Nullable(
    Type.Number({ description: 'Holm-adjusted over the exploratory outcomes; the primary: p' }),
  ),
});
export type OutcomeChange = Static<typeof OutcomeChange>;

export const ImpactReading = Type.Object({
  measured: Type.Boolean({ description: "False when launched as 'not measured'" }),
  primaryOutcome: Outcome,
  tooEarly: Type.Boolean({ description: 'True until every week of the design has closed' }),
  outcomes: Type.Array(OutcomeChange, { description: 'The primary outcome first' }),
  overlaps: Type.Array(
    Type.Object({
      experimentId: Id,
      title: Type.String(),
      type: Type.String({ description: 'Its experiment type' }),
      weeks: Type.Array(IsoWeek, { description: "This design's weeks the other one holds" }),
    }),
  ),
  fidelity: Type.Object({
    statement: Type.String({ description: 'The fidelity item asked during its weeks' }),
    weeks: Type.Array(
      Type.Object({
        week: IsoWeek,
        mean: Nullable(Type.Number({ description: '0–100' })),
        answers: Nullable(Type.Integer()),
        reason: Nullable(
          Type.Union([
            Type.Literal('open'),
            Type.Literal('fewer_than_k'),
            Type.Literal('protecting'),
            Type.Literal('no_data'),
          ]),
        ),
      }),
    ),
    mean: Nullable(Type.Number({ description: 'Over the weeks shown, 0–100' })),
  }),
  rebound: Nullable(
    Type.Object({
      usualMean: Type.Number(),
      baselineMean: Type.Number(),
      earlierWeeks: Type.Integer(),
      lowBaseline: Type.Boolean(),
    }),
  ),
});
export type ImpactReading = Static<typeof ImpactReading>;
