import { HIDDEN_REASONS, WEEK_STATES } from '@leeway/domain/vocabulary';
import { type Static, Type } from '@sinclair/typebox';
import { Id, IsoWeek, Nullable } from './common.ts';
import { COMMENT_MAX } from './limits.ts';

export { HIDDEN_REASONS, WEEK_STATES } from '@leeway/domain/vocabulary';

const likert = (id: string) =>
  Type.Integer({
    minimum: 1,
    maximum: 5,
    description: `${id}: 1 = strongly disagree … 5 = strongly agree`,
  });

export const PulseAnswers = Type.Object(
  {
    energy: likert('energy'),
    autonomy: likert('autonomy'),
    voice: likert('voice'),
    growth: likert('growth'),
    trust: likert('trust'),
    enps: Type.Integer({ minimum: 0, maximum: 10 }),
  },
  { additionalProperties: false },
);
export type PulseAnswers = Static<typeof PulseAnswers>;

export const Question = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('likert'), Type.Literal('scale'), Type.Literal('text')]),
  text: Type.String(),
  min: Type.Optional(Type.Integer()),
  max: Type.Optional(Type.Integer()),
  required: Type.Boolean(),
});
export type Question = Static<typeof Question>;

export const Pulse = Type.Object({
  pulseId: Id,
  teamId: Id,
  teamName: Type.String(),
  week: IsoWeek,
  opensAt: Type.String({ format: 'date-time' }),
  closesAt: Type.String({
    format: 'date-time',
    description: 'Exclusive end: the next Monday 00:00 in the org time zone',
  }),
  answered: Type.Boolean(),
  questions: Type.Array(Question),
});
export type Pulse = Static<typeof Pulse>;

export const SubmitPulseBody = Type.Object(
  {
    pulseId: Id,
    answers: PulseAnswers,
    fidelity: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 5,
        description:
          "The experiment's own item, asked only during its weeks (question id 'fidelity'); optional",
      }),
    ),
    comment: Type.Optional(Type.String({ maxLength: COMMENT_MAX })),
  },
  { additionalProperties: false },
);
export type SubmitPulseBody = Static<typeof SubmitPulseBody>;
export const PulseSubmitted = Type.Object({
  pulseId: Id,
  week: IsoWeek,
  answered: Type.Literal(true),
});
export type PulseSubmitted = Static<typeof PulseSubmitted>;

export const ItemScores = Type.Object({
  energy: Type.Number(),
  autonomy: Type.Number(),
  voice: Type.Number(),
  growth: Type.Number(),
  trust: Type.Number(),
});
export type ItemScores = Static<typeof ItemScores>;

/**
 * The stored decision of a closed team-week (docs/product.md §4): made once when the week
 * closes and read by every view.
 */
export const WeekState = Type.Union(WEEK_STATES.map((s) => Type.Literal(s)));
export type WeekState = Static<typeof WeekState>;
export const HiddenReason = Type.Union(
  HIDDEN_REASONS.map((s) => Type.Literal(s)),
  {
    description:
      'Why a hidden week shows nothing: fewer_than_k (fewer than k people answered), protecting (hidden so that a smaller hidden team cannot be worked out), no_data (no members that week)',
  },
);
export type HiddenReason = Static<typeof HiddenReason>;

export const WeekAggregate = Type.Object({
  week: IsoWeek,
  respondents: Nullable(Type.Integer({ description: 'null on a hidden week' })),
  members: Type.Integer({ description: 'Members when the week ended' }),
  participation: Nullable(
    Type.Number({
      description: 'respondents / members, 0–1; null on a hidden week or without members',
    }),
  ),
  suppressed: Type.Boolean(),
  reason: Nullable(HiddenReason),
  engagement: Nullable(Type.Object({ mean: Type.Number(), sd: Nullable(Type.Number()) })),
  enps: Nullable(Type.Number()),
  items: Nullable(ItemScores),
});
export type WeekAggregate = Static<typeof WeekAggregate>;

export const TrendsQuery = Type.Object(
  { from: Type.Optional(IsoWeek), to: Type.Optional(IsoWeek) },
  { additionalProperties: false },
);
export type TrendsQuery = Static<typeof TrendsQuery>;
/** The week in progress: shown as open, with nothing else about it. */
export const OpenWeek = Type.Object({
  week: IsoWeek,
  closesAt: Type.String({ format: 'date-time' }),
});
export type OpenWeek = Static<typeof OpenWeek>;
export const Trends = Type.Object({
  k: Type.Integer(),
  from: IsoWeek,
  to: IsoWeek,
  current: OpenWeek,
  weeks: Type.Array(WeekAggregate, { description: 'Closed weeks only, oldest first' }),
});
export type Trends = Static<typeof Trends>;

export const CommentsQuery = Type.Object(
  { week: Type.Optional(IsoWeek) },
  { additionalProperties: false },
);
export const Comments = Type.Object({
  week: IsoWeek,
  k: Type.Integer(),
  suppressed: Type.Boolean(),
  reason: Nullable(Type.Union([HiddenReason, Type.Literal('open')])),
  comments: Type.Array(Type.String(), { description: 'In random order, with nothing beside them' }),
});
export type Comments = Static<typeof Comments>;
