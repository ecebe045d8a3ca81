import { type Static, Type } from '@sinclair/typebox';
import { Nullable } from './common.ts';
import { ExperimentType, Interval } from './experiments.ts';
import { Outcome } from './outcomes.ts';

export const PreflightBody = Type.Object(
  {
    durationWeeks: Type.Integer({ minimum: 1, maximum: 4 }),
    baselineWeeks: Type.Integer({ minimum: 1, maximum: 4 }),
    primaryOutcome: Type.Optional(Outcome),
  },
  { additionalProperties: false },
);
export type PreflightBody = Static<typeof PreflightBody>;

export const DesignOption = Type.Object({
  durationWeeks: Type.Integer(),
  baselineWeeks: Type.Integer(),
  mde: Nullable(Type.Number()),
});
export type DesignOption = Static<typeof DesignOption>;

export const Preflight = Type.Object({
  measurable: Type.Boolean({
    description: 'False when no week of this team can ever be published (fewer members than k)',
  }),
  reason: Nullable(Type.String({ description: 'Why the design cannot show a result' })),
  mde: Nullable(
    Type.Number({
      description:
        'Smallest change of the primary outcome (points, 0–100) this design detects at α = 0.05 with 80 % power',
    }),
  ),
  assumptions: Type.Object({
    primaryOutcome: Outcome,
    durationWeeks: Type.Integer(),
    baselineWeeks: Type.Integer(),
    members: Type.Integer({ description: 'Members of the team now' }),
    k: Type.Integer(),
    respondentsPerWeek: Type.Integer({
      description:
        'Answers expected per week: the mean of its recent published weeks, else its members',
    }),
    sd: Type.Number({ description: 'Spread of one answer (points) the MDE assumes' }),
    source: Type.Union([Type.Literal('team'), Type.Literal('default')], {
      description: "'team': from its recent published weeks; 'default': a stated default",
    }),
    publishedWeeks: Type.Integer({ description: 'Recent published weeks the figures come from' }),
    alpha: Type.Number(),
    power: Type.Number(),
  }),
  options: Type.Array(DesignOption, {
    description: 'The MDE of every duration × baseline, to see what a longer design buys',
  }),
});
export type Preflight = Static<typeof Preflight>;

export const PooledTypeEffect = Type.Object({
  diff: Type.Number(),
  ci95: Interval,
  i2: Type.Number(),
  pi95: Nullable(Interval),
  tau2: Type.Number(),
  se: Type.Number(),
});
export const PanelTypeEffect = Type.Object({
  diff: Type.Number(),
  ci95: Interval,
  se: Type.Number(),
  teams: Type.Integer({ description: 'Teams that ran the type in the panel' }),
});

export const Suggestion = Type.Object({
  type: ExperimentType,
  reason: Type.String({ description: 'Why, in one sentence' }),
  expected: Nullable(
    Type.Object({
      diff: Type.Number(),
      ci95: Interval,
      pi95: Nullable(Interval),
      experiments: Type.Integer(),
    }),
  ),
  source: Type.Union([Type.Literal('organisation'), Type.Literal('starter')]),
  title: Type.String({ description: 'A starter title for the launch form' }),
  hypothesis: Type.String({ description: 'A starter hypothesis for the launch form' }),
});
export type Suggestion = Static<typeof Suggestion>;
export const Recommendations = Type.Object({
  weakestItem: Nullable(Outcome),
  suggestions: Type.Array(Suggestion, { description: 'Best first' }),
});
export type Recommendations = Static<typeof Recommendations>;

export const DriverItem = Type.Object({
  item: Outcome,
  estimate: Type.Number({ description: "Pearson's r of the item's team-week mean with eNPS" }),
  ci95: Interval,
});
export const Drivers = Type.Object({
  teamWeeks: Type.Integer({ description: 'Published team-weeks used' }),
  teams: Type.Integer(),
  shown: Type.Boolean({ description: 'False below the minimum; items is then empty' }),
  minimum: Type.Object({ teamWeeks: Type.Integer(), teams: Type.Integer() }),
  estimator: Type.String(),
  items: Type.Array(DriverItem, { description: 'Strongest first' }),
  reading: Nullable(Type.String({ description: 'The result in plain words' })),
});
export type Drivers = Static<typeof Drivers>;
