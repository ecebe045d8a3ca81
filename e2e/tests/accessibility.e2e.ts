// axe-core on every page each role can reach, at 1280 px and 360 px: no serious or critical
// violations, and no horizontal scrolling on a phone. Pages per role:
//   anonymous   sign-in, sign-up, accept (valid and invalid link), not found
//   admin (HR)  home, organisation, admin (with an invitation and a members list), team,
//               experiment (completed), not found
//   lead        home, team (and its launch form with errors), experiment (completed, running,
//               and one it launched for later), not allowed (/org)
//   member      home, pulse, pulse answered, team, experiment (completed), not allowed (/admin)
import AxeBuilder from '@axe-core/playwright';
import { addWeeks, weekInTimeZone } from '@leeway/domain/iso-weeks';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect } from 'vitest';
import {
  acceptInvitation,
  DEMO,
  DEMO_EXPERIMENTS,
  experimentPath,
  invite,
  region,
  settled,
  signIn,
  teamPath,
  unique,
} from '../lib/app.ts';
import {
  browserTest,
  DESKTOP,
  PHONE,
  type Session,
  screenshot,
  useBrowser,
} from '../lib/browser.ts';

const browser = useBrowser();

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;
type Violation = AxeResults['violations'][number];

const BLOCKING = new Set(['serious', 'critical']);

interface Checked {
  role: string;
  page: string;
  width: number;
  counts: Record<string, number>;
  blocking: Violation[];
  scrollWidth: number;
  /** How long axe-core and the screenshot took at this width. */
  axeMs: number;
  screenshotMs: number;
}

const checked: Checked[] = [];

function describeViolation(v: Violation): string {
  const targets = v.nodes
    .slice(0, 3)
    .map((n) => n.target.join(' '))
    .join(' | ');
  return `${v.impact} ${v.id}: ${v.help} (${v.nodes.length} node(s): ${targets}) ${v.helpUrl}`;
}

/**
 * axe-core with every rule. Legacy mode runs it in the page itself (the SPA has no frames) rather
 * than finishing the run in a new blank page, and only violations list every node: the same
 * rules and the same violations in less than half the time on this machine. The signed-out test
 * shows that this setup still finds violations.
 */
function axe(page: Page): Promise<AxeResults> {
  return new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .analyze();
}

/**
 * Checks the page that is open now at both widths. Returns the problems found (not thrown, so
 * one role's run reports every page, not just the first bad one).
 */
async function check(page: Page, role: string, name: string): Promise<string[]> {
  const problems: string[] = [];
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    await settled(page);
    const axeStarted = Date.now();
    const results = await axe(page);
    const axeMs = Date.now() - axeStarted;
    const counts: Record<string, number> = {};
    for (const v of results.violations)
      counts[v.impact ?? 'unknown'] = (counts[v.impact ?? 'unknown'] ?? 0) + 1;
    const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    const shotStarted = Date.now();
    await screenshot(page, `a11y-${role}-${name}-${viewport.width}`);
    const screenshotMs = Date.now() - shotStarted;
    checked.push({
      role,
      page: name,
      width: viewport.width,
      counts,
      blocking,
      scrollWidth,
      axeMs,
      screenshotMs,
    });
    for (const v of blocking)
      problems.push(`${role} · ${name} @${viewport.width}px: ${describeViolation(v)}`);
    if (viewport.width === PHONE.width && scrollWidth > PHONE.width) {
      problems.push(
        `${role} · ${name} @360px scrolls sideways: document.documentElement.scrollWidth is ${scrollWidth}`,
      );
    }
  }
  await page.setViewportSize(DESKTOP);
  return problems;
}

async function visit(page: Page, path: string) {
  await page.goto(path);
  await settled(page);
}

/** Opens a team page and waits for its experiments (list, ideas) to be there. */
async function visitTeam(page: Page, path: string) {
  await visit(page, path);
  await page.getByRole('list', { name: 'Experiment list' }).waitFor();
  await page.getByRole('heading', { name: 'Ideas from the team' }).waitFor();
  await settled(page);
}

/** Opens an experiment page and waits for its impact (or why there is none). */
async function visitExperiment(page: Page, path: string, title: string) {
  await visit(page, path);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await region(page, 'Impact on engagement').waitFor();
  await settled(page);
}

function assertNone(problems: string[]) {
  expect(problems, `\n${problems.join('\n')}\n`).toEqual([]);
}

afterAll(() => {
  if (checked.length === 0) return;
  const lines = checked.map((c) => {
    const counts = Object.entries(c.counts)
      .map(([impact, n]) => `${n} ${impact}`)
      .join(', ');
    const flag = c.blocking.length > 0 || (c.width === PHONE.width && c.scrollWidth > PHONE.width);
    return `  ${flag ? 'FAIL' : 'ok  '} ${`${c.role} · ${c.page}`.padEnd(34)} ${String(c.width).padStart(4)} px  scrollWidth ${String(c.scrollWidth).padStart(4)}  ${counts || 'no violations'}  (axe ${c.axeMs} ms, screenshot ${c.screenshotMs} ms)`;
  });
  const failing = checked.filter((c) => c.blocking.length > 0).length;
  console.log(
    `\naxe-core summary: ${checked.length} page checks, ${failing} with serious/critical violations\n${lines.join('\n')}\n`,
  );
});

let platform = '';
let invitationUrl = '';

describe('accessibility (axe-core, 1280 px and 360 px)', () => {
  browserTest(
    browser,
    'admin pages (and a fresh invitation for the next checks)',
    async (session) => {
      const page = await session.newPage('hr');
      await signIn(page, DEMO.admin);
      await settled(page);
      platform = await teamPath(page, 'Platform');
      const problems = await check(page, 'admin', 'home');
      await visit(page, '/org');
      await page
        .getByRole('grid', { name: 'Engagement (0–100) by team and week' })
        .getByRole('link')
        .first()
        .waitFor();
      await page
        .getByRole('table', { name: 'Average change in engagement by experiment type' })
        .waitFor();
      problems.push(...(await check(page, 'admin', 'org')));
      await visit(page, '/admin');
      problems.push(...(await check(page, 'admin', 'admin')));
      // The admin page with an invitation link shown and a team's members listed.
      const id = unique();
      invitationUrl = await invite(page, {
        name: `Axel Access ${id}`,
        email: `axel.${id}@e2e.example`,
        role: 'Member',
        team: 'Platform',
      });
      await page.getByRole('button', { name: 'Members of Platform' }).click();
      await page.getByRole('table', { name: 'Members of Platform' }).waitFor();
      problems.push(...(await check(page, 'admin', 'admin-invited-members')));
      await visitTeam(page, platform);
      problems.push(...(await check(page, 'admin', 'team')));
      const completed = await experimentPath(page, DEMO_EXPERIMENTS.completed);
      await visitExperiment(page, completed, DEMO_EXPERIMENTS.completed);
      problems.push(...(await check(page, 'admin', 'experiment')));
      await visit(page, '/no-such-page');
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      problems.push(...(await check(page, 'admin', 'not-found')));
      assertNone(problems);
    },
  );

  browserTest(browser, 'signed-out pages: sign-in, sign-up, accept, not found', async (session) => {
    const page = await session.newPage('anonymous');
    await visit(page, '/signin');
    const problems = await check(page, 'anonymous', 'signin');
    await visit(page, '/signup');
    problems.push(...(await check(page, 'anonymous', 'signup')));
    if (invitationUrl) {
      await visit(page, new URL(invitationUrl).pathname + new URL(invitationUrl).search);
      await page.getByRole('button', { name: 'Accept invitation' }).waitFor();
      problems.push(...(await check(page, 'anonymous', 'accept')));
    } else {
      problems.push('no invitation link from the admin test, so the accept page was not checked');
    }
    await visit(page, '/accept?token=not-a-real-token');
    problems.push(...(await check(page, 'anonymous', 'accept-invalid')));
    await visit(page, '/no-such-page');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    problems.push(...(await check(page, 'anonymous', 'not-found')));
    // The sweep is not blind: an image without a text alternative and an unlabelled input, added
    // to the page, are reported as critical.
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = '/favicon.svg';
      const input = document.createElement('input');
      input.type = 'text';
      document.querySelector('main')?.append(img, input);
    });
    const probe = await axe(page);
    expect(
      probe.violations
        .filter((v) => BLOCKING.has(v.impact ?? ''))
        .map((v) => v.id)
        .sort(),
    ).toEqual(expect.arrayContaining(['image-alt', 'label']));
    assertNone(problems);
  });

  browserTest(
    browser,
    'lead pages: home, team, launch form errors, experiments',
    async (session) => {
      const page = await session.newPage('lead');
      await signIn(page, DEMO.lead);
      await settled(page);
      const path = await teamPath(page, 'Platform');
      const problems = await check(page, 'lead', 'home');
      await visitTeam(page, path);
      problems.push(...(await check(page, 'lead', 'team')));
      const completed = await experimentPath(page, DEMO_EXPERIMENTS.completed);
      const running = await experimentPath(page, DEMO_EXPERIMENTS.running);
      // The launch form after submitting it empty: errors beside the fields, focus on the first.
      const launch = region(page, 'Launch an experiment');
      await launch.getByRole('button', { name: 'Launch experiment' }).click();
      await launch.getByText('Give the experiment a short title.').waitFor();
      problems.push(...(await check(page, 'lead', 'team-launch-errors')));
      await visitExperiment(page, completed, DEMO_EXPERIMENTS.completed);
      problems.push(...(await check(page, 'lead', 'experiment-completed')));
      await visitExperiment(page, running, DEMO_EXPERIMENTS.running);
      problems.push(...(await check(page, 'lead', 'experiment-running')));
      // A planned experiment, through the API (the launch form itself is covered in experiments).
      const me = await page.evaluate(() => fetch('/api/me').then((r) => r.json()));
      const taken = new Set<string>();
      const list = await page.request.get(`/api${path}/experiments`);
      const { experiments } = (await list.json()) as {
        experiments: { startWeek: string; endWeek: string; status: string }[];
      };
      for (const e of experiments) {
        if (e.status === 'cancelled') continue;
        for (let w = e.startWeek; w <= e.endWeek; w = addWeeks(w, 1)) taken.add(w);
      }
      let start = addWeeks(weekInTimeZone(me.org.timezone), 6);
      while (taken.has(start)) start = addWeeks(start, 1);
      const title = `Accessible planning week ${unique()}`;
      const created = await page.request.post(`/api${path}/experiments`, {
        data: {
          type: 'planning_voice',
          title,
          hypothesis: 'We believe a planning week of our own lifts voice.',
          startWeek: start,
          durationWeeks: 1,
        },
      });
      expect(created.status(), await created.text()).toBe(201);
      await visitExperiment(page, `/experiments/${(await created.json()).id}`, title);
      problems.push(...(await check(page, 'lead', 'experiment-planned')));
      await visit(page, '/org');
      await page
        .getByRole('heading', { level: 1, name: "You don't have access to this page" })
        .waitFor();
      problems.push(...(await check(page, 'lead', 'not-allowed')));
      assertNone(problems);
    },
  );

  browserTest(
    browser,
    'member pages: home, pulse form, confirmation, team, experiment',
    async (session) => {
      expect(invitationUrl, 'the admin test made an invitation').not.toBe('');
      expect(platform, 'the admin test found the Platform team').not.toBe('');
      // A member who has not answered yet, so the pulse form is there whatever ran before.
      const page = await session.newPage('member');
      await acceptInvitation(page, invitationUrl, `access pass ${unique()}`);
      await settled(page);
      const problems = await check(page, 'member', 'home');
      await visit(page, '/pulse');
      await page.getByRole('button', { name: 'Submit answers' }).waitFor();
      problems.push(...(await check(page, 'member', 'pulse')));
      for (const group of await page.locator('main form fieldset').all()) {
        await group.locator('label').nth(2).click();
      }
      await page.getByRole('button', { name: 'Submit answers' }).click();
      await page.getByText('Thanks — your answers are in').waitFor();
      problems.push(...(await check(page, 'member', 'pulse-answered')));
      await visitTeam(page, platform);
      problems.push(...(await check(page, 'member', 'team')));
      const completed = await experimentPath(page, DEMO_EXPERIMENTS.completed);
      await visitExperiment(page, completed, DEMO_EXPERIMENTS.completed);
      problems.push(...(await check(page, 'member', 'experiment')));
      await visit(page, '/admin');
      await page
        .getByRole('heading', { level: 1, name: "You don't have access to this page" })
        .waitFor();
      problems.push(...(await check(page, 'member', 'not-allowed')));
      // The demo member too (whatever the state of their pulse).
      const demo = await newSignedIn(session, DEMO.member);
      problems.push(...(await check(demo, 'demo-member', 'home')));
      await visit(demo, '/pulse');
      problems.push(...(await check(demo, 'demo-member', 'pulse')));
      assertNone(problems);
    },
  );
});

async function newSignedIn(session: Session, email: string) {
  const page = await session.newPage(email);
  await signIn(page, email);
  await settled(page);
  return page;
}
