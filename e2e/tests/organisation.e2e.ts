// The Organisation area (HR): the org trend, the teams × weeks heatmap with suppressed cells,
// the experiment-type league table, the CSV export, and a heatmap cell leading to the team's
// page. Then the heatmap at scale: 2,000 teams × 51 closed weeks fed through page.route(), sorted
// and filtered.

import { weekInTimeZone } from '@leeway/domain/iso-weeks';
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
import { HIGHEST, LOWEST, routeBigHeatmap, TEAMS, WEEKS } from '../lib/bigHeatmap.ts';
import { browserTest, DESKTOP, PHONE, screenshot, useBrowser } from '../lib/browser.ts';

const browser = useBrowser();

const GRID_NAME = 'Engagement (0–100) by team and week';
const CELL_WEEK = String.raw`\d{4}-W\d{2}`;

/** A heatmap cell link: "Platform, 2026-W47: 72.3" or "Legal, 2026-W47: fewer than 5 answers". */
const cellName = (team: string, value: string) => new RegExp(`^${team}, ${CELL_WEEK}: ${value}$`);

const heatmapGrid = (page: Page) => page.getByRole('grid', { name: GRID_NAME, exact: true });

async function openOrganisation(page: Page) {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Organisation' })
    .click();
  await page.waitForURL((url) => url.pathname === '/org');
  await page.getByRole('heading', { level: 1, name: 'Organisation' }).waitFor();
}

describe('organisation (HR)', () => {
  browserTest(
    browser,
    'HR sees the org trend, the heatmap with suppressed cells, the league table and the export',
    async (session) => {
      const page = await session.newPage('hr');
      await signIn(page, DEMO.admin);
      await page.getByRole('heading', { level: 1, name: 'Northwind Labs' }).waitFor();
      const platform = await teamPath(page, 'Platform');
      await screenshot(page, 'org-hr-home');
      await openOrganisation(page);

      // The org trend: a chart with its figure.
      const trend = region(page, 'Trend');
      const trendFigure = trend.getByRole('figure', {
        name: 'Engagement across the organisation',
      });
      await trendFigure.locator('.chart-box svg').first().waitFor();

      // The heatmap: Platform cells carry numbers; Legal (3 people) never does.
      const grid = heatmapGrid(page);
      await grid.waitFor();
      await grid
        .getByRole('link', { name: cellName('Platform', String.raw`\d+(\.\d)?`) })
        .first()
        .waitFor();
      const legalSuppressed = grid.getByRole('link', {
        name: cellName('Legal', 'fewer than 5 answers'),
      });
      expect(
        await legalSuppressed.count(),
        'Legal cells say "fewer than 5 answers"',
      ).toBeGreaterThan(0);
      expect(
        await grid.getByRole('link', { name: cellName('Legal', String.raw`\d.*`) }).count(),
        'no Legal cell shows a number',
      ).toBe(0);
      for (const team of ['Platform', 'Mobile', 'Data', 'Design', 'Customer Success', 'Legal']) {
        await grid.getByRole('rowheader', { name: team, exact: true }).waitFor();
      }

      // The league table of experiment types, with pooled effects in words.
      const league = page.getByRole('table', {
        name: 'Average change in engagement by experiment type',
      });
      await league.waitFor();
      const decisionRights = league.getByRole('row').filter({
        has: page.getByRole('rowheader', { name: /^Decision rights/ }),
      });
      expect(await decisionRights.textContent()).toMatch(
        /points on average across \d+ experiments? \(95 % CI/,
      );
      expect(await league.locator('tbody tr').count()).toBe(7);

      // The CSV export, fetched with HR's session.
      const exportLink = page.getByRole('link', { name: /^Download CSV for the last \d+ weeks$/ });
      const href = await exportLink.getAttribute('href');
      expect(href).toMatch(/^\/api\/org\/export\.csv\?/);
      const csv = await page.request.get(href!);
      expect(csv.status()).toBe(200);
      expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
      const text = (await csv.text()).replace(/^\uFEFF/, '');
      expect(text.startsWith('team,week,respondents'), text.slice(0, 200)).toBe(true);
      const [header, ...lines] = text.trim().split(/\r?\n/);
      const columns = header!.split(',');
      const legalRows = lines
        .map((line) => line.split(','))
        .filter((cells) => cells[0] === 'Legal');
      expect(legalRows.length, 'the export has Legal weeks').toBeGreaterThan(0);
      for (const row of legalRows) {
        expect(row[columns.indexOf('suppressed')]).toBe('true');
        expect(row[columns.indexOf('reason')]).toBe('fewer_than_k');
        expect(row[columns.indexOf('respondents')], 'no count on a hidden week').toBe('');
        expect(row[columns.indexOf('engagement_mean')]).toBe('');
      }

      await settled(page);
      await screenshot(page, 'org-hr-organisation-1280');
      await page.setViewportSize(PHONE);
      await settled(page);
      await screenshot(page, 'org-hr-organisation-360');
      await page.setViewportSize(DESKTOP);

      // A Platform cell opens the Platform team page.
      await grid
        .getByRole('link', { name: cellName('Platform', '.+') })
        .first()
        .click();
      await page.waitForURL((url) => url.pathname === platform);
      await page.getByRole('heading', { level: 1, name: 'Platform' }).waitFor();
      await page.getByRole('list', { name: 'Experiment list' }).waitFor();
      await settled(page);
      await screenshot(page, 'org-hr-team-platform');

      // HR reads an experiment's results too.
      await page.goto(await experimentPath(page, DEMO_EXPERIMENTS.completed));
      await page.getByRole('heading', { level: 1, name: DEMO_EXPERIMENTS.completed }).waitFor();
      await region(page, 'Impact on engagement')
        .getByText(/Engagement (rose by|declined by|did not change measurably)/)
        .waitFor();
      await settled(page);
      await screenshot(page, 'org-hr-experiment');

      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Admin' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Admin' }).waitFor();
      await settled(page);
      await screenshot(page, 'org-hr-admin');
    },
  );
});

// ---------------------------------------------------------------------------------------------
// The heatmap at scale (its scripting time is a benchmark: e2e/bench/heatmap.bench.ts).

describe('heatmap at scale', () => {
  browserTest(
    browser,
    'heatmap of 2,000 teams × 51 closed weeks: counted, virtualised, sorted and filtered',
    async (session) => {
      const page = await session.newPage('hr-heatmap');
      await signIn(page, DEMO.admin);
      const me = await page.evaluate(() => fetch('/api/me').then((r) => r.json()));
      const to = weekInTimeZone(me.org.timezone);
      // Off the home page first: HR's home asks for a heatmap of its own, which must not be
      // taken for the organisation page's request.
      await page.goto('about:blank');
      const { weeks, teams, hidden, requests, firstRequest, release } = await routeBigHeatmap(
        page,
        to,
      );

      await page.goto('/org?weeks=52');
      await page.getByRole('heading', { level: 1, name: 'Organisation' }).waitFor();
      const asked = await firstRequest;
      expect(asked.searchParams.get('from')).toBe(weeks[0]);
      expect(asked.searchParams.get('to')).toBe(to);
      await page.getByText('Loading the heatmap…').waitFor();
      release();

      const grid = heatmapGrid(page);
      const firstRow = grid.locator('tbody tr[aria-rowindex="2"]');
      await firstRow.waitFor();

      // Every team counted, the suppressed cells too; only the rows in view are in the DOM.
      expect(await grid.getAttribute('aria-rowcount')).toBe(String(TEAMS + 1));
      const summary = page.getByText(/^2,000 teams × 51 closed weeks/);
      const count = (n: number) => n.toLocaleString('en-GB');
      expect(await summary.textContent()).toContain(
        `${count(hidden.fewer_than_k + hidden.protecting)} cells are hidden: ` +
          `${count(hidden.fewer_than_k)} with fewer than 5 answers, ` +
          `${count(hidden.protecting)} hidden to protect a smaller team.`,
      );
      expect(await grid.locator('tbody tr').count(), 'rows are virtualised').toBeLessThan(100);

      // Sort: alphabetical by default, then by latest value either way.
      const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });
      const byName = teams.map((t) => t.name).sort(collator.compare);
      const firstName = () => firstRow.getByRole('rowheader').textContent();
      expect(await firstName()).toBe(byName[0]);
      const sort = page.getByLabel('Sort by', { exact: true });
      await sort.selectOption({ label: 'Latest value, highest first' });
      await firstRow.getByRole('rowheader', { name: teams[HIGHEST]!.name, exact: true }).waitFor();
      expect(await firstRow.locator('td.heatmap-figure').first().textContent()).toBe('99.9');
      await sort.selectOption({ label: 'Latest value, lowest first' });
      await firstRow.getByRole('rowheader', { name: teams[LOWEST]!.name, exact: true }).waitFor();
      await sort.selectOption({ label: 'Team name (A–Z)' });
      await firstRow.getByRole('rowheader', { name: byName[0]!, exact: true }).waitFor();
      await screenshot(page, 'org-heatmap-2000-teams');

      // Filter to one team: one row, whose cells still link to it.
      const one = teams[HIGHEST]!;
      await page.getByLabel('Filter teams by name', { exact: true }).fill(one.name);
      await page.getByText('1 of 2,000 teams shown.').waitFor();
      await page.locator(`table[role="grid"][aria-rowcount="2"]`).waitFor();
      expect(await grid.locator('tbody tr').count()).toBe(1);
      expect(await firstName()).toBe(one.name);
      expect(await grid.getByRole('link').count()).toBe(WEEKS);
      const last = grid.getByRole('link', {
        name: `${one.name}, ${weeks.at(-1)}: 99.9`,
        exact: true,
      });
      expect(await last.getAttribute('href')).toBe(`/teams/${one.teamId}`);
      await screenshot(page, 'org-heatmap-2000-teams-filtered');

      // A filter that matches nobody says so.
      await page.getByLabel('Filter teams by name', { exact: true }).fill('no such team');
      await page.getByText('No team name contains “no such team”.').waitFor();
      expect(requests.length, 'the heatmap was fetched once').toBe(1);
    },
  );
});
