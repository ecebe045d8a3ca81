// The demo organisation: HR signs in and sees its six teams.
import { describe } from 'vitest';
import { DEMO, DEMO_TEAMS, settled, signIn, teamLink } from '../lib/app.ts';
import { browserTest, screenshot, useBrowser } from '../lib/browser.ts';

const browser = useBrowser();

describe('demo organisation', () => {
  browserTest(browser, 'hr@example.com sees the six demo teams', async (session) => {
    const page = await session.newPage('hr');
    await signIn(page, DEMO.admin);
    await page.getByRole('heading', { level: 1, name: 'Northwind Labs' }).waitFor();
    for (const team of DEMO_TEAMS) await teamLink(page, team).waitFor();
    await settled(page);
    await screenshot(page, 'demo-hr-home');
  });
});
