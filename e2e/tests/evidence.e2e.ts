// Design before launch and "what works here" (issue 14): the demo lead sees what a design can
// detect before launching and what a longer run would buy, takes a suggested experiment into the
// form, and reads a completed experiment's primary outcome first; HR reads the league table with
// its prediction interval and panel estimate, and what goes with eNPS; the lead's home says what
// to try next.

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

/** "This design detects a change of 12.3 points or more" → 12.3 */
const detectable = (text: string | null) => {
  const match = /detects a change of (\d+(?:\.\d)?) points/.exec(text ?? '');
  expect(match, `no detectable change in "${text}"`).not.toBeNull();
  return Number(match![1]);
};

describe('design before launch and what works here', () => {
  browserTest(
    browser,
    'lead sees what a design can detect, what a longer run buys, and takes a suggestion',
    async (session) => {
      const page = await session.newPage('lead');
      await signIn(page, DEMO.lead);
      await page.getByRole('heading', { level: 1, name: 'Your teams' }).waitFor();
      const next = region(page, 'What to try next');
      await next.getByRole('list', { name: 'Suggested next experiments, best first' }).waitFor();

      await page.goto(await teamPath(page, 'Platform'));
      await page.getByRole('heading', { level: 1, name: 'Platform' }).waitFor();
      const design = page.getByText(/This design detects a change of/);
      await design.waitFor();
      const oneWeek = detectable(await design.textContent());
      await page.getByText(/Other designs detect: .*4 weeks →/).waitFor();

      // A longer run detects a smaller change (the sentence is recomputed for the new design).
      await page.getByLabel('Duration').selectOption('4');
      await expect
        .poll(async () =>
          detectable(await page.getByText(/This design detects a change of/).textContent()),
        )
        .toBeLessThan(oneWeek);

      await page.getByText('Suggested for this team').click();
      const use = page.getByRole('button', { name: /^Use this:/ }).first();
      const label = (await use.textContent()) ?? '';
      await use.click();
      const title = /“(.+)”/.exec(label)![1]!;
      expect(await page.getByLabel('Title').inputValue()).toBe(title);
      expect(await page.getByLabel('Primary outcome').inputValue()).toBe('engagement');
      await settled(page);
      await screenshot(page, 'evidence-launch-form');

      await page.goto(await experimentPath(page, DEMO_EXPERIMENTS.completed));
      const outcomes = page.getByRole('table', { name: /Change per outcome/ });
      await outcomes.waitFor();
      const first = outcomes.getByRole('row').nth(1);
      expect(await first.textContent()).toContain('Primary');
      expect(await outcomes.getByText('(Holm)').count()).toBeGreaterThan(0);
      // How far the team really did it: the fidelity item of its weeks.
      await page.getByRole('heading', { name: 'Did the team really do it?' }).waitFor();
      await page.getByText(/Agreement: \d+(\.\d)? \/ 100/).waitFor();
      // The team's own anonymous vote, beside the lead's decision, once voting has closed.
      await region(page, "The team's vote")
        .getByText(/members voted anonymously/)
        .waitFor();
      await page.getByRole('list', { name: 'Votes of the team' }).getByText('Adopt').waitFor();
    },
  );

  browserTest(
    browser,
    'HR reads the pooled effects beside the panel, and what goes with eNPS',
    async (session) => {
      const page = await session.newPage('hr');
      await signIn(page, DEMO.admin);
      await page.goto('/org');
      const works = region(page, 'What works');
      await works.getByRole('columnheader', { name: /Panel estimate/ }).waitFor();
      await works.getByRole('columnheader', { name: 'A new team can expect' }).waitFor();
      await works.getByText(/trust it when teams run experiments back to back/).waitFor();
      const drivers = region(page, 'What goes with eNPS');
      await drivers
        .getByRole('table', { name: /Correlation of each question with eNPS/ })
        .waitFor();
      await drivers.getByText(/not proof that raising one item raises eNPS/).waitFor();
      expect(await drivers.getByRole('row').count()).toBe(6);
      await settled(page);
      await screenshot(page, 'evidence-org');
    },
  );
});
