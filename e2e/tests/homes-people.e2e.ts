// Each role's home answers "how are we, and what do I do next?", and HR runs people from the
// People page: search, change a role, set led teams, move, deactivate and reactivate — each
// confirmed, undoable, and in the audit log. Every page at 1280 px and 390 px: no sideways
// scrolling, no serious or critical axe-core violation, no failed request in the console.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import {
  acceptInvitation,
  createTeam,
  DEMO,
  DEMO_EXPERIMENTS,
  invite,
  region,
  settled,
  signIn,
  teamPath,
  unique,
} from '../lib/app.ts';
import { browserTest, DESKTOP, screenshot, useBrowser } from '../lib/browser.ts';

const browser = useBrowser();
const PHONE_390 = { width: 390, height: 844 };
const BLOCKING = new Set(['serious', 'critical']);

/** Failed requests the browser logs to the console ("Failed to load resource: … 404"). */
function watchFailedLoads(page: Page): string[] {
  const failed: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Failed to load resource/.test(message.text())) {
      failed.push(`${page.url()}: ${message.text()} ${message.location().url}`);
    }
  });
  return failed;
}

/** The page open now at 1280 and 390 px: problems found, not thrown, so all are reported. */
async function check(page: Page, name: string): Promise<string[]> {
  const problems: string[] = [];
  for (const viewport of [DESKTOP, PHONE_390]) {
    await page.setViewportSize(viewport);
    await settled(page);
    const results = await new AxeBuilder({ page })
      .setLegacyMode(true)
      .options({ resultTypes: ['violations'] })
      .analyze();
    for (const v of results.violations.filter((v) => BLOCKING.has(v.impact ?? ''))) {
      problems.push(
        `${name} @${viewport.width}px: ${v.impact} ${v.id}: ${v.help} (${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')})`,
      );
    }
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    if (scrollWidth > viewport.width) {
      problems.push(`${name} @${viewport.width}px scrolls sideways: scrollWidth ${scrollWidth}`);
    }
    await screenshot(page, `home-people-${name}-${viewport.width}`);
  }
  await page.setViewportSize(DESKTOP);
  return problems;
}

const person = (page: Page, name: string) =>
  page.getByRole('list', { name: 'People' }).getByRole('listitem').filter({ hasText: name });

describe('homes and people', () => {
  browserTest(
    browser,
    'each role’s home: last closed week with changes, experiments, next step',
    async (session) => {
      const problems: string[] = [];

      const hr = await session.newPage('hr');
      await signIn(hr, DEMO.admin);
      const hrFailed = watchFailedLoads(hr);
      await hr.reload();
      await hr.getByRole('heading', { level: 1, name: 'Northwind Labs' }).waitFor();
      const orgWeek = region(hr, 'How the organisation is');
      await orgWeek.getByText('Last closed week:').waitFor();
      await orgWeek
        .getByText(/since the week before|no change shown/)
        .first()
        .waitFor();
      await region(hr, 'Teams that need attention').waitFor();
      await region(hr, 'Experiments that ended').waitFor();
      // The open week says when it closes, with the zone, and nothing else.
      await orgWeek.getByText(/This week: .* open until .*\(.+\)/).waitFor();
      problems.push(...(await check(hr, 'hr-home')));

      const lead = await session.newPage('lead');
      await signIn(lead, DEMO.lead);
      const leadFailed = watchFailedLoads(lead);
      await lead.reload();
      await lead.getByRole('heading', { level: 1, name: 'Your teams' }).waitFor();
      const next = region(lead, 'Next step');
      await next.getByRole('link').first().waitFor();
      const how = region(lead, 'How the team is');
      await how.getByText('Last closed week:').waitFor();
      await how.getByRole('table', { name: /Each question/ }).waitFor();
      const experiments = region(lead, 'Experiments');
      await experiments.getByRole('heading', { name: /Running now|Planned next/ }).waitFor();
      await experiments.getByRole('heading', { name: 'Last result' }).waitFor();
      await lead.getByRole('region', { name: /New comments/ }).waitFor();
      // No minus sign is a hyphen, and no figure reads "-0.0".
      const text = (await lead.locator('main').textContent()) ?? '';
      expect(text).not.toMatch(/-\d/);
      expect(text).not.toMatch(/[−-]0\.0\b/);
      problems.push(...(await check(lead, 'lead-home')));

      const member = await session.newPage('member');
      await signIn(member, DEMO.member);
      const memberFailed = watchFailedLoads(member);
      await member.reload();
      await member.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
      await member.getByRole('region', { name: /What .* is trying/ }).waitFor();
      await member.getByRole('region', { name: /You said, we tried/ }).waitFor();
      // Whether this week's pulse is answered, either way.
      await member
        .getByText(/This week's pulse is open|You have answered this week's pulse/)
        .first()
        .waitFor();
      problems.push(...(await check(member, 'member-home')));

      expect(problems, `\n${problems.join('\n')}\n`).toEqual([]);
      const failed = [...hrFailed, ...leadFailed, ...memberFailed];
      expect(failed, failed.join('\n')).toEqual([]);
    },
    { timeout: 240_000 },
  );

  browserTest(
    browser,
    'HR makes a lead the lead of a second team, moves, deactivates and reactivates; all undoable and audited',
    async (session) => {
      const id = unique();
      const leadName = `Lena Lead ${id}`;
      const teamA = `Alpha ${id}`;
      const teamB = `Beta ${id}`;
      const hr = await session.newPage('hr');
      await signIn(hr, DEMO.admin);
      await hr.goto('/admin');
      await settled(hr);
      await createTeam(hr, teamA);
      await createTeam(hr, teamB);

      await hr.goto('/people');
      await hr.getByRole('heading', { level: 1, name: 'People' }).waitFor();
      const url = await invite(hr, {
        name: leadName,
        email: `lena.${id}@e2e.example`,
        role: 'Team lead',
        team: teamA,
      });
      const lena = await session.newPage('lena');
      await acceptInvitation(lena, url, 'a long enough password');

      // Search finds her by part of her name.
      await hr.reload();
      await settled(hr);
      await hr.getByLabel('Search people').fill(`lena ${id}`);
      await expect
        .poll(() => hr.getByRole('list', { name: 'People' }).getByRole('listitem').count())
        .toBe(1);
      const card = person(hr, leadName);
      await card.getByText(teamA).first().waitFor();
      await card.getByRole('button', { name: `Change ${leadName}` }).click();
      const pageProblems = await check(hr, 'people-open');
      expect(pageProblems, `\n${pageProblems.join('\n')}\n`).toEqual([]);

      // Lead of a second team: confirmed in words, then shown, then undoable.
      await card.getByRole('checkbox', { name: teamB }).check();
      await card.getByRole('button', { name: 'Save led teams' }).click();
      await card.getByText(`will lead ${teamB}`).waitFor();
      await card.getByRole('button', { name: 'Save led teams' }).last().click();
      await card
        .getByRole('status')
        .filter({ hasText: `leads ${teamA} and ${teamB}` })
        .waitFor();

      // She switches between her two teams on her home.
      await lena.goto('/');
      await lena.getByLabel('Team you lead').selectOption({ label: teamB });
      await lena.getByRole('main').getByRole('link', { name: teamB, exact: true }).waitFor();
      await lena
        .getByText(/fewer than \d/)
        .first()
        .waitFor();

      // Undo puts it back.
      await card.getByRole('button', { name: 'Undo' }).click();
      await card.getByRole('status').filter({ hasText: 'Undone' }).waitFor();
      await card
        .getByRole('definition')
        .filter({ hasText: new RegExp(`^${teamA}$`) })
        .waitFor();

      // Deactivate: a danger action, confirmed; then reactivated by Undo.
      await card
        .getByRole('button', { name: `Deactivate ${leadName}` })
        .first()
        .click();
      await card.getByText(/signed out everywhere/).waitFor();
      await card
        .getByRole('button', { name: `Deactivate ${leadName}` })
        .last()
        .click();
      await card.getByRole('status').filter({ hasText: 'is deactivated' }).waitFor();
      await card.getByRole('button', { name: 'Undo' }).click();
      await card.getByRole('status').filter({ hasText: 'Undone' }).waitFor();

      // Invitations: one sent again (a new link, the old one dead), one revoked; each confirmed.
      const again = `Again Ada ${id}`;
      const gone = `Gone Gus ${id}`;
      const oldLink = await invite(hr, {
        name: again,
        email: `ada.${id}@e2e.example`,
        team: teamA,
      });
      await invite(hr, { name: gone, email: `gus.${id}@e2e.example`, team: teamA });
      const invitations = region(hr, 'Invitations');
      const pending = invitations.getByRole('list', { name: 'Invitations' });
      await pending.getByText(again, { exact: true }).waitFor();
      await invitations.getByRole('button', { name: `Send again to ${again}` }).click();
      await invitations.getByText(/Send .* a new invitation link\?/).waitFor();
      await invitations.getByRole('button', { name: 'Send a new link' }).click();
      const newLink = await invitations
        .getByRole('textbox', { name: 'New invitation link' })
        .inputValue();
      expect(newLink).toContain('/accept?token=');
      expect(newLink).not.toBe(oldLink);
      await invitations.getByRole('button', { name: `Revoke the invitation of ${gone}` }).click();
      await invitations.getByRole('button', { name: 'Revoke the invitation', exact: true }).click();
      await invitations.getByText(/is revoked; its link no longer works/).waitFor();
      await pending.getByText(gone, { exact: true }).waitFor({ state: 'detached' });
      const stale = await session.newPage('stale-link');
      await stale.goto(oldLink);
      await stale.getByText('This invitation link is not valid.').waitFor();

      // The audit log names each change.
      const audit = region(hr, 'Audit log');
      await audit.getByText(new RegExp(`revoked the invitation of gus\\.${id}`)).waitFor();
      await audit
        .getByText(new RegExp(`made ${leadName} a lead of ${teamB}`))
        .first()
        .waitFor();
      await audit
        .getByText(new RegExp(`deactivated ${leadName}`))
        .first()
        .waitFor();
      await audit
        .getByText(new RegExp(`reactivated ${leadName}`))
        .first()
        .waitFor();
      await screenshot(hr, 'people-after-changes');
    },
    { timeout: 240_000 },
  );

  browserTest(
    browser,
    'a stale pulse tab turns answered, times name their zone, error pages lead home, docs keep the CSP',
    async (session) => {
      const id = unique();
      const name = `Tab Tester ${id}`;
      const hr = await session.newPage('hr');
      await signIn(hr, DEMO.admin);
      await hr.goto('/people');
      await hr.getByRole('heading', { level: 1, name: 'People' }).waitFor();
      const url = await invite(hr, {
        name,
        email: `tabs.${id}@e2e.example`,
        role: 'Member',
        team: 'Design',
      });
      const first = await session.newPage('member');
      await acceptInvitation(first, url, 'a long enough password');
      // The home says when the pulse closes, in the org's zone, named.
      await first.getByText(/Open until .+ \([A-Za-z_]+(\/[A-Za-z_]+)*\)\./).waitFor();

      // Two tabs of the same person: answered in the second, submitted again in the first.
      const second = await first.context().newPage();
      for (const page of [first, second]) {
        await page.goto('/pulse');
        await page.getByRole('button', { name: 'Submit answers' }).waitFor();
        for (const question of ['energy', 'autonomy', 'voice', 'growth', 'trust']) {
          await page.locator(`input[name="${question}"][value="4"]`).check({ force: true });
        }
        await page.locator('input[name="enps"][value="8"]').check({ force: true });
      }
      // On a phone the eNPS scale 0–10 stays on one row, left to right.
      await first.setViewportSize(PHONE_390);
      const tops = await first
        .locator('input[name="enps"] + span')
        .evaluateAll((spans) => spans.map((x) => Math.round(x.getBoundingClientRect().top)));
      expect(tops).toHaveLength(11);
      expect(new Set(tops).size).toBe(1);
      await first.setViewportSize(DESKTOP);
      await second.getByRole('button', { name: 'Submit answers' }).click();
      await second.getByText('Thanks — your answers are in').waitFor();
      await first.getByRole('button', { name: 'Submit answers' }).click();
      await first.getByText(/already answered this week, in another tab/).waitFor();
      expect(await first.getByRole('button', { name: 'Submit answers' }).count()).toBe(0);

      // Pages for what does not exist lead home.
      await first.goto('/teams/no-such-team');
      await first.getByRole('heading', { level: 1, name: 'Team not found' }).waitFor();
      await first.getByRole('link', { name: 'Go to the home page' }).waitFor();
      await first.goto('/experiments/no-such-experiment');
      await first.getByRole('heading', { level: 1, name: 'Experiment not found' }).waitFor();
      await first.getByRole('link', { name: 'Go to the home page' }).waitFor();

      // A team page the person may not see asks for each thing once, and says so.
      await hr.goto('/');
      const mobile = await teamPath(hr, 'Mobile');
      const asked: string[] = [];
      first.on('request', (request) => {
        const path = new URL(request.url()).pathname;
        if (path.startsWith('/api/teams/')) asked.push(`${path}${new URL(request.url()).search}`);
      });
      await first.goto(mobile);
      await first
        .getByRole('heading', { level: 1, name: "You don't have access to this team" })
        .waitFor();
      await settled(first);
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.length, asked.join('\n')).toBe(new Set(asked).size);

      // The comments picker offers closed weeks only, once each, the last one chosen.
      const lead = await session.newPage('lead');
      await signIn(lead, DEMO.lead);
      await lead.getByRole('main').getByRole('link', { name: 'Platform', exact: true }).click();
      const picker = lead
        .getByRole('region', { name: 'Comments' })
        .getByLabel('Week', { exact: true });
      await picker.waitFor();
      const options = await picker.locator('option').allTextContents();
      expect(new Set(options).size).toBe(options.length);
      expect(await picker.inputValue()).toBe(
        await picker.locator('option').first().getAttribute('value'),
      );

      // The team's experiments are listed once, under the first chart, not under all three.
      await lead.locator('ol.band-legend').first().waitFor();
      expect(await lead.locator('ol.band-legend').count()).toBe(1);

      // On a phone, an interval's label stays clear of its line and of the labels around it.
      await lead.setViewportSize(PHONE_390);
      await lead
        .getByRole('list', { name: 'Experiment list' })
        .getByRole('link', { name: DEMO_EXPERIMENTS.completed, exact: true })
        .click();
      const plot = lead.locator('svg.interval-plot');
      await plot.waitFor();
      const clashes = await plot.evaluate((svg) =>
        [...svg.querySelectorAll('g')].flatMap((g) => {
          const label = g.querySelector('text')!.getBoundingClientRect();
          const line = g.querySelector('line')!.getBoundingClientRect();
          const dot = g.querySelector('circle')!.getBoundingClientRect();
          return label.bottom <= Math.min(line.top, dot.top) ? [] : [g.textContent];
        }),
      );
      expect(clashes).toEqual([]);

      // Signed out, pages ask nothing they know the answer to: no 401 in the console.
      await lead.setViewportSize(DESKTOP);
      await lead.getByRole('button', { name: 'Sign out' }).click();
      await lead.waitForURL((url) => url.pathname === '/signin');
      const noisy = watchFailedLoads(lead);
      await lead.goto('/');
      await lead.waitForURL((url) => url.pathname === '/signin');
      await lead.getByRole('heading', { level: 1 }).waitFor();
      await lead.goto('/signup');
      await lead.getByRole('heading', { level: 1 }).waitFor();
      await settled(lead);
      expect(noisy).toEqual([]);

      // The API reference runs under the CSP (a violation fails this test).
      const docs = await session.newPage('docs');
      await docs.goto('/api/docs');
      await docs.locator('.swagger-ui .info').waitFor();
      await docs.getByText('Leeway API').first().waitFor();
    },
    { timeout: 240_000 },
  );

  browserTest(
    browser,
    'the heatmap opens on the latest weeks, reads the new metric, names teams and works by touch',
    async (session) => {
      const hr = await session.newPage('hr', {
        viewport: PHONE_390,
        hasTouch: true,
        isMobile: true,
      });
      await signIn(hr, DEMO.admin);
      await hr.goto('/org');
      const grid = hr.getByRole('grid', { name: /by team and week/ });
      await grid.getByRole('link').first().waitFor();
      await settled(hr);
      // What works says which experiments it leaves out, rather than leaving them out silently.
      await hr.getByText(/Left out: experiments still running or cancelled/).waitFor();
      // The org chart names both axes, the right one included.
      await hr.locator('.recharts-label').filter({ hasText: 'Experiments running' }).waitFor();
      await hr
        .locator('.recharts-label')
        .filter({ hasText: 'Engagement (0–100)' })
        .first()
        .waitFor();
      // Scrolled to the end: the latest week and the Latest and Change columns are in view.
      const scroller = hr.locator('.heatmap-scroll');
      const { left, room } = await scroller.evaluate((el) => ({
        left: el.scrollLeft,
        room: el.scrollWidth - el.clientWidth,
      }));
      expect(room).toBeGreaterThan(0);
      expect(left).toBeGreaterThanOrEqual(room - 1);
      const box = await scroller.boundingBox();
      const change = await grid.getByRole('columnheader', { name: 'Change' }).boundingBox();
      expect(change && box && change.x + change.width <= box.x + box.width + 1).toBe(true);
      // Team names are not cut to an ellipsis.
      expect(
        await grid
          .locator('.heatmap-name-text')
          .first()
          .evaluate((el) => getComputedStyle(el).textOverflow),
      ).not.toBe('ellipsis');
      expect(await hr.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE_390.width,
      );

      // Touch: the first tap reads the cell, and the page stays; the second opens the team.
      // (A demo team with figures: teams made by other tests may have none, in any metric.)
      await hr.getByLabel('Filter teams by name').fill('Platform');
      const readout = hr.locator('.heatmap-readout');
      const row = grid.locator('tr', {
        has: hr.getByRole('rowheader', { name: 'Platform', exact: true }),
      });
      const cell = row.locator('td.heatmap-cell a').last();
      const label = await cell.getAttribute('aria-label');
      await cell.tap();
      await expect.poll(() => readout.textContent()).toBe(label);
      expect(new URL(hr.url()).pathname).toBe('/org');

      // Another metric: the readout reads that cell again, in the new metric.
      await hr.getByLabel('Metric').selectOption({ label: 'eNPS (−100 to +100)' });
      await expect.poll(async () => (await cell.getAttribute('aria-label')) !== label).toBe(true);
      await expect.poll(() => readout.textContent()).toBe(await cell.getAttribute('aria-label'));

      await cell.tap();
      await hr.waitForURL(/\/teams\//);
    },
    { timeout: 240_000 },
  );

  browserTest(
    browser,
    'long names are refused with a counter, not cut; settings say what to enter',
    async (session) => {
      const hr = await session.newPage('hr');
      await signIn(hr, DEMO.admin);
      await hr.goto('/admin');
      const teams = region(hr, 'Teams');
      const name = teams.getByLabel('Team name');
      const long = `A team name pasted from somewhere else ${'x'.repeat(62)}`;
      await name.fill(long);
      expect(await name.inputValue()).toBe(long);
      await teams
        .getByText(`${long.length} / 80 characters — ${long.length - 80} too many`)
        .waitFor();
      await teams.getByRole('button', { name: 'Create team' }).click();
      await teams
        .getByText(`A team name can be at most 80 characters; it has ${long.length}.`, {
          exact: false,
        })
        .waitFor();
      expect(await name.inputValue()).toBe(long);

      await hr.goto('/org');
      const k = hr.getByLabel('Minimum group size (k)');
      await k.waitFor();
      const save = hr.getByRole('button', { name: 'Save settings' });
      await k.fill('');
      await save.click();
      await hr.getByText('Enter a number.').waitFor();
      await k.fill('2');
      await save.click();
      await hr.getByText('Enter 3 or more.').waitFor();
      expect(await hr.getByText(/must be >=/).count()).toBe(0);
    },
  );
});
