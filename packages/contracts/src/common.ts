import { ROLES } from '@leeway/domain/vocabulary';
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { EMAIL_PATTERN } from './email.ts';
import { EMAIL_MAX, EMAIL_MIN, PASSWORD_MAX, PASSWORD_MIN, PERSON_NAME_MAX } from './limits.ts';

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const Id = Type.String({ minLength: 1, maxLength: 64, description: 'Opaque identifier' });
export const IsoWeek = Type.String({
  pattern: '^[0-9]{4}-W[0-9]{2}$',
  description: 'ISO week in the organisation time zone, e.g. 2026-W10',
  examples: ['2026-W10'],
});
export const Role = Type.Union(ROLES.map((r) => Type.Literal(r)));
export type Role = Static<typeof Role>;
export const Email = Type.String({
  pattern: EMAIL_PATTERN,
  minLength: EMAIL_MIN,
  maxLength: EMAIL_MAX,
  description: 'An e-mail address',
});
export const Password = Type.String({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX });
export const PersonName = Type.String({ minLength: 1, maxLength: PERSON_NAME_MAX });
export const TimeZone = Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone' });

export const TeamIdParams = Type.Object({ teamId: Id });
export const IdParams = Type.Object({ id: Id });

export const ValidationIssue = Type.Object({ field: Type.String(), message: Type.String() });
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(ValidationIssue)),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);
export type Problem = Static<typeof Problem>;
