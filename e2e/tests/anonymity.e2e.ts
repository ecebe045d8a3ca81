// Hidden figures say why, and the week in progress shows nothing (docs/product.md §4, §7), on the
// demo organisation: Legal (3 people, k = 5) is hidden every week, another team is hidden each
// week to protect it, the demo's teams had no members before its history began, and the Platform
// team runs an experiment whose second week is the one in progress.

import { addWeeks, weekInTimeZone, weekNumberOf } from '@leeway/domain/iso-weeks';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import {
  DEMO,
  DEMO_EXPERIMENTS,
  experimentPath,
  region,
  settled,
  signIn,
  teamPath,
} from '../lib/app.ts';
import { browserTest, screenshot, useBrowser } from '../lib/browser.ts';

const browser = useBrowser();

/** The words of a hidden figure, as docs/product.md §7 has them (k = 5 in the demo). */
const REASON_TEXT: Record<string, string> = {
  fewer_than_k: 'fewer than 5 answers',
  protecting: 'hidden to protect a smaller team',
  no_data: 'no members yet',
  open: 'this week is still open',
};
/** The week in progress, in the organisation's time zone (the demo runs on Berlin time). */
const OPEN_UNTIL = /^open until Sunday \d{1,2} \w+, 23:59 \(Europe\/Berlin\)$/;
const LEGAL_EXPERIMENT = 'The team plans its own contract reviews';

type Week = { week: string; reason: string | null; respondents: number | null };
type Window = {
  weeks: string[];
  leftOut: { week: string; reason: string }[];
  n: number;
  people: number;
};

const getJson = <T>(page: Page, path: string): Promise<T> =>
  page.evaluate((url) => fetch(url).then((r) => r.json()), path) as Promise<T>;

/** This week in the organisation's time zone, as the API reports the zone. */
async function currentWeek(page: Page): Promise<string> {
  const me = await getJson<{ org: { timezone: string } }>(page, '/api/me');
  expect(me.org.timezone, 'the demo organisation runs on Berlin time').toBe('Europe/Berlin');
  return weekInTimeZone(me.org.timezone);
}

/** "Week 47 " — how a week starts in a table's row header ("Week 47 16 Nov 2026"). */
const weekLabel = (week: string) => `Week ${weekNumberOf(week)} `;

/** Opens a chart's table and returns its column headers and rows, each as its cells' texts. */
async function trendTable(page: Page, title: string) {
  const figure = page.getByRole('figure', { name: title, exact: true });
  await figure.getByRole('button', { name: `Show table of ${title}` }).click();
  const table = figure.getByRole('table', { name: `${title} by week` });
  await table.waitFor({ state: 'visible' });
  const headers = (await table.getByRole('columnheader').allTextContents()).map((h) => h.trim());
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? ''),
      ),
    );
  return { headers, rows };
}

/**
 * The open week's row comes after the closed weeks (only weeks of planned experiments follow it):
 * its header, then one cell saying when it closes, and no figure at all. Returns its index.
 */
function expectOpenRow(rows: string[][], current: string): number {
  const index = rows.findIndex((r) => r[0]!.startsWith(weekLabel(current)));
  expect(index, 'a row for the week in progress').toBeGreaterThanOrEqual(0);
  const row = rows[index]!;
  expect(row[1]).toMatch(OPEN_UNTIL);
  // After the note only the experiment column may follow: a name or a dash, never a number.
  for (const cell of row.slice(2)) expect(cell).not.toMatch(/^[-−+]?\d/);
  for (const later of rows.slice(index + 1)) expect(later[1], later[0]).toBe('not yet');
  return index;
}

async function openTeam(page: Page, team: string, query = '') {
  await page.goto(`${await teamPath(page, team)}${query}`);
  await page.getByRole('heading', { level: 1, name: team }).waitFor();
  await settled(page);
}

describe('hidden figures say why', () => {
  browserTest(
    browser,
    'Legal: every closed week says "fewer than 5 answers"; the open week says when it closes, nothing else',
    async (session) => {
      const page = await session.newPage('hr');
      await signIn(page, DEMO.admin);
      const current = await currentWeek(page);
      await openTeam(page, 'Legal');

      const engagement = await trendTable(page, 'Engagement');
      expect(engagement.headers.slice(0, 3)).toEqual(['Week', 'Engagement (0–100)', 'Answers']);
      const open = expectOpenRow(engagement.rows, current);
      const closed = engagement.rows.slice(0, open);
      expect(closed.length, 'the default period: 15 closed weeks').toBe(15);
      expect(closed[0]![0]).toContain(weekLabel(addWeeks(current, -15)));
      expect(closed.at(-1)![0], 'series end at the last closed week').toContain(
        weekLabel(addWeeks(current, -1)),
      );
      for (const row of closed) {
        expect(row[1], row[0]).toBe('fewer than 5 answers');
        expect(row[2], `answers of ${row[0]}`).toBe('hidden');
      }

      // Participation hides with the week; the members are still shown.
      const participation = await trendTable(page, 'Participation');
      const members = participation.headers.indexOf('Members');
      const participationOpen = expectOpenRow(participation.rows, current);
      for (const row of participation.rows.slice(0, participationOpen)) {
        expect(row[1], row[0]).toBe('fewer than 5 answers');
        expect(row[members], `members of ${row[0]}`).toBe('3');
      }

      // The chart labels the hidden run with the reason, and marks the open week.
      const chart = page.getByRole('figure', { name: 'Engagement', exact: true });
      await chart.locator('svg text', { hasText: 'fewer than 5 answers' }).first().waitFor();
      await chart
        .locator('svg text', { hasText: /^open$/ })
        .first()
        .waitFor();
      // Tooltips: a hidden week says why; the open week says when it closes, and nothing else.
      const tooltip = chart.locator('.chart-tooltip');
      await chart.locator('.chart-box').scrollIntoViewIfNeeded();
      const plot = (await chart.locator('svg.recharts-surface').first().boundingBox())!;
      await page.mouse.move(plot.x + plot.width * 0.3, plot.y + plot.height * 0.4);
      await expect
        .poll(() => tooltip.locator('p').allTextContents())
        .toEqual([
          expect.stringMatching(/^Week \d+ · /),
          'Engagement (0–100): fewer than 5 answers',
        ]);
      const marker = (await chart.locator('.recharts-reference-line line').last().boundingBox())!;
      await page.mouse.move(marker.x + marker.width / 2, plot.y + plot.height * 0.4);
      await expect
        .poll(() => tooltip.locator('p').allTextContents())
        .toEqual([
          expect.stringContaining(`Week ${weekNumberOf(current)} · `),
          expect.stringMatching(OPEN_UNTIL),
        ]);
      expect(await tooltip.evaluate((el) => getComputedStyle(el.parentElement!).visibility)).toBe(
        'visible',
      );
      await screenshot(page, 'anonymity-legal-team');
    },
  );

  browserTest(
    browser,
    'a week hidden to protect a smaller team says so on its team page, its comments and the heatmap',
    async (session) => {
      const page = await session.newPage('hr');
      await signIn(page, DEMO.admin);
      const current = await currentWeek(page);
      const from = addWeeks(current, -11);
      // Which team-week the demo hides to protect Legal is drawn at random once: ask the API.
      const { teams } = await getJson<{ teams: { id: string; name: string }[] }>(
        page,
        '/api/teams',
      );
      let found: { team: string; week: string } | undefined;
      for (const team of teams) {
        const trends = await getJson<{ weeks: Week[] }>(
          page,
          `/api/teams/${team.id}/trends?from=${from}&to=${current}`,
        );
        const week = trends.weeks.find((w) => w.reason === 'protecting');
        if (week) {
          expect(week.respondents, 'a hidden week shows no count').toBeNull();
          found = { team: team.name, week: week.week };
          break;
        }
      }
      expect(found, 'the demo protects Legal by hiding another team-week').toBeDefined();
      const { team, week } = found!;

      await openTeam(page, team);
      const { rows } = await trendTable(page, 'Engagement');
      const row = rows.find((r) => r[0]!.startsWith(weekLabel(week)));
      expect(row?.[1], `${team}, ${week}`).toBe('hidden to protect a smaller team');
      expect(row?.[2]).toBe('hidden');

      // The comments' week picker: closed weeks only, newest first, the last closed one chosen.
      const comments = region(page, 'Comments');
      const picker = comments.getByLabel('Week', { exact: true });
      const options = await picker
        .locator('option')
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      expect(options[0], 'the last closed week comes first').toBe(addWeeks(current, -1));
      expect(options, 'the week in progress is not offered').not.toContain(current);
      expect(new Set(options).size, 'no week twice').toBe(options.length);
      expect(await picker.inputValue()).toBe(addWeeks(current, -1));
      await picker.selectOption(week);
      await comments
        .getByText(
          new RegExp(
            `^No comments are shown for Week ${weekNumberOf(week)} · .*: hidden to protect a smaller team\\.$`,
          ),
        )
        .waitFor();
      await settled(page);
      await screenshot(page, 'anonymity-protecting-team');

      // The heatmap's cell reads the same, and the open week is named, with nothing of it shown.
      await page.goto('/org?weeks=26');
      await page.getByRole('heading', { level: 1, name: 'Organisation' }).waitFor();
      const grid = page.getByRole('grid', { name: 'Engagement (0–100) by team and week' });
      await grid
        .getByRole('link', {
          name: `${team}, ${week}: hidden to protect a smaller team`,
          exact: true,
        })
        .waitFor();
      expect(
        await grid.getByRole('link', { name: new RegExp(`, ${current}: `) }).count(),
        'no cell of the week in progress',
      ).toBe(0);
      await page
        .getByText(
          new RegExp(
            `^Closed weeks only\\. Week ${weekNumberOf(current)} · .* is open until Sunday .*\\(Europe/Berlin\\); nothing of it is shown until it closes\\.$`,
          ),
        )
        .waitFor();
      await settled(page);
      await screenshot(page, 'anonymity-heatmap');
    },
  );

  browserTest(
    browser,
    'the weeks before a team existed are left out of its charts, not shown as hidden',
    async (session) => {
      const page = await session.newPage('lead');
      await signIn(page, DEMO.lead);
      const current = await currentWeek(page);
      const from = addWeeks(current, -51);
      const platform = await teamPath(page, 'Platform');
      const { weeks } = await getJson<{ weeks: Week[] }>(
        page,
        `/api/teams/${platform.split('/').at(-1)}/trends?from=${from}&to=${current}`,
      );
      expect(weeks[0]?.reason, 'a year ago Platform had no members yet').toBe('no_data');
      const first = weeks.find((w) => w.reason !== 'no_data')!;

      await openTeam(page, 'Platform', '?weeks=52');
      const { rows } = await trendTable(page, 'Engagement');
      expect(rows[0]![0], 'the table starts with the first week with members').toContain(
        weekLabel(first.week),
      );
      for (const row of rows) expect(row[1], row[0]).not.toBe('no members yet');
      expectOpenRow(rows, current);
      await screenshot(page, 'anonymity-platform-52-weeks');
    },
  );

  browserTest(
    browser,
    'an experiment lists the weeks its windows left out, and counts answers and people',
    async (session) => {
      const page = await session.newPage('lead');
      await signIn(page, DEMO.lead);
      const current = await currentWeek(page);
      await openTeam(page, 'Platform');
      const paths = {
        running: await experimentPath(page, DEMO_EXPERIMENTS.running),
        completed: await experimentPath(page, DEMO_EXPERIMENTS.completed),
      };

      for (const [kind, path] of Object.entries(paths)) {
        const impact = await getJson<{
          suppressed: boolean;
          partial: boolean;
          before: Window;
          after: Window;
        }>(page, `/api/experiments/${path.split('/').at(-1)}/impact`);
        await page.goto(path);
        const section = region(page, 'Impact on engagement');
        await section.waitFor();
        await settled(page);
        const text = (await section.textContent()) ?? '';

        // "13 answers from 9 people" for each window, from the API's answers and people.
        if (!impact.suppressed) {
          for (const w of [impact.before, impact.after]) {
            const words = `${w.n} ${w.n === 1 ? 'answer' : 'answers'} from ${w.people} ${w.people === 1 ? 'person' : 'people'}`;
            expect(text, `${kind}: ${words}`).toContain(words);
          }
        }

        // Every left-out week is listed with its window and reason.
        const leftOut = [
          ...impact.before.leftOut.map((w) => ({ ...w, window: 'Before' })),
          ...impact.after.leftOut.map((w) => ({
            ...w,
            window: impact.partial ? 'So far' : 'During',
          })),
        ];
        const list = section.getByRole('list', { name: 'Weeks left out' });
        if (leftOut.length === 0) {
          expect(await list.count(), `${kind}: nothing left out, no list`).toBe(0);
        } else {
          const items = (await list.getByRole('listitem').allTextContents()).map((t) => t.trim());
          expect(items).toEqual(
            leftOut.map((w) =>
              expect.stringMatching(
                new RegExp(
                  `^${w.window} · Week ${weekNumberOf(w.week)} · .*: ${REASON_TEXT[w.reason]}$`,
                ),
              ),
            ),
          );
        }
        if (kind === 'running') {
          expect(impact.partial).toBe(true);
          expect(
            impact.after.leftOut,
            'the running experiment leaves out the week in progress',
          ).toContainEqual({ week: current, reason: 'open' });
        }
        await screenshot(page, `anonymity-experiment-${kind}`);
      }
    },
  );

  browserTest(
    browser,
    'a suppressed experiment says why: no published week in its windows, each one listed',
    async (session) => {
      const page = await session.newPage('hr');
      await signIn(page, DEMO.admin);
      await openTeam(page, 'Legal');
      const path = await experimentPath(page, LEGAL_EXPERIMENT);
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: LEGAL_EXPERIMENT }).waitFor();
      const section = region(page, 'Impact on engagement');
      await section
        .getByText(
          'Results are hidden to protect anonymity: no week before it or during it was published.',
        )
        .waitFor();
      const items = await section
        .getByRole('list', { name: 'Weeks left out' })
        .getByRole('listitem')
        .allTextContents();
      // Two baseline weeks and its one week, each hidden with fewer than 5 answers.
      expect(items.map((t) => t.trim().replace(/ · Week \d+ · [^:]+/, ''))).toEqual([
        'Before: fewer than 5 answers',
        'Before: fewer than 5 answers',
        'During: fewer than 5 answers',
      ]);
      expect(await section.getByText(/\d+ answers? from/).count(), 'no counts').toBe(0);
      await settled(page);
      await screenshot(page, 'anonymity-experiment-suppressed');
    },
  );
});
