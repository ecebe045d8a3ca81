// The heatmap at scale, for the browser test that sorts and filters it and for the benchmark
// that times it (e2e/bench/heatmap.bench.ts): 2,000 teams × 51 closed weeks, drawn the same
// every run, served to the page through page.route() instead of the API.
import { addWeeks, mondayOf } from '@leeway/domain/iso-weeks';
import type { Page, Route } from 'playwright-core';

export const TEAMS = 2_000;
/** The closed weeks of a 52-week period: the 52nd is the week in progress, not in the heatmap. */
export const WEEKS = 51;

interface Cell {
  week: string;
  value: number | null;
  respondents: number | null;
  suppressed: boolean;
  reason: 'fewer_than_k' | 'protecting' | null;
}
export interface Team {
  teamId: string;
  name: string;
  cells: Cell[];
}

/** Deterministic pseudo-random numbers (mulberry32), so every run draws the same heatmap. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ADJECTIVES = [
  'Amber',
  'Brisk',
  'Coral',
  'Dusky',
  'Eager',
  'Frosty',
  'Golden',
  'Hazel',
  'Ivory',
  'Jade',
  'Keen',
  'Lunar',
  'Misty',
  'Noble',
  'Olive',
  'Proud',
  'Quiet',
  'Rapid',
  'Solar',
  'Tidal',
];
const NOUNS = [
  'Falcons',
  'Otters',
  'Herons',
  'Foxes',
  'Lynxes',
  'Badgers',
  'Cranes',
  'Wolves',
  'Ravens',
  'Bisons',
];

/** Teams that make the sort checkable: one on top, one at the bottom of "latest value". */
export const HIGHEST = 1_234;
export const LOWEST = 567;

function bigHeatmap(weeks: string[]) {
  const next = random(52_2000);
  const teams: Team[] = [];
  const hidden = { fewer_than_k: 0, protecting: 0 };
  for (let i = 0; i < TEAMS; i++) {
    // Names in an order unrelated to their index, so sorting by name actually moves rows.
    const name = `${ADJECTIVES[(i * 7) % ADJECTIVES.length]} ${NOUNS[(i * 3) % NOUNS.length]} ${String((i * 7_919) % 10_000).padStart(4, '0')}`;
    const base = 40 + next() * 40;
    const cells = weeks.map((week, w): Cell => {
      const last = w === weeks.length - 1;
      if (last && (i === HIGHEST || i === LOWEST)) {
        const value = i === HIGHEST ? 99.9 : 0.4;
        return { week, value, respondents: 12, suppressed: false, reason: null };
      }
      if (next() < 0.1 && !last) {
        const reason = next() < 0.8 ? 'fewer_than_k' : 'protecting';
        hidden[reason]++;
        return { week, value: null, respondents: null, suppressed: true, reason };
      }
      const value = Math.round(Math.min(95, Math.max(5, base + (next() - 0.5) * 20)) * 10) / 10;
      return {
        week,
        value,
        respondents: 5 + Math.floor(next() * 20),
        suppressed: false,
        reason: null,
      };
    });
    teams.push({ teamId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name, cells });
  }
  return { teams, hidden };
}

/**
 * Routes the org heatmap of the page to the big heatmap, built for the weeks before `thisWeek`
 * (the week in progress, its `current`). Every request waits until `release()` is called, so the
 * rest of the page can settle first; `requests` lists what the page asked for.
 */
export async function routeBigHeatmap(page: Page, thisWeek: string) {
  // Closed weeks only; the week in progress is `current`, with nothing but its end.
  const weeks = Array.from({ length: WEEKS }, (_, i) => addWeeks(thisWeek, i - WEEKS));
  const closesAt = mondayOf(addWeeks(thisWeek, 1)).toISOString();
  const { teams, hidden } = bigHeatmap(weeks);
  const body = JSON.stringify({
    metric: 'engagement',
    k: 5,
    current: { week: thisWeek, closesAt },
    weeks,
    teams,
  });
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let requested!: (url: URL) => void;
  const firstRequest = new Promise<URL>((resolve) => {
    requested = resolve;
  });
  const requests: URL[] = [];
  await page.route(
    (url) => url.pathname === '/api/org/heatmap',
    async (route: Route) => {
      const url = new URL(route.request().url());
      requests.push(url);
      requested(url);
      await released;
      const metric = url.searchParams.get('metric') ?? 'engagement';
      await route.fulfill({
        status: 200,
        contentType: 'application/json; charset=utf-8',
        body:
          metric === 'engagement'
            ? body
            : body.replace('"metric":"engagement"', `"metric":"${metric}"`),
      });
    },
  );
  return { weeks, teams, hidden, bytes: body.length, requests, firstRequest, release };
}
