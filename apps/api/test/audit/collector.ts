import { addWeeks, weekRange } from '@leeway/domain/weeks';
import type { LeewayApp } from '../../src/app.ts';
import type { Client } from '../helpers/api.ts';
import type { World } from './scenario.ts';
import type { ExperimentRecord } from './truth.ts';

/**
 * What each role can fetch, read from the route table: every route under the team, org and
 * experiment prefixes either has a collector here or is on the allow-list of routes that carry
 * no aggregate of answers. A new route fails the audit until it is one or the other.
 */
export const FIGURE_ROUTES = [
  '/api/teams/:teamId/trends',
  '/api/teams/:teamId/comments',
  '/api/org/trends',
  '/api/org/heatmap',
  '/api/org/export.csv',
  '/api/org/experiment-types',
  '/api/org/drivers',
  '/api/teams/:teamId/recommendations',
  '/api/teams/:teamId/experiments/preflight',
  '/api/experiments/:id/impact',
  '/api/experiments/:id/votes',
] as const;
export type FigureRoute = (typeof FIGURE_ROUTES)[number];

/** The method of each figure route (the preflight computes from figures but is a POST). */
export const FIGURE_METHOD: Record<FigureRoute, string> = {
  '/api/teams/:teamId/trends': 'GET',
  '/api/teams/:teamId/comments': 'GET',
  '/api/org/trends': 'GET',
  '/api/org/heatmap': 'GET',
  '/api/org/export.csv': 'GET',
  '/api/org/experiment-types': 'GET',
  '/api/org/drivers': 'GET',
  '/api/teams/:teamId/recommendations': 'GET',
  '/api/teams/:teamId/experiments/preflight': 'POST',
  '/api/experiments/:id/impact': 'GET',
  '/api/experiments/:id/votes': 'GET',
};

/** Routes under the audited prefixes whose responses carry no figure built from answers. */
export const NON_FIGURE_ROUTES: Record<string, string> = {
  'GET /api/teams/:teamId': 'name, leads and the current member count',
  'PATCH /api/teams/:teamId': 'renames a team; answers with it',
  'GET /api/teams/:teamId/members': 'who is a member and since which week',
  'GET /api/teams/:teamId/experiments': 'the experiments, their calendar and decisions',
  'POST /api/teams/:teamId/experiments': 'launches an experiment; answers with it',
  'GET /api/teams/:teamId/ideas': 'ideas and their votes',
  'POST /api/teams/:teamId/ideas': 'proposes an idea; answers with it',
  'GET /api/teams/:teamId/webhook': "the team's chat channel (service and host)",
  'PUT /api/teams/:teamId/webhook': "sets the team's chat channel; answers with it",
  'DELETE /api/teams/:teamId/webhook': "removes the team's chat channel",
  'GET /api/org/settings': 'k, time zone and defaults',
  'PATCH /api/org/settings': 'changes them; answers with them',
  'GET /api/experiments/:id': 'one experiment',
  'PATCH /api/experiments/:id': 'cancels or records a decision; answers with the experiment',
  // The tally itself (GET) is a figure about people and is audited like one; casting a vote
  // answers with the tally of the open voting week, which the scenario checks shows nothing.
  'POST /api/experiments/:id/votes':
    'casts a vote; answers with the (empty) tally of the open week',
};

const AUDITED_PREFIXES = [
  /^\/api\/teams\/:teamId(\/|$)/,
  /^\/api\/org\//,
  /^\/api\/experiments\/:id(\/|$)/,
];

/** Routes under the audited prefixes that neither the collector nor the allow-list knows. */
export function unknownFigureRoutes(app: LeewayApp): string[] {
  const known = new Set<string>([
    ...FIGURE_ROUTES.map((r) => `${FIGURE_METHOD[r]} ${r}`),
    ...Object.keys(NON_FIGURE_ROUTES),
  ]);
  return [
    ...new Set(
      app.routeTable
        .filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS')
        .filter((r) => AUDITED_PREFIXES.some((p) => p.test(r.url)))
        .map((r) => `${r.method} ${r.url.replace(/\/$/, '')}`)
        .filter((route) => !known.has(route)),
    ),
  ].sort();
}

/** Figure routes the collector handles that the app does not have (not yet, or no longer). */
export function missingFigureRoutes(app: LeewayApp): string[] {
  const present = new Set(app.routeTable.map((r) => `${r.method} ${r.url}`));
  return FIGURE_ROUTES.filter((r) => !present.has(`${FIGURE_METHOD[r]} ${r}`));
}

export interface Snapshot {
  index: number;
  kind: 'monday' | 'light' | 'full';
  why: string;
  at: Date;
  /** The week in progress and the last closed week. */
  current: string;
  lastClosed: string;
  kNow: number;
  /** Closed weeks of the org, oldest first (its first week up to the last closed one). */
  closed: string[];
  teams: { id: string; name: string }[];
  experiments: ExperimentRecord[];
}

export interface Observation {
  snapshot: Snapshot;
  role: string;
  route: FigureRoute;
  url: string;
  params: Record<string, string>;
  status: number;
  body: any;
  raw: string;
}

/** Requests and time per figure route, over every collection (printed with AUDIT_VERBOSE). */
export const routeTime = new Map<string, { requests: number; ms: number }>();

export const HEATMAP_METRICS = [
  'engagement',
  'enps',
  'participation',
  'energy',
  'autonomy',
  'voice',
  'growth',
  'trust',
] as const;

export function snapshotOf(
  world: World,
  index: number,
  kind: Snapshot['kind'],
  why: string,
): Snapshot {
  const lastClosed = addWeeks(world.current.week, -1);
  return {
    index,
    kind,
    why,
    at: world.t.clock.now(),
    current: world.current.week,
    lastClosed,
    kNow: world.kNow,
    closed: lastClosed >= world.firstWeek ? weekRange(world.firstWeek, lastClosed) : [],
    teams: world.truth.teams.map((t) => ({ id: t.id, name: t.name })),
    experiments: world.truth.experiments.map((e) => ({ ...e })),
  };
}

/**
 * Windows [from, to] of closed weeks: `all` of them; `some`: every window of 1, 2 or 3 weeks and
 * the whole history; `light`: each single week and the whole history.
 */
export function windowsOf(closed: string[], which: 'all' | 'some' | 'light'): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < closed.length; i++) {
    for (let j = i; j < closed.length; j++) {
      const length = j - i + 1;
      const whole = i === 0 && j === closed.length - 1;
      if (which === 'all' || whole || length <= (which === 'some' ? 3 : 1)) {
        out.push([closed[i]!, closed[j]!]);
      }
    }
  }
  return out;
}

/**
 * Ranges that reach outside the closed history: before the org existed, into the week in
 * progress and beyond, only the open week, and the default range.
 */
export function probesOf(s: Snapshot): ([string, string] | null)[] {
  const first = s.closed[0] ?? s.current;
  return [
    null,
    [addWeeks(first, -2), addWeeks(first, -1)],
    [first, s.current],
    [s.lastClosed, addWeeks(s.current, 2)],
    [s.current, s.current],
    [addWeeks(s.current, 1), addWeeks(s.current, 3)],
  ];
}

const rangeQuery = (range: [string, string] | null) =>
  range ? `from=${range[0]}&to=${range[1]}` : '';

/**
 * Fetches, for each role, every figure endpoint it may call, over every range of closed weeks
 * (a light snapshot: the admin only, single weeks and the whole history).
 */
export async function collect(world: World, s: Snapshot): Promise<Observation[]> {
  const out: Observation[] = [];
  const full = s.kind === 'full';
  // A figure route the app does not have (yet, or any more) has nothing to collect; a renamed
  // one is an unknown route and fails the route check.
  const present = new Set(world.t.app.routeTable.map((r) => `${r.method} ${r.url}`));
  const get = async (
    role: string,
    api: Client,
    route: FigureRoute,
    url: string,
    params: Record<string, string>,
    body?: Record<string, unknown>,
  ) => {
    if (!present.has(`${FIGURE_METHOD[route]} ${route}`)) return;
    const started = performance.now();
    const res = body === undefined ? await api.get(url) : await api.post(url, body);
    const spent = routeTime.get(route) ?? { requests: 0, ms: 0 };
    spent.requests += 1;
    spent.ms += performance.now() - started;
    routeTime.set(route, spent);
    out.push({
      snapshot: s,
      role,
      route,
      url,
      params,
      status: res.status,
      body: res.body,
      raw: res.raw,
    });
  };
  const ranges = [...windowsOf(s.closed, 'all'), ...probesOf(s)];
  const someRanges = [...windowsOf(s.closed, 'some'), ...probesOf(s)];
  const lightRanges = [...windowsOf(s.closed, 'light'), ...probesOf(s)];
  const withQuery = (path: string, range: [string, string] | null, extra = '') => {
    const q = [rangeQuery(range), extra].filter(Boolean).join('&');
    return q ? `${path}?${q}` : path;
  };
  const params = (range: [string, string] | null) =>
    range ? { from: range[0], to: range[1] } : ({} as Record<string, string>);

  const admin = world.admin;
  // Org-wide figures: the one figure that counts hidden cells, over every range.
  for (const range of ranges) {
    await get(
      'admin',
      admin,
      '/api/org/trends',
      withQuery('/api/org/trends', range),
      params(range),
    );
  }
  for (const range of full ? ranges : lightRanges) {
    await get(
      'admin',
      admin,
      '/api/org/heatmap',
      withQuery('/api/org/heatmap', range, 'metric=engagement'),
      { ...params(range), metric: 'engagement' },
    );
  }
  const whole: [string, string] | null =
    s.closed.length > 0 ? [s.closed[0]!, s.closed.at(-1)!] : null;
  for (const metric of HEATMAP_METRICS.slice(1)) {
    await get(
      'admin',
      admin,
      '/api/org/heatmap',
      withQuery('/api/org/heatmap', whole, `metric=${metric}`),
      { ...params(whole), metric },
    );
  }
  for (const range of full ? someRanges : lightRanges.filter((r) => r !== null)) {
    await get(
      'admin',
      admin,
      '/api/org/export.csv',
      withQuery('/api/org/export.csv', range),
      params(range),
    );
  }
  await get('admin', admin, '/api/org/experiment-types', '/api/org/experiment-types', {});
  await get('admin', admin, '/api/org/drivers', '/api/org/drivers', {});

  // Team figures, as the admin, each team's lead and a member of each team.
  const viewers: { role: string; api: Client; teams: string[]; comments: boolean }[] = [
    { role: 'admin', api: admin, teams: s.teams.map((t) => t.id), comments: true },
  ];
  if (full) {
    const leads = new Map<string, { api: Client; teams: string[] }>();
    for (const [teamId, lead] of world.leads) {
      const entry = leads.get(lead.id) ?? { api: lead.api, teams: [] };
      entry.teams.push(teamId);
      leads.set(lead.id, entry);
    }
    for (const [id, lead] of leads) {
      viewers.push({ role: `lead:${id}`, api: lead.api, teams: lead.teams, comments: true });
    }
    for (const team of s.teams) {
      const member = world.truth.currentMembers(team.id).find((id) => world.people.has(id));
      if (member) {
        viewers.push({
          role: `member:${member}`,
          api: world.people.get(member)!,
          teams: [team.id],
          comments: false,
        });
      }
    }
  }
  for (const viewer of viewers) {
    // The admin over every window; leads and members (whose figures are the admin's, and are
    // audited together with them) over every window of up to three weeks and the whole history.
    const own = !full ? lightRanges : viewer.role === 'admin' ? ranges : someRanges;
    for (const teamId of viewer.teams) {
      for (const range of own) {
        await get(
          viewer.role,
          viewer.api,
          '/api/teams/:teamId/trends',
          withQuery(`/api/teams/${teamId}/trends`, range),
          { teamId, ...params(range) },
        );
      }
      if (viewer.comments && (full || viewer.role === 'admin')) {
        for (const week of [...s.closed, s.current, addWeeks(s.current, 1)]) {
          await get(
            viewer.role,
            viewer.api,
            '/api/teams/:teamId/comments',
            `/api/teams/${teamId}/comments?week=${week}`,
            { teamId, week },
          );
        }
        await get(
          viewer.role,
          viewer.api,
          '/api/teams/:teamId/comments',
          `/api/teams/${teamId}/comments`,
          { teamId },
        );
      }
      if (viewer.comments) {
        await get(
          viewer.role,
          viewer.api,
          '/api/teams/:teamId/recommendations',
          `/api/teams/${teamId}/recommendations`,
          { teamId },
        );
        for (const design of [
          { durationWeeks: 2, baselineWeeks: 3 },
          { durationWeeks: 1, baselineWeeks: 2, primaryOutcome: 'autonomy' },
        ]) {
          await get(
            viewer.role,
            viewer.api,
            '/api/teams/:teamId/experiments/preflight',
            `/api/teams/${teamId}/experiments/preflight`,
            {
              teamId,
              ...Object.fromEntries(Object.entries(design).map(([k, v]) => [k, String(v)])),
            },
            design,
          );
        }
      }
      for (const e of s.experiments.filter((x) => x.teamId === teamId)) {
        for (const route of [
          '/api/experiments/:id/impact',
          '/api/experiments/:id/votes',
        ] as const) {
          await get(viewer.role, viewer.api, route, route.replace(':id', e.id), { id: e.id });
        }
      }
    }
  }
  return out;
}
