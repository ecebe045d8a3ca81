import { createHash, randomBytes } from 'node:crypto';
import type {
  AcceptInvitationBody,
  CreatedInvitation,
  CreateInvitationBody,
  ImportReport,
  ImportRow,
  Invitation,
  InvitationList,
  InvitationPreview,
  Role,
} from '@leeway/contracts';
import { isEmail } from '@leeway/contracts/email';
import { IMPORT_ROWS_MAX, PERSON_NAME_MAX } from '@leeway/contracts/limits';
import { isRole } from '@leeway/domain/vocabulary';
import { parse } from 'csv-parse/sync';
import type { Ctx, PublicCtx } from '../../lib/context.ts';
import {
  AppError,
  conflict,
  forbidden,
  invalid,
  isUniqueViolation,
  notFound,
} from '../../lib/errors.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { inTransaction } from '../../lib/transaction.ts';
import { type AuditRecord, recordAudit } from '../audit/repository.ts';
import * as authRepo from '../auth/repository.ts';
import { invitationMessage } from '../mail/messages.ts';
import { enqueue } from '../outbox/service.ts';
import * as teamsRepo from '../teams/repository.ts';
import * as repo from './repository.ts';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface InviteOptions {
  /** Where the accept page lives, e.g. https://leeway.example.com */
  origin: string;
}

type Ref = { teamId?: string | undefined } & Omit<CreateInvitationBody, 'teamId'>;

/**
 * The rules of who may invite whom, shared by the single invite and the CSV import:
 * members and leads need a team; admins invite anyone; a lead only members of a team they lead.
 */
async function checkInvitation(
  ctx: Ctx,
  input: Ref,
): Promise<{ team: { id: string; name: string } | null }> {
  const { caller } = ctx;
  const teamId = input.teamId ?? null;
  let team: { id: string; name: string } | null = null;
  if (caller.role !== 'admin') {
    if (caller.role !== 'lead') throw forbidden('Only admins and team leads can invite people.');
    if (input.role !== 'member') throw forbidden('Leads can invite members only.');
  }
  if (teamId === null) {
    if (input.role !== 'admin') throw invalid('teamId', `is required for a ${input.role}`);
  } else {
    const found = await teamsRepo.findTeam(ctx.db, caller.orgId, teamId);
    if (!found) throw notFound('Team');
    team = { id: found.id, name: found.name };
    if (caller.role === 'lead' && !caller.leadTeamIds.includes(teamId)) {
      throw forbidden('Leads can invite members to the teams they lead only.');
    }
  }
  // Only this org's people: an account in another org is not this org's business, so such an
  // address is invited exactly like an unknown one.
  if (await authRepo.findUserInOrgByEmail(ctx.db, caller.orgId, input.email.trim())) {
    throw conflict(`${input.email.trim()} already has an account.`);
  }
  return { team };
}

/** How an invitation describes what the person is invited to. */
function joiningOf(team: { name: string } | null, role: Role): string {
  if (role === 'lead' && team) return `to lead the team ${team.name}`;
  if (team) return `to join the team ${team.name}`;
  return role === 'admin' ? 'as an admin' : 'to join';
}

/** Stores the invitation and the message carrying its link, together. */
async function issue(
  ctx: Ctx,
  input: {
    email: string;
    name: string;
    role: Role;
    team: { id: string; name: string } | null;
  },
  options: InviteOptions,
): Promise<Invitation> {
  const token = randomBytes(32).toString('base64url');
  const url = `${options.origin}/accept?token=${encodeURIComponent(token)}`;
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ctx.config.invitationTtlDays * 24 * 60 * 60 * 1000);
  const email = input.email.trim();
  const name = input.name.trim();
  const row = await inTransaction(ctx.db, async (tx) => {
    const inserted = await repo.insertInvitation(tx, {
      orgId: ctx.caller.orgId,
      email,
      name,
      role: input.role,
      teamId: input.team?.id ?? null,
      tokenHash: hashToken(token),
      invitedBy: ctx.caller.userId,
      createdAt: now,
      expiresAt,
    });
    await enqueue(
      tx,
      ctx.config,
      [
        invitationMessage(
          ctx.config,
          { orgId: ctx.caller.orgId, orgName: ctx.caller.org.name, email, name },
          {
            invitationId: inserted.id,
            inviterName: ctx.caller.name,
            joining: joiningOf(input.team, input.role),
            url,
            expiresAt,
            timezone: ctx.caller.org.timezone,
          },
        ),
      ],
      now,
    );
    return inserted;
  });
  return {
    id: row.id,
    token,
    url,
    expiresAt: expiresAt.toISOString(),
    email: row.email,
    name: row.name,
    role: row.role,
    teamId: row.teamId,
  };
}

/**
 * Invites one person. The link goes out by e-mail (the outbox for now); only an admin also gets
 * it back, because a lead who could read it could accept it and fill a team with accounts of
 * their own.
 */
export async function createInvitation(
  ctx: Ctx,
  input: CreateInvitationBody,
  options: InviteOptions,
): Promise<CreatedInvitation> {
  const { team } = await checkInvitation(ctx, input);
  const invitation = await issue(ctx, { ...input, team }, options);
  if (ctx.caller.role === 'admin') return invitation;
  return { id: invitation.id, expiresAt: invitation.expiresAt };
}

export async function listInvitations(ctx: Ctx): Promise<InvitationList> {
  const { caller } = ctx;
  const rows = await repo.listInvitations(
    ctx.db,
    caller.orgId,
    caller.role === 'admin' ? undefined : caller.leadTeamIds,
  );
  const now = ctx.clock.now();
  return {
    invitations: rows.map((r) => ({
      id: r.id,
      email: r.email,
      name: r.name,
      role: r.role,
      teamId: r.teamId,
      expiresAt: r.expiresAt.toISOString(),
      status: r.acceptedAt ? 'accepted' : r.expiresAt <= now ? 'expired' : 'pending',
    })),
  };
}

/** A pending or expired invitation, for resending or revoking; an accepted one is a person now. */
async function openInvitation(ctx: Ctx, tx: Parameters<typeof repo.lockInvitation>[0], id: string) {
  const found = await repo.lockInvitation(tx, ctx.caller.orgId, id);
  if (!found) throw notFound('Invitation');
  if (found.invitation.acceptedAt) {
    throw conflict(
      `${found.invitation.name} accepted this invitation and has an account: change or deactivate them under People instead.`,
    );
  }
  return found;
}

/**
 * Sends a pending or expired invitation again with a new link, valid for the full period; the
 * old link stops working. Admins only, so the link is returned as when it was created.
 */
export async function resendInvitation(
  ctx: Ctx,
  id: string,
  options: InviteOptions,
): Promise<Invitation> {
  const token = randomBytes(32).toString('base64url');
  const url = `${options.origin}/accept?token=${encodeURIComponent(token)}`;
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ctx.config.invitationTtlDays * 24 * 60 * 60 * 1000);
  const row = await inTransaction(ctx.db, async (tx) => {
    const { invitation, teamName } = await openInvitation(ctx, tx, id);
    const renewed = await repo.renewInvitation(tx, invitation.id, {
      tokenHash: hashToken(token),
      expiresAt,
    });
    if (!renewed) throw notFound('Invitation');
    const team = invitation.teamId && teamName ? { name: teamName } : null;
    const message = invitationMessage(
      ctx.config,
      {
        orgId: ctx.caller.orgId,
        orgName: ctx.caller.org.name,
        email: invitation.email,
        name: invitation.name,
      },
      {
        invitationId: invitation.id,
        inviterName: ctx.caller.name,
        joining: joiningOf(team, invitation.role),
        url,
        expiresAt,
        timezone: ctx.caller.org.timezone,
      },
    );
    // Each sending is a message of its own: the outbox keeps one per key.
    await enqueue(tx, ctx.config, [{ ...message, key: `${message.key}:${now.getTime()}` }], now);
    await recordAudit(tx, [
      {
        orgId: ctx.caller.orgId,
        actorId: ctx.caller.userId,
        teamId: invitation.teamId,
        action: 'invitation.resent',
        detail: { invitationId: invitation.id, email: invitation.email, name: invitation.name },
        at: now,
      },
    ]);
    return renewed;
  });
  return {
    id: row.id,
    token,
    url,
    expiresAt: expiresAt.toISOString(),
    email: row.email,
    name: row.name,
    role: row.role,
    teamId: row.teamId,
  };
}

/** Revokes a pending or expired invitation: its link stops working at once. Audited. */
export async function revokeInvitation(ctx: Ctx, id: string): Promise<void> {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (tx) => {
    const { invitation } = await openInvitation(ctx, tx, id);
    await repo.deleteInvitation(tx, invitation.id);
    await recordAudit(tx, [
      {
        orgId: ctx.caller.orgId,
        actorId: ctx.caller.userId,
        teamId: invitation.teamId,
        action: 'invitation.revoked',
        detail: {
          invitationId: invitation.id,
          email: invitation.email,
          name: invitation.name,
          role: invitation.role,
        },
        at: now,
      },
    ]);
  });
}

async function usableInvitation(ctx: PublicCtx, token: string) {
  const found = await repo.findByTokenHash(ctx.db, hashToken(token));
  if (!found) throw notFound('Invitation');
  if (found.invitation.acceptedAt)
    throw new AppError('gone', 'This invitation has already been used.');
  if (found.invitation.expiresAt <= ctx.clock.now()) {
    throw new AppError('gone', 'This invitation has expired. Ask for a new one.');
  }
  return found;
}

export async function previewInvitation(ctx: PublicCtx, token: string): Promise<InvitationPreview> {
  const { invitation, orgName, teamName } = await usableInvitation(ctx, token);
  return {
    email: invitation.email,
    name: invitation.name,
    role: invitation.role,
    orgName,
    teamName,
  };
}

export async function acceptInvitation(ctx: PublicCtx, input: AcceptInvitationBody) {
  const { invitation } = await usableInvitation(ctx, input.token);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  try {
    const accepted = await inTransaction(ctx.db, async (tx) => {
      const claimed = await repo.claimInvitation(tx, invitation.id, now);
      if (!claimed) throw new AppError('gone', 'This invitation has already been used.');
      if (await authRepo.findUserInOrgByEmail(tx, claimed.orgId, claimed.email)) {
        throw conflict(`${claimed.email} already has an account. Sign in instead.`);
      }
      const user = await authRepo.insertUser(tx, {
        orgId: claimed.orgId,
        email: claimed.email,
        name: claimed.name,
        role: claimed.role,
        passwordHash,
        createdAt: now,
      });
      const audit = {
        orgId: claimed.orgId,
        actorId: claimed.invitedBy,
        subjectUserId: user.id,
        at: now,
      };
      const events: AuditRecord[] = [
        {
          ...audit,
          action: 'person.joined',
          detail: { role: claimed.role, invitationId: claimed.id },
        },
      ];
      if (claimed.teamId) {
        if (claimed.role === 'lead') {
          await teamsRepo.addLead(tx, {
            orgId: claimed.orgId,
            userId: user.id,
            teamId: claimed.teamId,
          });
          events.push({
            ...audit,
            action: 'lead.assigned',
            teamId: claimed.teamId,
            detail: { via: 'invitation' },
          });
        } else {
          await teamsRepo.addMembership(tx, {
            orgId: claimed.orgId,
            userId: user.id,
            teamId: claimed.teamId,
            joinedAt: now,
          });
          events.push({
            ...audit,
            action: 'membership.joined',
            teamId: claimed.teamId,
            detail: { via: 'invitation' },
          });
        }
      }
      await recordAudit(tx, events);
      return { id: user.id, name: user.name, email: user.email, role: user.role };
    });
    return accepted;
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict('This e-mail already has an account. Sign in instead.');
    throw error;
  }
}

/** Invites everyone in a CSV (`email,name,role,team`); each row succeeds or is refused on its own. */
export async function importInvitations(
  ctx: Ctx,
  csv: string,
  options: InviteOptions,
): Promise<ImportReport> {
  let records: string[][];
  try {
    records = parse(csv, {
      bom: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    });
  } catch (error) {
    throw invalid('csv', `could not be read as CSV: ${(error as Error).message}`);
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  const columns = ['email', 'name', 'role', 'team'];
  const index = Object.fromEntries(columns.map((c) => [c, header.indexOf(c)]));
  const missing = columns.filter((c) => c !== 'team' && index[c] === -1);
  if (missing.length > 0) {
    throw invalid(
      'csv',
      `needs a header row with email,name,role,team (missing: ${missing.join(', ')})`,
    );
  }
  if (records.length > IMPORT_ROWS_MAX + 1) {
    throw invalid('csv', `may hold at most ${IMPORT_ROWS_MAX} people at a time`);
  }

  const rows: ImportRow[] = [];
  const seen = new Set<string>();
  for (const [i, record] of records.slice(1).entries()) {
    const line = i + 2;
    const cell = (c: string) => (index[c]! >= 0 ? (record[index[c]!] ?? '').trim() : '');
    const email = cell('email');
    const refuse = (reason: string) => rows.push({ line, email, status: 'refused', reason });
    const name = cell('name');
    const role = cell('role').toLowerCase();
    const teamName = cell('team');
    if (!isEmail(email)) {
      refuse('email is not a valid e-mail address');
      continue;
    }
    if (seen.has(email.toLowerCase())) {
      refuse('email appears more than once in this file');
      continue;
    }
    seen.add(email.toLowerCase());
    if (name === '' || name.length > PERSON_NAME_MAX) {
      refuse(`name is required (at most ${PERSON_NAME_MAX} characters)`);
      continue;
    }
    if (!isRole(role)) {
      refuse('role must be admin, lead or member');
      continue;
    }
    let teamId: string | undefined;
    if (teamName !== '') {
      const team = await teamsRepo.findTeamByName(ctx.db, ctx.caller.orgId, teamName);
      if (!team) {
        refuse(`team "${teamName}" does not exist`);
        continue;
      }
      teamId = team.id;
    }
    try {
      const input = { email, name, role, teamId };
      const checked = await checkInvitation(ctx, input);
      const invitation = await issue(ctx, { ...input, team: checked.team }, options);
      rows.push({ line, email, status: 'created', invitation });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refuse(
        error.errors?.[0]
          ? `${error.errors[0].field === 'teamId' ? 'team' : error.errors[0].field} ${error.errors[0].message}`
          : error.detail,
      );
    }
  }
  const created = rows.filter((r) => r.status === 'created').length;
  return { created, refused: rows.length - created, rows };
}
