import { type Static, Type } from '@sinclair/typebox';
import { Id, IsoWeek, Nullable } from './common.ts';

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
    comment: Type.Optional(Type.String({ maxLength: 1000 })),
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

export const WeekAggregate = Type.Object({
  week: IsoWeek,
  respondents: Type.Integer(),
  members: Type.Integer(),
  participation: Nullable(
    Type.Number({ description: 'respondents / members, 0–1; null when the team had no members' }),
  ),
  suppressed: Type.Boolean(),
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
export const Trends = Type.Object({
  k: Type.Integer(),
  from: IsoWeek,
  to: IsoWeek,
  weeks: Type.Array(WeekAggregate),
});
export type Trends = Static<typeof Trends>;

export const CommentsQuery = Type.Object(
  { week: Type.Optional(IsoWeek) },
  { additionalProperties: false },
);
export const Comments = Type.Object({
  week: IsoWeek,
  k: Type.Integer(),
  respondents: Type.Integer(),
  suppressed: Type.Boolean(),
  comments: Type.Array(Type.String()),
});
export type Comments = Static<typeof Comments>;
