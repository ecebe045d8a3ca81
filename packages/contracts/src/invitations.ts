import { type Static, Type } from '@sinclair/typebox';
import { Email, Id, Password, PersonName, Role } from './common.ts';

export const CreateInvitationBody = Type.Object(
  {
    email: Email,
    name: PersonName,
    role: Role,
    teamId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type CreateInvitationBody = Static<typeof CreateInvitationBody>;

export const Invitation = Type.Object({
  id: Id,
  token: Type.String({ description: 'Single-use secret; shown once, to admins only' }),
  url: Type.String({ description: 'Copyable link that opens the accept page; admins only' }),
  expiresAt: Type.String({ format: 'date-time' }),
  email: Type.String(),
  name: Type.String(),
  role: Role,
  teamId: Type.Union([Id, Type.Null()]),
});
export type Invitation = Static<typeof Invitation>;

/** What a lead gets back: the link goes to the invitee's address only, never to the lead. */
export const InvitationReceipt = Type.Object({
  id: Id,
  expiresAt: Type.String({ format: 'date-time' }),
});
export type InvitationReceipt = Static<typeof InvitationReceipt>;
export const CreatedInvitation = Type.Union([Invitation, InvitationReceipt], {
  description: 'An admin gets the invitation with its token and url; a lead only {id, expiresAt}',
});
export type CreatedInvitation = Static<typeof CreatedInvitation>;

export const PendingInvitation = Type.Object({
  id: Id,
  email: Type.String(),
  name: Type.String(),
  role: Role,
  teamId: Type.Union([Id, Type.Null()]),
  expiresAt: Type.String({ format: 'date-time' }),
  status: Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('expired')]),
});
export type PendingInvitation = Static<typeof PendingInvitation>;
export const InvitationList = Type.Object({ invitations: Type.Array(PendingInvitation) });
export type InvitationList = Static<typeof InvitationList>;

export const InvitationPreviewQuery = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 200 }),
});
export const InvitationPreview = Type.Object({
  email: Type.String(),
  name: Type.String(),
  role: Role,
  orgName: Type.String(),
  teamName: Type.Union([Type.String(), Type.Null()]),
});
export type InvitationPreview = Static<typeof InvitationPreview>;

export const AcceptInvitationBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200 }), password: Password },
  { additionalProperties: false },
);
export type AcceptInvitationBody = Static<typeof AcceptInvitationBody>;

export const ImportInvitationsBody = Type.Object(
  {
    csv: Type.String({
      minLength: 1,
      maxLength: 1_000_000,
      description: 'CSV text with header email,name,role,team',
    }),
  },
  { additionalProperties: false },
);
export type ImportInvitationsBody = Static<typeof ImportInvitationsBody>;

export const ImportRow = Type.Object({
  line: Type.Integer({ description: 'Line number in the file (header is line 1)' }),
  email: Type.String(),
  status: Type.Union([Type.Literal('created'), Type.Literal('refused')]),
  reason: Type.Optional(Type.String()),
  invitation: Type.Optional(Invitation),
});
export type ImportRow = Static<typeof ImportRow>;
export const ImportReport = Type.Object({
  created: Type.Integer(),
  refused: Type.Integer(),
  rows: Type.Array(ImportRow),
});
export type ImportReport = Static<typeof ImportReport>;
