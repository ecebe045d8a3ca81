import { type Static, Type } from '@sinclair/typebox';
import { Id, Nullable } from './common.ts';

export const MessageKind = Type.Union(
  [
    Type.Literal('invitation'),
    Type.Literal('team_added'),
    Type.Literal('pulse_open'),
    Type.Literal('pulse_reminder'),
    Type.Literal('results_ready'),
    Type.Literal('experiment_ending'),
    Type.Literal('no_experiment'),
    Type.Literal('digest'),
    Type.Literal('password_reset'),
  ],
  { description: 'What the message is about' },
);
export type MessageKind = Static<typeof MessageKind>;

export const OutboxStatus = Type.Union(
  [
    Type.Literal('kept'),
    Type.Literal('pending'),
    Type.Literal('sending'),
    Type.Literal('sent'),
    Type.Literal('failed'),
    Type.Literal('suppressed'),
  ],
  {
    description:
      'kept: stored only (no SMTP_URL); pending: waiting for its (next) attempt; sending; sent; failed: given up after retries or refused for good; suppressed: the recipient switched it off',
  },
);
export type OutboxStatus = Static<typeof OutboxStatus>;

export const OutboxMessage = Type.Object({
  id: Id,
  kind: MessageKind,
  channel: Type.Union([Type.Literal('email'), Type.Literal('slack'), Type.Literal('teams')]),
  to: Type.String({ description: 'Recipient e-mail address, or the team of a chat message' }),
  toName: Type.String(),
  subject: Type.String(),
  reason: Type.String({ description: 'Why it was sent' }),
  status: OutboxStatus,
  attempts: Type.Integer({ minimum: 0 }),
  lastError: Nullable(Type.String()),
  nextAttemptAt: Nullable(Type.String({ format: 'date-time' })),
  sentAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
  body: Type.String({
    description: 'Plain-text body, as sent (a password-reset link is never kept)',
  }),
});
export type OutboxMessage = Static<typeof OutboxMessage>;
export const OutboxList = Type.Object({
  messages: Type.Array(OutboxMessage, {
    description:
      'Newest first. Reminders are never listed: who was reminded is nobody else’s business',
  }),
});
export type OutboxList = Static<typeof OutboxList>;
