import fastifyCookie from '@fastify/cookie';
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AccessRule } from '../lib/access.ts';
import type { Caller, Ctx } from '../lib/context.ts';
import { AppError } from '../lib/errors.ts';
import {
  findSessionOwner,
  insertSession,
  prepareSessionQuery,
} from '../modules/auth/sessions-repository.ts';

/**
 * Who is calling: the session cookie and token (HS256, checked against the injectable clock),
 * issuing sessions, and loading `request.caller` for every route that needs one. Whether the
 * caller may do what they ask is the authorization plugin's business.
 */

export const SESSION_COOKIE = 'leeway_session';

export interface SessionClaims {
  sub: string;
  sid: string;
  org: string;
  iat: number;
  exp: number;
  nbf?: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
  interface FastifyRequest {
    caller: Caller | null;
  }
  interface FastifyInstance {
    ctx(request: FastifyRequest): Ctx;
    issueSession(reply: FastifyReply, userId: string): Promise<string>;
    /** The caller if the request carries a valid session; never throws for a missing or bad one. */
    optionalCaller(request: FastifyRequest): Promise<Caller | null>;
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

async function authentication(app: FastifyInstance) {
  await app.register(fastifyCookie);
  await app.register(fastifyJwt, {
    secret: app.config.jwtSecret,
    sign: { algorithm: 'HS256' },
    // Expiry is checked below against the injectable clock, so time is one thing everywhere.
    verify: { algorithms: ['HS256'], ignoreExpiration: true, ignoreNotBefore: true },
  });

  app.decorateRequest('caller', null);

  app.decorate('ctx', (request: FastifyRequest): Ctx => {
    if (!request.caller) throw unauthenticated();
    return { db: app.db, clock: app.clock, config: app.config, caller: request.caller };
  });

  app.decorate('issueSession', async (reply: FastifyReply, userId: string) => {
    const user = await findSessionOwner(app.db, userId);
    if (!user) throw new AppError('internal', 'session for a missing user');
    const now = app.clock.now();
    const ttl = app.config.sessionTtlSeconds;
    const sessionId = await insertSession(app.db, {
      orgId: user.orgId,
      userId,
      authVersion: user.authVersion,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ttl * 1000),
    });
    const iat = Math.floor(now.getTime() / 1000);
    const token = app.jwt.sign({
      sub: userId,
      sid: sessionId,
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

  const sessionOf = prepareSessionQuery(app.db);

  async function loadCaller(claims: SessionClaims): Promise<Caller> {
    const row = await sessionOf(claims.sid, claims.sub);
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

  app.decorate('optionalCaller', async (request: FastifyRequest): Promise<Caller | null> => {
    try {
      const token = tokenOf(request);
      return token ? await loadCaller(verifyClaims(token)) : null;
    } catch (error) {
      if (error instanceof AppError) return null;
      throw error;
    }
  });

  // A route open to anyone needs no session; every other one needs a valid one (401 otherwise).
  app.addHook('onRequest', async (request) => {
    const rule = request.routeOptions.config?.access;
    if (!rule || rule.allow === 'anyone') return;
    const token = tokenOf(request);
    if (!token) throw unauthenticated();
    request.caller = await loadCaller(verifyClaims(token));
  });
}

export default fp(authentication, { name: 'authentication', dependencies: ['database'] });
