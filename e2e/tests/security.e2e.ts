// Security smoke in the browser: the SPA runs under the server's Content-Security-Policy without
// violations, and markup in user input is shown as text.
import { describe, expect } from 'vitest';
import { createTeam, DEMO, region, settled, signIn, teamLink, unique } from '../lib/app.ts';
import { browserTest, screenshot, useBrowser } from '../lib/browser.ts';

const browser = useBrowser();
const XSS = '<img src=x onerror=alert(1)>';

describe('security smoke', () => {
  browserTest(
    browser,
    'pages are served with a strict CSP and run without violations',
    async (session) => {
      const page = await session.newPage('hr');
      const response = await page.goto('/signin');
      const csp = response?.headers()['content-security-policy'] ?? '';
      expect(csp).toMatch(/default-src 'self'/);
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
      expect(scriptSrc).toContain("'self'");
      expect(scriptSrc).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      // Styles too: no inline <style> or style="" markup (React sets styles through the CSSOM).
      const styleSrc = /style-src ([^;]*)/.exec(csp)?.[1] ?? '';
      expect(styleSrc).toBe("'self'");
      expect(csp).toMatch(/object-src 'none'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      await signIn(page, DEMO.admin);
      for (const path of ['/', '/admin']) {
        await page.goto(path);
        await settled(page);
      }
      await teamLink(page, 'Platform').click();
      await settled(page);
      // browserTest fails the test on any CSP violation seen on these pages.
      expect(session.problems.cspViolations).toEqual([]);
    },
  );

  browserTest(
    browser,
    'a CSP violation would be noticed (the watch is not blind)',
    async (session) => {
      const page = await session.newPage('probe');
      await page.goto('/signin');
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      const reported = page.waitForEvent('console', (m) => m.text().startsWith('[csp-violation]'));
      const ran = await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.__inlineRan = true';
        document.body.append(script);
        return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
      });
      expect(ran, 'an inline script must not run').toBe(false);
      expect((await reported).text()).toMatch(/script-src/);
      expect(session.problems.cspViolations.length).toBeGreaterThan(0);
    },
    { allowCspViolations: true },
  );

  browserTest(browser, 'a team name with markup renders as text', async (session) => {
    const id = unique();
    const page = await session.newPage('admin');
    // Setup through the API (the sign-up page is covered elsewhere): a fresh organisation.
    const signup = await page.request.post('/api/auth/signup', {
      data: {
        orgName: `Escapes ${id}`,
        name: `Sam Secure ${id}`,
        email: `sam.${id}@e2e.example`,
        password: `escape artist ${id}`,
      },
    });
    expect(signup.status()).toBe(201);
    await page.goto('/admin');
    await page.getByRole('heading', { level: 1, name: 'Admin' }).waitFor();
    await createTeam(page, XSS);

    const link = region(page, 'Teams').getByRole('link', { name: XSS, exact: true });
    expect(await link.textContent()).toBe(XSS);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await screenshot(page, 'security-markup-team-admin');

    await page.goto('/');
    await settled(page);
    await teamLink(page, XSS).click();
    await page.getByRole('heading', { level: 1, name: XSS }).waitFor();
    await settled(page);
    expect(await page.locator('main h1').textContent()).toBe(XSS);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.title()).toContain(XSS);
    await screenshot(page, 'security-markup-team-page');
    // No alert() ran: browserTest fails on any dialog.
    expect(session.problems.dialogs).toEqual([]);
  });
});
