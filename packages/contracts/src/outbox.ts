import { type Static, Type } from '@sinclair/typebox';
import { Id } from './common.ts';

export const OutboxMessage = Type.Object({
  id: Id,
  kind: Type.Union([Type.Literal('invitation')]),
  to: Type.String({ description: 'Recipient e-mail address' }),
  toName: Type.String(),
  subject: Type.String(),
  status: Type.Union([Type.Literal('kept'), Type.Literal('sent'), Type.Literal('failed')], {
    description: 'kept: stored only (no mail server configured); sent; failed',
  }),
  createdAt: Type.String({ format: 'date-time' }),
  body: Type.String({ description: 'Plain-text body, as it would be sent' }),
});
export type OutboxMessage = Static<typeof OutboxMessage>;
export const OutboxList = Type.Object({
  messages: Type.Array(OutboxMessage, { description: 'Newest first' }),
});
export type OutboxList = Static<typeof OutboxList>;
