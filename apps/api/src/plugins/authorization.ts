import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AccessRule, Relation, ResourceKind } from '../lib/access.ts';
import type { Caller } from '../lib/context.ts';
import { AppError } from '../lib/errors.ts';
import {
  teamIdOfExperiment,
  teamIdOfIdea,
  teamIdOfTeam,
} from '../modules/auth/resources-repository.ts';

/**
 * May they: every /api route declares `config.access` (registering one without it throws), and
 * before validation the caller's relations (admin, lead, teamLead, teamMember) to the route's
 * resource are compared with the rule. `request.caller` was loaded by the authentication plugin.
 */

export interface Scope {
  teamId: string;
  relations: Set<Relation>;
}

declare module 'fastify' {
  interface FastifyRequest {
    scope: Scope | null;
  }
  interface FastifyInstance {
    /** Every /api route with its access rule, as registered; the authorisation matrix reads it. */
    routeTable: { method: string; url: string; access: AccessRule }[];
  }
}

const notFound = {
  team: 'Team was not found.',
  experiment: 'Experiment was not found.',
  idea: 'Idea was not found.',
} satisfies Record<ResourceKind, string>;

async function authorization(app: FastifyInstance) {
  app.decorateRequest('scope', null);
  app.decorate('routeTable', []);

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

  /** The team a route's resource belongs to, within the caller's org only (else 404). */
  async function teamOfResource(
    caller: Caller,
    kind: ResourceKind,
    params: Record<string, string>,
  ): Promise<string> {
    let teamId: string | undefined;
    if (kind === 'team') {
      const id = params.teamId ?? '';
      // Teams the caller leads or belongs to were read with the caller, from their own org.
      if (caller.leadTeamIds.includes(id) || caller.memberTeamId === id) return id;
      teamId = await teamIdOfTeam(app.db, caller.orgId, id);
    } else if (kind === 'experiment') {
      teamId = await teamIdOfExperiment(app.db, caller.orgId, params.id ?? '');
    } else {
      teamId = await teamIdOfIdea(app.db, caller.orgId, params.ideaId ?? params.id ?? '');
    }
    if (teamId === undefined) throw new AppError('not_found', notFound[kind]);
    return teamId;
  }

  app.addHook('preValidation', async (request) => {
    const rule = request.routeOptions.config?.access;
    if (!rule || rule.allow === 'anyone' || rule.allow === 'signedIn') return;
    const caller = request.caller!;
    const held = new Set<Relation>();
    if (caller.role === 'admin') held.add('admin');
    if (caller.role === 'lead') held.add('lead');
    if (rule.resource) {
      const teamId = await teamOfResource(
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

export default fp(authorization, { name: 'authorization', dependencies: ['authentication'] });
