// axe-core on every page each role can reach, at 1280 px and 360 px: no serious or critical
// violations, and no horizontal scrolling on a phone.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect } from 'vitest';
import { acceptInvitation, DEMO, invite, settled, signIn, teamPath, unique } from '../lib/app.ts';
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
 * Checks the page that is open now at both widths. Returns the problems found (not thrown, so
 * one role's run reports every page, not just the first bad one).
 */
async function check(page: Page, role: string, name: string): Promise<string[]> {
  const problems: string[] = [];
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    await settled(page);
    const results = await new AxeBuilder({ page }).analyze();
    const counts: Record<string, number> = {};
    for (const v of results.violations)
      counts[v.impact ?? 'unknown'] = (counts[v.impact ?? 'unknown'] ?? 0) + 1;
    const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    checked.push({ role, page: name, width: viewport.width, counts, blocking, scrollWidth });
    for (const v of blocking)
      problems.push(`${role} · ${name} @${viewport.width}px: ${describeViolation(v)}`);
    if (viewport.width === PHONE.width && scrollWidth > PHONE.width) {
      problems.push(
        `${role} · ${name} @360px scrolls sideways: document.documentElement.scrollWidth is ${scrollWidth}`,
      );
    }
    await screenshot(page, `a11y-${role}-${name}-${viewport.width}`);
  }
  await page.setViewportSize(DESKTOP);
  return problems;
}

async function visit(page: Page, path: string) {
  await page.goto(path);
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
    return `  ${flag ? 'FAIL' : 'ok  '} ${`${c.role} · ${c.page}`.padEnd(34)} ${String(c.width).padStart(4)} px  scrollWidth ${String(c.scrollWidth).padStart(4)}  ${counts || 'no violations'}`;
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
      await visit(page, platform);
      problems.push(...(await check(page, 'admin', 'team')));
      assertNone(problems);
    },
  );

  browserTest(browser, 'signed-out pages: sign-in, sign-up, accept', async (session) => {
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
    assertNone(problems);
  });

  browserTest(browser, 'lead pages', async (session) => {
    const page = await session.newPage('lead');
    await signIn(page, DEMO.lead);
    await settled(page);
    const path = await teamPath(page, 'Platform');
    const problems = await check(page, 'lead', 'home');
    await visit(page, path);
    problems.push(...(await check(page, 'lead', 'team')));
    assertNone(problems);
  });

  browserTest(browser, 'member pages: home, pulse form, confirmation, team', async (session) => {
    expect(invitationUrl, 'the admin test made an invitation').not.toBe('');
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
    await visit(page, platform || '/');
    problems.push(...(await check(page, 'member', 'team')));
    // The demo member too (whatever the state of their pulse).
    const demo = await newSignedIn(session, DEMO.member);
    problems.push(...(await check(demo, 'demo-member', 'home')));
    await visit(demo, '/pulse');
    problems.push(...(await check(demo, 'demo-member', 'pulse')));
    assertNone(problems);
  });
});

async function newSignedIn(session: Session, email: string) {
  const page = await session.newPage(email);
  await signIn(page, email);
  await settled(page);
  return page;
}
