import { type Static, type TSchema, Type } from '@sinclair/typebox';

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const Id = Type.String({ minLength: 1, maxLength: 64, description: 'Opaque identifier' });
export const IsoWeek = Type.String({
  pattern: '^[0-9]{4}-W[0-9]{2}$',
  description: 'ISO week in the organisation time zone, e.g. 2026-W10',
  examples: ['2026-W10'],
});
export const Role = Type.Union([
  Type.Literal('admin'),
  Type.Literal('lead'),
  Type.Literal('member'),
]);
export type Role = Static<typeof Role>;
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
export const Password = Type.String({ minLength: 10, maxLength: 256 });
export const PersonName = Type.String({ minLength: 1, maxLength: 120 });
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
