import {
  AcceptInvitationBody,
  CreatedInvitation,
  CreateInvitationBody,
  IdParams,
  ImportInvitationsBody,
  ImportReport,
  Invitation,
  InvitationList,
  InvitationPreview,
  InvitationPreviewQuery,
  SessionResponse,
} from '@leeway/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { access } from '../../lib/access.ts';
import { errorResponses } from '../../lib/problem.ts';
import type { App } from '../../lib/types.ts';
import * as service from './service.ts';

export default async function invitationRoutes(app: App) {
  const publicCtx = () => ({ db: app.db, clock: app.clock, config: app.config });
  const origin = (request: FastifyRequest) =>
    app.config.publicUrl?.replace(/\/$/, '') ?? `${request.protocol}://${request.host}`;

  app.post(
    '/api/invitations',
    {
      config: { access: access.roles('admin', 'lead') },
      schema: {
        tags: ['invitations'],
        operationId: 'createInvitation',
        summary:
          'Invite one person; the link is sent by e-mail (kept in the outbox without SMTP_URL)',
        description:
          'Admins invite anyone (a member or lead needs `teamId`; optional for an admin) and get the single-use token and a copyable URL back. Leads invite members to a team they lead and get only `{id, expiresAt}`: the link reaches the invitee by e-mail, never the lead.',
        body: CreateInvitationBody,
        response: {
          201: CreatedInvitation,
          ...errorResponses(400, 401, 403, 404, 409, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const created = await service.createInvitation(app.ctx(request), request.body, {
        origin: origin(request),
      });
      app.scheduler.kick();
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/invitations',
    {
      config: { access: access.roles('admin', 'lead') },
      schema: {
        tags: ['invitations'],
        operationId: 'listInvitations',
        summary: "Invitations of the org (admins) or of the caller's teams (leads), without tokens",
        response: { 200: InvitationList, ...errorResponses(401, 403) },
      },
    },
    async (request) => service.listInvitations(app.ctx(request)),
  );

  app.post(
    '/api/invitations/:id/resend',
    {
      config: { access: access.roles('admin') },
      schema: {
        tags: ['invitations'],
        operationId: 'resendInvitation',
        summary:
          'Send a pending or expired invitation again with a new link (the old one stops working)',
        description:
          'Admins only. The invitation gets a new token and the full period again; the e-mail goes out again and the link is returned. An accepted invitation is refused (409): that person has an account.',
        params: IdParams,
        response: { 200: Invitation, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      service.resendInvitation(app.ctx(request), request.params.id, { origin: origin(request) }),
  );

  app.delete(
    '/api/invitations/:id',
    {
      config: { access: access.roles('admin') },
      schema: {
        tags: ['invitations'],
        operationId: 'revokeInvitation',
        summary: 'Revoke a pending or expired invitation: its link stops working at once',
        description:
          'Admins only; recorded in the audit log. An accepted invitation is refused (409): deactivate the person instead.',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await service.revokeInvitation(app.ctx(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/invitations/import',
    {
      config: { access: access.roles('admin') },
      schema: {
        tags: ['invitations'],
        operationId: 'importInvitations',
        summary: 'Invite many people from CSV text (email,name,role,team) with a per-row report',
        body: ImportInvitationsBody,
        response: { 200: ImportReport, ...errorResponses(400, 401, 403, 413, 415) },
      },
      bodyLimit: 2 * 1024 * 1024,
    },
    async (request) => {
      const report = await service.importInvitations(app.ctx(request), request.body.csv, {
        origin: origin(request),
      });
      app.scheduler.kick();
      return report;
    },
  );

  app.get(
    '/api/invitations/preview',
    {
      config: { access: access.anyone() },
      schema: {
        tags: ['invitations'],
        operationId: 'previewInvitation',
        summary: 'Who an invitation is for, so the accept page can greet them',
        querystring: InvitationPreviewQuery,
        response: { 200: InvitationPreview, ...errorResponses(400, 404, 410) },
      },
    },
    async (request) => service.previewInvitation(publicCtx(), request.query.token),
  );

  app.post(
    '/api/invitations/accept',
    {
      config: { access: access.anyone() },
      schema: {
        tags: ['invitations'],
        operationId: 'acceptInvitation',
        summary: 'Accept an invitation: set a password and sign in (sets the session cookie)',
        body: AcceptInvitationBody,
        response: { 201: SessionResponse, ...errorResponses(400, 404, 409, 410, 413, 415, 429) },
      },
      preHandler: app.loginRateLimits.perAddress,
    },
    async (request, reply) => {
      const user = await service.acceptInvitation(publicCtx(), request.body);
      await app.issueSession(reply, user.id);
      return reply.code(201).send({ user });
    },
  );
}
