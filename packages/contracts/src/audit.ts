import { type Static, Type } from '@sinclair/typebox';
import { Id, Nullable } from './common.ts';

/** `?limit=` of the admin's logs: 1–500 (a query string is text; no coercion). */
export const LogListQuery = Type.Object(
  {
    limit: Type.Optional(
      Type.String({
        pattern: '^(500|[1-4][0-9]{2}|[1-9][0-9]?)$',
        description: 'How many of the newest entries, 1–500 (default 100)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type LogListQuery = Static<typeof LogListQuery>;

const Ref = Type.Object({ id: Id, name: Type.String() });

export const AUDIT_ACTIONS = [
  'org.created',
  'person.joined',
  'person.deactivated',
  'person.reactivated',
  'role.changed',
  'membership.joined',
  'membership.moved',
  'membership.left',
  'lead.assigned',
  'lead.removed',
  'team.created',
  'team.renamed',
  'settings.changed',
  'invitation.resent',
  'invitation.revoked',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditEvent = Type.Object({
  id: Id,
  at: Type.String({ format: 'date-time' }),
  actor: Nullable(Ref),
  action: Type.String({ description: `One of ${AUDIT_ACTIONS.join(', ')}` }),
  subject: Nullable(Ref),
  team: Nullable(Ref),
  detail: Type.Object(
    {},
    {
      additionalProperties: true,
      description:
        'What changed, e.g. {from, to} of a role or team name, {field: {from, to}} of settings',
    },
  ),
});
export type AuditEvent = Static<typeof AuditEvent>;
export const AuditLog = Type.Object({
  events: Type.Array(AuditEvent, { description: 'Newest first' }),
});
export type AuditLog = Static<typeof AuditLog>;
