import {
  DECISIONS,
  EXPERIMENT_STATUSES,
  EXPERIMENT_TYPES,
  HIDDEN_REASONS,
} from '@leeway/domain/vocabulary';
import { type Static, Type } from '@sinclair/typebox';
import { Id, IsoWeek, Nullable } from './common.ts';
import {
  BASELINE_WEEKS_MAX,
  BASELINE_WEEKS_MIN,
  DURATION_WEEKS_DEFAULT,
  DURATION_WEEKS_MAX,
  DURATION_WEEKS_MIN,
  EXPERIMENT_TITLE_MAX,
  HYPOTHESIS_MAX,
  IDEA_TEXT_MAX,
  LEARNINGS_MAX,
} from './limits.ts';
import { ImpactReading, Outcome } from './outcomes.ts';

export { EXPERIMENT_TYPES } from '@leeway/domain/vocabulary';
export const ExperimentType = Type.Union(EXPERIMENT_TYPES.map((t) => Type.Literal(t)));
export type ExperimentType = Static<typeof ExperimentType>;

export const ExperimentStatus = Type.Union(EXPERIMENT_STATUSES.map((s) => Type.Literal(s)));
export type ExperimentStatus = Static<typeof ExperimentStatus>;

export const Decision = Type.Union(DECISIONS.map((d) => Type.Literal(d)));
export type Decision = Static<typeof Decision>;

export const Experiment = Type.Object({
  id: Id,
  teamId: Id,
  type: ExperimentType,
  title: Type.String(),
  hypothesis: Type.String(),
  startWeek: IsoWeek,
  endWeek: IsoWeek,
  durationWeeks: Type.Integer(),
  baselineWeeks: Type.Integer(),
  status: ExperimentStatus,
  cancelledWeek: Nullable(
    Type.String({ description: 'Week it was cancelled in; it holds its weeks up to that one' }),
  ),
  decision: Nullable(Decision),
  learnings: Nullable(Type.String()),
  ideaId: Nullable(Id),
  primaryOutcome: Outcome,
  measured: Type.Boolean({ description: "False when launched as 'not measured'" }),
});
export type Experiment = Static<typeof Experiment>;
/** Weeks an experiment holds on its team's calendar, so that no other experiment may start in them. */
export const TakenWeeks = Type.Object({ experimentId: Id, from: IsoWeek, to: IsoWeek });
export type TakenWeeks = Static<typeof TakenWeeks>;
export const ExperimentList = Type.Object({
  experiments: Type.Array(Experiment),
  takenWeeks: Type.Array(TakenWeeks, {
    description:
      'The weeks from the current one on that experiments hold (a cancelled one up to the week it was cancelled in); a new experiment may use none of them',
  }),
});
export type ExperimentList = Static<typeof ExperimentList>;

export const CreateExperimentBody = Type.Object(
  {
    type: ExperimentType,
    title: Type.String({ minLength: 1, maxLength: EXPERIMENT_TITLE_MAX }),
    hypothesis: Type.String({ minLength: 1, maxLength: HYPOTHESIS_MAX }),
    startWeek: IsoWeek,
    durationWeeks: Type.Optional(
      Type.Integer({
        minimum: DURATION_WEEKS_MIN,
        maximum: DURATION_WEEKS_MAX,
        default: DURATION_WEEKS_DEFAULT,
      }),
    ),
    baselineWeeks: Type.Optional(
      Type.Integer({
        minimum: BASELINE_WEEKS_MIN,
        maximum: BASELINE_WEEKS_MAX,
        description: 'Default: the organisation setting (2)',
      }),
    ),
    ideaId: Type.Optional(Id),
    primaryOutcome: Type.Optional(Outcome),
    notMeasured: Type.Optional(
      Type.Boolean({
        description:
          'Launch although no result can ever be shown (team below k); otherwise such a launch is refused with 409',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreateExperimentBody = Static<typeof CreateExperimentBody>;

export const UpdateExperimentBody = Type.Object(
  {
    status: Type.Optional(
      Type.Literal('cancelled', { description: 'Cancel a planned or running experiment' }),
    ),
    decision: Type.Optional(Decision),
    learnings: Type.Optional(Type.String({ maxLength: LEARNINGS_MAX })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateExperimentBody = Static<typeof UpdateExperimentBody>;

export const LeftOutWeek = Type.Object({
  week: IsoWeek,
  reason: Type.Union([...HIDDEN_REASONS.map((r) => Type.Literal(r)), Type.Literal('open')]),
});
export type LeftOutWeek = Static<typeof LeftOutWeek>;
export const ImpactWindow = Type.Object({
  weeks: Type.Array(IsoWeek, { description: 'The published weeks the window pools' }),
  leftOut: Type.Array(LeftOutWeek, {
    description: 'Weeks of the design window that are not pooled, and why',
  }),
  n: Type.Integer({ description: 'Answers in the pooled (published) weeks' }),
  people: Type.Integer({ description: 'Distinct people behind those answers' }),
  mean: Nullable(Type.Number()),
  sd: Nullable(Type.Number()),
});
export type ImpactWindow = Static<typeof ImpactWindow>;

export const Verdict = Type.Union([
  Type.Literal('improved'),
  Type.Literal('declined'),
  Type.Literal('inconclusive'),
]);
export type Verdict = Static<typeof Verdict>;

export const Interval = Type.Tuple([Type.Number(), Type.Number()]);

export const Effect = Type.Object({
  diff: Nullable(Type.Number()),
  ci95: Nullable(Interval),
  p: Nullable(Type.Number()),
  hedgesG: Nullable(Type.Number()),
  verdict: Nullable(Verdict),
  mde: Nullable(Type.Number()),
  df: Nullable(Type.Number()),
});
export type Effect = Static<typeof Effect>;

export const DidEffect = Type.Object({
  diff: Type.Number(),
  ci95: Interval,
  p: Type.Number(),
  df: Type.Number(),
  comparisonTeams: Type.Integer(),
  comparisonBefore: Type.Integer({ description: 'Respondents in the comparison group before' }),
  comparisonAfter: Type.Integer({ description: 'Respondents in the comparison group after' }),
});
export type DidEffect = Static<typeof DidEffect>;

const ItemChange = Type.Object({
  before: Nullable(Type.Number()),
  after: Nullable(Type.Number()),
  diff: Nullable(Type.Number()),
});
export const ItemChanges = Type.Object({
  energy: ItemChange,
  autonomy: ItemChange,
  voice: ItemChange,
  growth: ItemChange,
  trust: ItemChange,
});

export const Impact = Type.Object({
  experimentId: Id,
  status: ExperimentStatus,
  k: Type.Integer(),
  partial: Type.Boolean({
    description: 'True while the experiment runs: computed on its weeks so far',
  }),
  suppressed: Type.Boolean(),
  before: ImpactWindow,
  after: ImpactWindow,
  effect: Effect,
  did: Nullable(DidEffect),
  items: ItemChanges,
  enps: Type.Object({ before: Nullable(Type.Number()), after: Nullable(Type.Number()) }),
  reading: ImpactReading,
});
export type Impact = Static<typeof Impact>;

export const Idea = Type.Object({
  id: Id,
  teamId: Id,
  type: ExperimentType,
  text: Type.String(),
  author: Nullable(Type.Object({ id: Id, name: Type.String() })),
  week: IsoWeek,
  votes: Type.Integer(),
  votedByMe: Type.Boolean(),
  experimentId: Nullable(Id),
});
export type Idea = Static<typeof Idea>;
export const IdeaList = Type.Object({ ideas: Type.Array(Idea) });
export type IdeaList = Static<typeof IdeaList>;
export const CreateIdeaBody = Type.Object(
  {
    type: ExperimentType,
    text: Type.String({ minLength: 1, maxLength: IDEA_TEXT_MAX }),
    anonymous: Type.Optional(
      Type.Boolean({ default: false, description: 'Propose without your name' }),
    ),
  },
  { additionalProperties: false },
);
export type CreateIdeaBody = Static<typeof CreateIdeaBody>;
export const IdeaIdParams = Type.Object({ ideaId: Id });
