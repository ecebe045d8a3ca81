import { type Static, Type } from '@sinclair/typebox';
import { TimeZone } from './common.ts';

export const OrgSettings = Type.Object({
  minGroupSize: Type.Integer({
    minimum: 3,
    description: 'k: smallest group whose aggregates are shown',
  }),
  timezone: Type.String(),
  baselineWeeks: Type.Integer({ minimum: 1, maximum: 4 }),
});
export type OrgSettings = Static<typeof OrgSettings>;
export const UpdateOrgSettingsBody = Type.Object(
  {
    minGroupSize: Type.Optional(Type.Integer({ minimum: 3, maximum: 100 })),
    timezone: Type.Optional(TimeZone),
    baselineWeeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateOrgSettingsBody = Static<typeof UpdateOrgSettingsBody>;
