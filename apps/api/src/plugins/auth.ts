import fastifyCookie from '@fastify/cookie';
import fastifyJwt from '@fastify/jwt';
import { schema } from '@leeway/db';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AccessRule, Relation } from '../lib/access.ts';
import type { Caller, Ctx } from '../lib/context.ts';
import { AppError } from '../lib/errors.ts';

export const SESSION_COOKIE = 'leeway_session';

export interface SessionClaims {
  sub: string;
  sid: string;
  org: string;
  iat: number;
  exp: number;
  nbf?: number;
}

export interface Scope {
  teamId: string;
  relations: Set<Relation>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
  interface FastifyRequest {
    caller: Caller | null;
    scope: Scope | null;
  }
  interface FastifyInstance {
    /** Every /api route with its access rule, as registered; the authorisation matrix reads it. */
    routeTable: { method: string; url: string; access: AccessRule }[];
    ctx(request: FastifyRequest): Ctx;
    issueSession(reply: FastifyReply, userId: string): Promise<string>;
  }
}

const unauthenticated = (detail = 'Sign in to continue.') =>
  new AppError('unauthenticated', detail);

function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(header);
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
    return match[1];
  }
  return request.cookies[SESSION_COOKIE];
}

async function auth(app: FastifyInstance) {
  await app.register(fastifyCookie);
  await app.register(fastifyJwt, {
    secret: app.config.jwtSecret,
    sign: { algorithm: 'HS256' },
    // Expiry is checked below against the injectable clock, so time is one thing everywhere.
    verify: { algorithms: ['HS256'], ignoreExpiration: true, ignoreNotBefore: true },
  });

  app.decorateRequest('caller', null);
  app.decorateRequest('scope', null);
  app.decorate('routeTable', []);

  app.decorate('ctx', (request: FastifyRequest): Ctx => {
    if (!request.caller) throw unauthenticated();
    return { db: app.db, clock: app.clock, config: app.config, caller: request.caller };
  });

  app.decorate('issueSession', async (reply: FastifyReply, userId: string) => {
    const [user] = await app.db
      .select({
        id: schema.users.id,
        orgId: schema.users.orgId,
        authVersion: schema.users.authVersion,
      })
      .from(schema.users)
      .where(eq(schema.users.id, userId));
    if (!user) throw new AppError('internal', 'session for a missing user');
    const now = app.clock.now();
    const ttl = app.config.sessionTtlSeconds;
    const expiresAt = new Date(now.getTime() + ttl * 1000);
    const [session] = await app.db
      .insert(schema.sessions)
      .values({
        orgId: user.orgId,
        userId,
        authVersion: user.authVersion,
        createdAt: now,
        expiresAt,
      })
      .returning({ id: schema.sessions.id });
    const iat = Math.floor(now.getTime() / 1000);
    const token = app.jwt.sign({
      sub: userId,
      sid: session!.id,
      org: user.orgId,
      iat,
      exp: iat + ttl,
    });
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: app.config.nodeEnv === 'production',
      path: '/',
      maxAge: ttl,
    });
    return token;
  });

  // Every authenticated request runs this: prepared once, so the database plans it once per
  // connection instead of on every request.
  const callerQuery = app.db
    .select({
      userId: schema.users.id,
      orgId: schema.users.orgId,
      role: schema.users.role,
      name: schema.users.name,
      email: schema.users.email,
      userAuthVersion: schema.users.authVersion,
      deactivatedAt: schema.users.deactivatedAt,
      sessionAuthVersion: schema.sessions.authVersion,
      expiresAt: schema.sessions.expiresAt,
      revokedAt: schema.sessions.revokedAt,
      // The caller's teams in the same round trip: every authenticated request pays for this.
      leadTeamIds: sql<string[]>`array(select ${schema.teamLeads.teamId} from ${schema.teamLeads}
          where ${schema.teamLeads.userId} = ${schema.users.id})`,
      memberTeamId: sql<string | null>`(select ${schema.memberships.teamId}
          from ${schema.memberships} where ${schema.memberships.userId} = ${schema.users.id}
          and ${schema.memberships.leftAt} is null limit 1)`,
      org: {
        id: schema.orgs.id,
        name: schema.orgs.name,
        timezone: schema.orgs.timezone,
        earlierZones: schema.orgs.earlierZones,
        minGroupSize: schema.orgs.minGroupSize,
        baselineWeeks: schema.orgs.baselineWeeks,
        createdAt: schema.orgs.createdAt,
      },
    })
    .from(schema.sessions)
    .innerJoin(schema.users, eq(schema.users.id, schema.sessions.userId))
    .innerJoin(schema.orgs, eq(schema.orgs.id, schema.users.orgId))
    .where(
      and(
        eq(schema.sessions.id, sql.placeholder('sid')),
        eq(schema.sessions.userId, sql.placeholder('sub')),
      ),
    )
    .prepare('leeway_caller');

  async function loadCaller(claims: SessionClaims): Promise<Caller> {
    const rows = await callerQuery.execute({ sid: claims.sid, sub: claims.sub });
    const row = rows[0];
    const now = app.clock.now();
    if (
      !row ||
      row.orgId !== claims.org ||
      row.revokedAt !== null ||
      row.deactivatedAt !== null ||
      row.expiresAt <= now ||
      row.sessionAuthVersion !== row.userAuthVersion
    ) {
      throw unauthenticated('Your session has ended. Sign in again.');
    }
    return {
      userId: row.userId,
      sessionId: claims.sid,
      orgId: row.orgId,
      role: row.role,
      name: row.name,
      email: row.email,
      leadTeamIds: row.leadTeamIds,
      memberTeamId: row.memberTeamId,
      org: row.org,
    };
  }

  function verifyClaims(token: string): SessionClaims {
    let claims: Partial<SessionClaims>;
    try {
      claims = app.jwt.verify<Partial<SessionClaims>>(token);
    } catch {
      throw unauthenticated('The session token is invalid.');
    }
    const now = Math.floor(app.clock.now().getTime() / 1000);
    if (
      typeof claims.sub !== 'string' ||
      typeof claims.sid !== 'string' ||
      typeof claims.org !== 'string' ||
      typeof claims.iat !== 'number' ||
      typeof claims.exp !== 'number'
    ) {
      throw unauthenticated('The session token is missing required claims.');
    }
    if (claims.exp <= now) throw unauthenticated('Your session has expired. Sign in again.');
    if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > now)) {
      throw unauthenticated('The session token is not valid yet.');
    }
    return claims as SessionClaims;
  }

  /** Reads the session if there is one; never throws for a missing or bad one. */
  async function optionalCaller(request: FastifyRequest): Promise<Caller | null> {
    try {
      const token = tokenOf(request);
      return token ? await loadCaller(verifyClaims(token)) : null;
    } catch (error) {
      if (error instanceof AppError) return null;
      throw error;
    }
  }

  app.decorate('optionalCaller', optionalCaller);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    if (route.url.startsWith('/api/docs') && !route.config?.access) {
      route.config = { ...route.config, access: { allow: 'anyone' } };
    }
    const rule = route.config?.access;
    if (!rule) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule`);
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      app.routeTable.push({ method, url: route.url, access: rule });
    }
  });

  app.addHook('onRequest', async (request) => {
    const rule = request.routeOptions.config?.access;
    if (!rule || rule.allow === 'anyone') return;
    const token = tokenOf(request);
    if (!token) throw unauthenticated();
    request.caller = await loadCaller(verifyClaims(token));
  });

  app.addHook('preValidation', async (request) => {
    const rule = request.routeOptions.config?.access;
    if (!rule || rule.allow === 'anyone' || rule.allow === 'signedIn') return;
    const caller = request.caller!;
    const held = new Set<Relation>();
    if (caller.role === 'admin') held.add('admin');
    if (caller.role === 'lead') held.add('lead');
    if (rule.resource) {
      const teamId = await resolveTeam(
        app,
        caller,
        rule.resource,
        request.params as Record<string, string>,
      );
      if (caller.leadTeamIds.includes(teamId)) held.add('teamLead');
      if (caller.memberTeamId === teamId) held.add('teamMember');
      request.scope = { teamId, relations: held };
    }
    if (!rule.allow.some((r) => held.has(r))) {
      throw new AppError('forbidden', 'Your role does not allow this.');
    }
  });
}

/** Finds the team a route's resource belongs to, within the caller's org only (else 404). */
async function resolveTeam(
  app: FastifyInstance,
  caller: Caller,
  kind: 'team' | 'experiment' | 'idea',
  params: Record<string, string>,
): Promise<string> {
  const { db } = app;
  if (kind === 'team') {
    const teamId = params.teamId ?? '';
    // Teams the caller leads or belongs to were just read with the caller, from their own org.
    if (caller.leadTeamIds.includes(teamId) || caller.memberTeamId === teamId) return teamId;
    const [team] = await db
      .select({ id: schema.teams.id })
      .from(schema.teams)
      .where(and(eq(schema.teams.id, teamId), eq(schema.teams.orgId, caller.orgId)));
    if (!team) throw new AppError('not_found', 'Team was not found.');
    return team.id;
  }
  if (kind === 'experiment') {
    const id = params.id ?? '';
    const [row] = await db
      .select({ teamId: schema.experiments.teamId })
      .from(schema.experiments)
      .where(and(eq(schema.experiments.id, id), eq(schema.experiments.orgId, caller.orgId)));
    if (!row) throw new AppError('not_found', 'Experiment was not found.');
    return row.teamId;
  }
  const id = params.ideaId ?? params.id ?? '';
  const [row] = await db
    .select({ teamId: schema.ideas.teamId })
    .from(schema.ideas)
    .where(and(eq(schema.ideas.id, id), eq(schema.ideas.orgId, caller.orgId)));
  if (!row) throw new AppError('not_found', 'Idea was not found.');
  return row.teamId;
}

declare module 'fastify' {
  interface FastifyInstance {
    optionalCaller(request: FastifyRequest): Promise<Caller | null>;
  }
}

export default fp(auth, { name: 'auth', dependencies: ['database'] });
