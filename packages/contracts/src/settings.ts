import { type Static, Type } from '@sinclair/typebox';
import { TimeZone } from './common.ts';
import {
  BASELINE_WEEKS_MAX,
  BASELINE_WEEKS_MIN,
  MAX_MIN_GROUP_SIZE,
  MIN_MIN_GROUP_SIZE,
} from './limits.ts';

export const LocalTime = Type.String({
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
  description: 'Local time in the organisation’s time zone, HH:MM',
  examples: ['09:00'],
});
export const Weekday = Type.Union([
  Type.Literal('monday'),
  Type.Literal('tuesday'),
  Type.Literal('wednesday'),
  Type.Literal('thursday'),
  Type.Literal('friday'),
  Type.Literal('saturday'),
  Type.Literal('sunday'),
]);
export type Weekday = Static<typeof Weekday>;

export const OrgSettings = Type.Object({
  minGroupSize: Type.Integer({
    minimum: MIN_MIN_GROUP_SIZE,
    description: 'k: smallest group whose aggregates are shown',
  }),
  timezone: Type.String(),
  baselineWeeks: Type.Integer({ minimum: BASELINE_WEEKS_MIN, maximum: BASELINE_WEEKS_MAX }),
  pulseOpensAt: Type.String({ description: 'Monday’s local time of "the pulse is open"' }),
  reminderDay: Weekday,
  reminderAt: Type.String({ description: 'Local time of the one reminder' }),
});
export type OrgSettings = Static<typeof OrgSettings>;
export const UpdateOrgSettingsBody = Type.Object(
  {
    minGroupSize: Type.Optional(
      Type.Integer({ minimum: MIN_MIN_GROUP_SIZE, maximum: MAX_MIN_GROUP_SIZE }),
    ),
    timezone: Type.Optional(TimeZone),
    baselineWeeks: Type.Optional(
      Type.Integer({ minimum: BASELINE_WEEKS_MIN, maximum: BASELINE_WEEKS_MAX }),
    ),
    pulseOpensAt: Type.Optional(LocalTime),
    reminderDay: Type.Optional(Weekday),
    reminderAt: Type.Optional(LocalTime),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateOrgSettingsBody = Static<typeof UpdateOrgSettingsBody>;
