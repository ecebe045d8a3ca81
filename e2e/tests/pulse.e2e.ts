// The weekly pulse, answered with the keyboard only; the lead sees nothing of the week in progress
// before or after the answer: it is "open until Sunday" and nothing else (docs/product.md §4).

import { weekInTimeZone } from '@leeway/domain/iso-weeks';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { DEMO, settled, signIn, teamPath } from '../lib/app.ts';
import { browserTest, screenshot, useBrowser } from '../lib/browser.ts';

const browser = useBrowser();

/** What the demo member answers (and how many arrow presses that takes from the lowest value). */
const ANSWERS: Record<string, number> = {
  energy: 4,
  autonomy: 5,
  voice: 3,
  growth: 4,
  trust: 5,
  enps: 9,
  // Platform runs an experiment this week: its optional fidelity item comes seventh (issue 14).
  fidelity: 4,
};

/** The focused element, described well enough to assert on. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (el instanceof HTMLInputElement) {
      return { tag: 'input', type: el.type, name: el.name, value: el.value, checked: el.checked };
    }
    return { tag: el?.tagName.toLowerCase() ?? '', text: el?.textContent?.trim() ?? '' };
  });
}

/** Presses Tab until the focus is on an element matching `want`, at most `limit` times. */
async function tabUntil(
  page: Page,
  want: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  limit = 40,
) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (want(f)) return f;
  }
  throw new Error(`Tab did not reach the wanted element in ${limit} presses`);
}

/**
 * The current week's row of the team's participation table: the week, then one cell saying when
 * it closes — no participation, no count of answers, no members.
 */
async function openWeekRow(page: Page, path: string): Promise<string[]> {
  await page.goto(path);
  await settled(page);
  await page.getByRole('button', { name: 'Show table of Participation' }).click();
  const table = page.getByRole('table', { name: 'Participation by week' });
  await table.waitFor({ state: 'visible' });

  const me = await page.evaluate(() => fetch('/api/me').then((r) => r.json()));
  const week = weekInTimeZone(me.org.timezone);
  const row = table.locator('tbody tr').last();
  const cells = (await row.locator('th, td').allTextContents()).map((c) => c.trim());
  expect(cells[0], 'the last row of the table is the current week').toContain(
    `Week ${Number(week.slice(6))} `,
  );
  expect(cells[1]).toMatch(/^open until Sunday \d{1,2} \w+, 23:59 \(Europe\/Berlin\)$/);
  // Only the experiment column may follow: a title or a dash, never a figure.
  for (const cell of cells.slice(2)) expect(cell).not.toMatch(/^[-−+]?\d/);
  return cells;
}

describe('weekly pulse', () => {
  browserTest(
    browser,
    'member answers all six questions with the keyboard; the lead sees nothing of the open week',
    async (session) => {
      // The lead's view before: this week is open, with nothing else shown about it.
      const lead = await session.newPage('lead');
      await signIn(lead, DEMO.lead);
      await lead.getByRole('heading', { level: 1, name: 'Your teams' }).waitFor();
      const platform = await teamPath(lead, 'Platform');
      const before = await openWeekRow(lead, platform);

      // The member opens the pulse and answers with Tab, Space and the arrow keys only.
      const member = await session.newPage('member');
      await signIn(member, DEMO.member);
      await member.goto('/pulse');
      await member.getByRole('heading', { level: 1, name: "This week's pulse" }).waitFor();
      const submit = member.getByRole('button', { name: 'Submit answers' });
      await submit.waitFor();
      expect(await submit.isDisabled(), 'submit is disabled until all six are answered').toBe(true);
      await screenshot(member, 'pulse-form');

      const order = await member
        .locator('main form fieldset')
        .evaluateAll((sets) =>
          sets.map((set) => set.querySelector('input[type="radio"]')?.getAttribute('name') ?? ''),
        );
      expect([...order].sort()).toEqual(Object.keys(ANSWERS).sort());

      let f = await tabUntil(member, (x) => x.tag === 'input' && x.name === order[0]);
      for (const [i, question] of order.entries()) {
        if (i > 0) {
          f = await tabUntil(member, () => true, 1);
          expect(f, `Tab moves on to question ${i + 1}`).toMatchObject({ name: question });
        }
        expect(f).toMatchObject({ type: 'radio', checked: false });
        const lowest = Number((f as { value: string }).value);
        await member.keyboard.press('Space');
        for (let v = lowest; v < ANSWERS[question]!; v++) await member.keyboard.press('ArrowRight');
        f = await focused(member);
        expect(f, `question ${question}`).toMatchObject({
          name: question,
          value: String(ANSWERS[question]),
          checked: true,
        });
        expect(await member.locator(`input[name="${question}"]:checked`).count()).toBe(1);
      }

      // The optional comment, typed; then on to the submit button.
      f = await tabUntil(member, () => true, 1);
      expect(f.tag).toBe('textarea');
      await member.keyboard.type('Answered with the keyboard only.');
      f = await tabUntil(member, (x) => x.tag === 'button', 3);
      expect(f).toMatchObject({ tag: 'button', text: 'Submit answers' });
      await screenshot(member, 'pulse-form-complete');
      const posted = member.waitForResponse(
        (r) => r.url().endsWith('/api/pulse/responses') && r.request().method() === 'POST',
      );
      await member.keyboard.press('Enter');
      expect((await posted).status()).toBe(201);
      await member.getByText('Thanks — your answers are in').waitFor();
      await screenshot(member, 'pulse-confirmation');

      // The lead's view after: the same open week, nothing about the answer that came in.
      const after = await openWeekRow(lead, platform);
      expect(after).toEqual(before);
      await screenshot(lead, 'lead-platform-after-answer');
    },
  );
});
