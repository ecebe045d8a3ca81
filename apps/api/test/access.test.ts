import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessRule, Relation } from '../src/lib/access.ts';
import { type Client, client } from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { buildWorld, type World } from './helpers/world.ts';

/**
 * The authorisation matrix, generated from the app's own route table: every /api route × every
 * role × own team / another team / another org. A route added without an access rule fails to
 * register at all; a route added with one is covered here automatically.
 */
let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t.app);
});
afterAll(() => t.close());

type Role = 'admin' | 'lead' | 'member';
type Target = 'own' | 'otherTeam' | 'otherOrg';

function callerOf(role: Role): Client {
  return role === 'admin' ? w.a.admin : role === 'lead' ? w.lead.api : w.member.api;
}

function teamOf(target: Target): { id: string; name: string } {
  return target === 'own' ? w.a1 : target === 'otherTeam' ? w.a2 : w.b1;
}

/** Ids for every kind of resource a route can be scoped by; a new kind must be added here. */
async function resourceId(rule: AccessRule, target: Target): Promise<string> {
  if (rule.allow === 'anyone' || rule.allow === 'signedIn' || !rule.resource) return 'none';
  if (rule.resource === 'team') return teamOf(target).id;
  if (rule.resource === 'experiment') return w.experiments[target];
  if (rule.resource === 'idea') return w.ideas[target];
  throw new Error(`no fixture for resource kind ${rule.resource}`);
}

function relationsOf(role: Role, target: Target): Set<Relation> {
  const held = new Set<Relation>([
    role === 'admin' ? 'admin' : role === 'lead' ? 'lead' : 'teamMember',
  ]);
  if (role === 'member' && target !== 'own') held.delete('teamMember');
  if (role === 'lead' && target === 'own') held.add('teamLead');
  return held;
}

function expected(rule: AccessRule, role: Role, target: Target): 'allowed' | 403 | 404 {
  if (rule.allow === 'anyone' || rule.allow === 'signedIn') return 'allowed';
  if (rule.resource && target === 'otherOrg') return 404;
  const held = relationsOf(role, rule.resource ? target : 'own');
  if (!rule.resource) held.delete('teamMember');
  return rule.allow.some((r) => held.has(r)) ? 'allowed' : 403;
}

function urlFor(url: string, id: string): string {
  return url.replace(/:(ideaId|teamId|id)\b/g, id);
}

describe('authorisation matrix', () => {
  it('covers every /api route with an access rule', () => {
    const routes = t.app.routeTable.filter((r) => !r.url.startsWith('/api/docs'));
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) expect(route.access).toBeDefined();
  });

  it('refuses every protected route without a session (401)', async () => {
    for (const route of t.app.routeTable) {
      if (route.access.allow === 'anyone') continue;
      const res = await client(t.app).send(
        route.method as 'GET',
        urlFor(route.url, w.a1.id),
        route.method === 'GET' ? undefined : {},
      );
      expect(res.status, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('answers every role × route × target as the route declares', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of t.app.routeTable) {
      if (route.access.allow === 'anyone') continue;
      const scoped = route.access.allow !== 'signedIn' && route.access.resource !== undefined;
      const targets: Target[] = scoped ? ['own', 'otherTeam', 'otherOrg'] : ['own'];
      for (const role of ['admin', 'lead', 'member'] as Role[]) {
        for (const target of targets) {
          const id = await resourceId(route.access, target);
          const res = await callerOf(role).send(
            route.method as 'GET',
            urlFor(route.url, id),
            route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
          );
          const want = expected(route.access, role, target);
          checked++;
          const ok =
            want === 'allowed'
              ? ![401, 403].includes(res.status) && !(scoped && res.status === 404)
              : res.status === want;
          if (!ok)
            failures.push(
              `${role} ${route.method} ${route.url} [${target}] → ${res.status}, expected ${want}`,
            );
          if (want !== 'allowed') {
            // a refusal carries nothing of the object
            const name = teamOf(target).name;
            if (res.raw.includes(name))
              failures.push(
                `${role} ${route.method} ${route.url} [${target}] leaked the team name`,
              );
            expect(String(res.headers['content-type'])).toMatch(/application\/problem\+json/);
          }
          expect(res.status, `${route.method} ${route.url}`).toBeLessThan(500);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });
});
