// Ownership experiments (issue acceptance): the demo lead reads a completed experiment's impact,
// launches one for next week and sees it listed and shaded on the trend; a member reads the
// experiments without being able to launch one, proposes an idea without their name, and the lead
// votes for it. HR cancels a team's experiment in its first week and launches the next one from
// the form's default start week, which the server accepts.

import { addWeeks, weekInTimeZone, weekNumberOf } from '@leeway/domain/iso-weeks';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import {
  createTeam,
  DEMO,
  DEMO_EXPERIMENTS,
  region,
  settled,
  signIn,
  signUpOrganisation,
  teamPath,
  unique,
} from '../lib/app.ts';
import { browserTest, screenshot, useBrowser } from '../lib/browser.ts';

const browser = useBrowser();

/** A completed experiment of the demo's Platform team (docs/product.md §8, the demo organisation). */
const COMPLETED_PLATFORM = DEMO_EXPERIMENTS.completed;

const experimentList = (page: Page) => page.getByRole('list', { name: 'Experiment list' });

/** The signed-in person's organisation time zone, as the API reports it. */
async function orgTimeZone(page: Page): Promise<string> {
  const me = await page.evaluate(() => fetch('/api/me').then((r) => r.json()));
  expect(me.org.timezone, 'the demo organisation runs on Berlin time').toBe('Europe/Berlin');
  return me.org.timezone as string;
}

async function openPlatform(page: Page): Promise<string> {
  const path = await teamPath(page, 'Platform');
  await page.goto(path);
  await page.getByRole('heading', { level: 1, name: 'Platform' }).waitFor();
  await experimentList(page).waitFor();
  await settled(page);
  return path;
}

describe('ownership experiments', () => {
  browserTest(
    browser,
    'lead reads a completed experiment, then launches one for next week and sees it on the trend',
    async (session) => {
      const page = await session.newPage('lead');
      await signIn(page, DEMO.lead);
      await page.getByRole('heading', { level: 1, name: 'Your teams' }).waitFor();
      const platform = await openPlatform(page);
      await screenshot(page, 'experiments-lead-team');

      // 1. A completed experiment, opened from the list: chart, 95 % CI in words, verdict.
      const item = experimentList(page)
        .getByRole('listitem')
        .filter({ has: page.getByRole('link', { name: COMPLETED_PLATFORM, exact: true }) });
      await item.getByText('Completed', { exact: true }).waitFor();
      await item.getByRole('link', { name: COMPLETED_PLATFORM, exact: true }).click();
      await page.waitForURL(/\/experiments\/[^/]+$/);
      await page.getByRole('heading', { level: 1, name: COMPLETED_PLATFORM }).waitFor();
      const impact = region(page, 'Impact on engagement');
      await impact.waitFor();
      const chart = impact.getByRole('figure', { name: 'Before and during' });
      await chart.locator('.chart-box svg').first().waitFor();
      await impact.getByRole('figure', { name: 'Change with its 95 % interval' }).waitFor();
      const verdict = impact.getByText(
        /Engagement (rose by|declined by|did not change measurably)/,
      );
      await verdict.waitFor();
      const sentence = (await verdict.textContent()) ?? '';
      expect(sentence).toMatch(/95 % CI -?−?\d+(\.\d)? to -?−?\d+(\.\d)?/);
      await settled(page);
      await screenshot(page, 'experiments-lead-completed-experiment');

      // 2. Back to the team, and launch a new experiment for next week.
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: 'Platform' }).waitFor();
      expect(new URL(page.url()).pathname).toBe(platform);
      const nextWeek = addWeeks(weekInTimeZone(await orgTimeZone(page)), 1);
      const title = `Pairing days of our own choosing ${unique()}`;
      const launch = region(page, 'Launch an experiment');
      // A fieldset of radios (role "group") named by its legend.
      const type = launch.getByRole('group', { name: 'Type', exact: true });
      await type.getByRole('radio', { name: 'Flexible schedule', exact: true }).check();
      expect(await type.getByRole('radio', { checked: true }).count()).toBe(1);
      await launch.getByLabel('Title', { exact: true }).fill(title);
      await launch
        .getByLabel('Hypothesis', { exact: true })
        .fill('We believe that choosing our pairing days will lift energy because we plan them.');
      const startWeek = launch.getByLabel('Start week', { exact: true });
      await startWeek.selectOption(nextWeek);
      expect(await startWeek.inputValue()).toBe(nextWeek);
      await launch.getByLabel('Duration', { exact: true }).selectOption({ label: '2 weeks' });
      const created = page.waitForResponse(
        (r) => /\/api\/teams\/[^/]+\/experiments$/.test(r.url()) && r.request().method() === 'POST',
      );
      await launch.getByRole('button', { name: 'Launch experiment' }).click();
      const response = await created;
      expect(response.status(), await response.text()).toBe(201);
      expect(await response.json()).toMatchObject({
        title,
        type: 'flexible_schedule',
        startWeek: nextWeek,
        durationWeeks: 2,
        status: 'planned',
      });
      const status = launch.getByRole('status').filter({ hasText: 'Launched' });
      await status.waitFor();
      const launched = (await status.textContent()) ?? '';
      expect(launched).toContain(title);
      expect(launched).toMatch(new RegExp(`Weeks? ${weekNumberOf(nextWeek)}\\b`));

      // 3. Listed as planned, and shaded and labelled on the engagement trend.
      const newItem = experimentList(page)
        .getByRole('listitem')
        .filter({ has: page.getByRole('link', { name: title, exact: true }) });
      await newItem.waitFor();
      await newItem.getByText('Planned', { exact: true }).waitFor();
      const shaded = page.getByRole('list', { name: 'Shaded on the Engagement chart' });
      await shaded.getByRole('listitem').filter({ hasText: title }).waitFor();
      const table = page.getByRole('table', { name: 'Engagement by week' });
      const headers = (await table.getByRole('columnheader').allTextContents()).map((h) =>
        h.trim(),
      );
      const column = headers.indexOf('Experiment');
      expect(column, `columns: ${headers.join(', ')}`).toBeGreaterThan(0);
      const labelled = await table
        .locator('tbody tr')
        .evaluateAll(
          (rows, col) => rows.map((row) => row.querySelectorAll('th, td')[col]?.textContent ?? ''),
          column,
        );
      expect(
        labelled.filter((cell) => cell === title),
        'the new experiment names its two weeks in the trend table',
      ).toHaveLength(2);
      await settled(page);
      await screenshot(page, 'experiments-lead-launched');

      // The new experiment's own page says when it starts.
      await newItem.getByRole('link', { name: title, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await region(page, 'Impact on engagement')
        .getByText(new RegExp(`It starts in Week ${weekNumberOf(nextWeek)}\\b`))
        .waitFor();
      await settled(page);
      await screenshot(page, 'experiments-lead-planned-experiment');
    },
  );

  browserTest(
    browser,
    'member reads the experiments, proposes an idea without their name; the lead votes for it',
    async (session) => {
      const lead = await session.newPage('lead');
      await signIn(lead, DEMO.lead);
      await lead.getByRole('heading', { level: 1, name: 'Your teams' }).waitFor();
      const platform = await teamPath(lead, 'Platform');

      // The member sees the team's experiments, but no way to launch one.
      const member = await session.newPage('member');
      await signIn(member, DEMO.member);
      await member.goto(platform);
      await member.getByRole('heading', { level: 1, name: 'Platform' }).waitFor();
      await experimentList(member)
        .getByRole('link', { name: COMPLETED_PLATFORM, exact: true })
        .waitFor();
      await settled(member);
      expect(await member.getByRole('button', { name: 'Launch experiment' }).count()).toBe(0);
      expect(await region(member, 'Launch an experiment').count()).toBe(0);
      expect(await member.getByRole('button', { name: /^Launch from this idea/ }).count()).toBe(0);

      // The member can read a completed experiment's results, but not decide on it.
      await experimentList(member)
        .getByRole('link', { name: COMPLETED_PLATFORM, exact: true })
        .click();
      await member.getByRole('heading', { level: 1, name: COMPLETED_PLATFORM }).waitFor();
      await region(member, 'Impact on engagement')
        .getByText(/Engagement (rose by|declined by|did not change measurably)/)
        .waitFor();
      await settled(member);
      // The demo lead adopted it; the member reads that decision and cannot change it.
      await region(member, 'Outcome').getByText('Adopt — Keep doing it.').waitFor();
      expect(await member.getByRole('button', { name: 'Save decision' }).count()).toBe(0);
      await screenshot(member, 'experiments-member-completed-experiment');
      await member.goBack();
      await member.getByRole('heading', { level: 1, name: 'Platform' }).waitFor();

      // Propose an idea without a name.
      const idea = `Swap one meeting a week for async notes ${unique()}`;
      const ideas = region(member, 'Ideas from the team');
      await ideas.getByLabel('Kind of idea', { exact: true }).selectOption({ label: 'Custom' });
      await ideas.getByRole('textbox', { name: 'Your idea' }).fill(idea);
      await ideas.getByRole('checkbox', { name: 'Propose without my name' }).check();
      const proposed = member.waitForResponse(
        (r) => /\/api\/teams\/[^/]+\/ideas$/.test(r.url()) && r.request().method() === 'POST',
      );
      await ideas.getByRole('button', { name: 'Propose idea' }).click();
      expect((await proposed).status()).toBe(201);
      await ideas.getByRole('status').filter({ hasText: 'your idea is on the list' }).waitFor();
      const memberItem = member
        .getByRole('list', { name: 'Ideas' })
        .getByRole('listitem')
        .filter({ hasText: idea });
      await memberItem.waitFor();
      expect(await memberItem.textContent()).toContain('proposed without a name');
      await screenshot(member, 'experiments-member-idea-proposed');

      // The lead sees it and votes for it.
      await lead.goto(platform);
      await lead.getByRole('heading', { level: 1, name: 'Platform' }).waitFor();
      const leadItem = lead
        .getByRole('list', { name: 'Ideas' })
        .getByRole('listitem')
        .filter({ hasText: idea });
      await leadItem.waitFor();
      await leadItem.getByText('0 votes', { exact: true }).waitFor();
      const vote = leadItem.getByRole('button', { name: `Vote for “${idea}”`, exact: true });
      expect(await vote.getAttribute('aria-pressed')).toBe('false');
      await vote.click();
      await leadItem
        .getByRole('button', { name: `Vote for “${idea}”`, exact: true, pressed: true })
        .waitFor();
      await leadItem.getByText('1 vote', { exact: true }).waitFor();
      await settled(lead);
      await screenshot(lead, 'experiments-lead-voted');
    },
  );

  browserTest(
    browser,
    'an experiment cancelled this week keeps its week: the form starts the next one after it',
    async (session) => {
      // An organisation of its own (the demo's HR may sign in only so often).
      const page = await session.newPage('admin');
      const id = unique();
      await signUpOrganisation(page, { name: `Calendar ${id}`, admin: `Ada Admin ${id}`, id });
      await page.goto('/admin');
      await page.getByRole('heading', { level: 1, name: 'Admin' }).waitFor();
      const team = `Cancelled this week ${id}`;
      await createTeam(page, team);
      const path = await teamPath(page, team);
      const me = await page.evaluate(() => fetch('/api/me').then((r) => r.json()));
      const thisWeek = weekInTimeZone(me.org.timezone);

      const launch = async (title: string) => {
        const form = region(page, 'Launch an experiment');
        await form.getByLabel('Title', { exact: true }).fill(title);
        await form
          .getByLabel('Hypothesis', { exact: true })
          .fill('We believe that owning this ourselves will lift autonomy.');
        const startWeek = await form.getByLabel('Start week', { exact: true }).inputValue();
        // A team without members can never show a result: the lead launches it knowingly.
        await form.getByText('This design cannot show a result.').waitFor();
        await form.getByRole('checkbox', { name: /not measured/ }).check();
        const created = page.waitForResponse(
          (r) =>
            /\/api\/teams\/[^/]+\/experiments$/.test(r.url()) && r.request().method() === 'POST',
        );
        await form.getByRole('button', { name: 'Launch experiment' }).click();
        const response = await created;
        return { startWeek, status: response.status(), body: await response.text() };
      };

      // Launched from the default start week (this one: nothing is taken), then cancelled.
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: team }).waitFor();
      await settled(page);
      const first = await launch(`Runs this week ${unique()}`);
      expect(first.startWeek).toBe(thisWeek);
      expect(first.status, first.body).toBe(201);
      await page.goto(`/experiments/${JSON.parse(first.body).id}`);
      await page.getByRole('button', { name: 'Cancel experiment' }).click();
      const cancelled = page.waitForResponse(
        (r) => /\/api\/experiments\/[^/]+$/.test(r.url()) && r.request().method() === 'PATCH',
      );
      await page.getByRole('button', { name: 'Yes, cancel the experiment' }).click();
      expect((await cancelled).status()).toBe(200);
      await page.getByText('Cancelled', { exact: true }).first().waitFor();

      // It held this week until it was cancelled, so the form offers next week, and the server
      // takes it.
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: team }).waitFor();
      await settled(page);
      const second = await launch(`Starts after the cancelled one ${unique()}`);
      expect(second.status, `start week ${second.startWeek}: ${second.body}`).toBe(201);
      expect(second.startWeek).toBe(addWeeks(thisWeek, 1));
      await screenshot(page, 'experiments-launch-after-cancelled');
    },
  );
});
