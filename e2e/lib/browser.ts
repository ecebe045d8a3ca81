// Chromium for the browser tests: one browser per test file, a fresh `Session` (its own contexts
// and pages) per test, screenshots of every open page when a test fails, and a watch on
// Content-Security-Policy violations, uncaught page errors and dialogs (an `alert` means injected
// script ran).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll, test } from 'vitest';

const baseURL = process.env.E2E_BASE_URL;
if (!baseURL) {
  throw new Error(
    'E2E_BASE_URL is not set: run the browser tests with `node e2e/run.mjs` (or point E2E_BASE_URL at a running server with a fresh demo database).',
  );
}
export const BASE_URL: string = baseURL;
export const ARTIFACTS =
  process.env.E2E_ARTIFACTS ?? fileURLToPath(new URL('../artifacts/manual', import.meta.url));
mkdirSync(ARTIFACTS, { recursive: true });

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 360, height: 780 };

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/** Launches Chromium before the file's tests and closes it after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is not running');
    return browser;
  };
}

export const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

/** Saves a full-page screenshot as e2e/artifacts/<mode>/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${slug(name)}.png`), fullPage: true });
}

// Reports every CSP violation the page sees through the console, where the test collects it.
// Init scripts are injected by the browser itself, so they run even under `script-src 'self'`.
const REPORT_CSP_VIOLATIONS = `
  document.addEventListener('securitypolicyviolation', (event) => {
    console.error('[csp-violation] ' + event.effectiveDirective + ' blocked ' +
      (event.blockedURI || 'inline') + ' at ' + event.sourceFile + ':' + event.lineNumber);
  });
`;

export interface Problems {
  cspViolations: string[];
  pageErrors: string[];
  dialogs: string[];
}

/** The contexts and pages of one test, and what went wrong in them. */
export class Session {
  readonly contexts: BrowserContext[] = [];
  readonly pages: { page: Page; label: string }[] = [];
  readonly problems: Problems = { cspViolations: [], pageErrors: [], dialogs: [] };

  constructor(private readonly browser: Browser) {}

  /** A fresh browser context (its own cookies: one signed-in person) with one page. */
  async newPage(label: string, options: BrowserContextOptions = {}): Promise<Page> {
    const context = await this.browser.newContext({
      baseURL: BASE_URL,
      viewport: DESKTOP,
      locale: 'en-GB',
      reducedMotion: 'reduce',
      ...options,
    });
    context.setDefaultTimeout(20_000);
    context.setDefaultNavigationTimeout(30_000);
    await context.addInitScript({ content: REPORT_CSP_VIOLATIONS });
    this.contexts.push(context);
    const page = await context.newPage();
    this.watch(page, label);
    return page;
  }

  private watch(page: Page, label: string) {
    this.pages.push({ page, label });
    page.on('console', (message) => {
      const text = message.text();
      if (text.startsWith('[csp-violation]') || /Content Security Policy/i.test(text)) {
        this.problems.cspViolations.push(`${label} ${page.url()}: ${text}`);
      }
    });
    page.on('pageerror', (error) => {
      this.problems.pageErrors.push(`${label} ${page.url()}: ${error.message}`);
    });
    page.on('dialog', async (dialog) => {
      this.problems.dialogs.push(`${label} ${page.url()}: ${dialog.type()} "${dialog.message()}"`);
      await dialog.dismiss().catch(() => {});
    });
    // Violations Chromium logs itself (not through the page's console API) arrive here.
    page
      .context()
      .newCDPSession(page)
      .then(async (cdp) => {
        cdp.on('Log.entryAdded', ({ entry }) => {
          if (/Content Security Policy/i.test(entry.text)) {
            this.problems.cspViolations.push(`${label} ${entry.url ?? page.url()}: ${entry.text}`);
          }
        });
        await cdp.send('Log.enable');
      })
      .catch(() => {});
  }

  async screenshotAll(prefix: string): Promise<string[]> {
    const saved: string[] = [];
    for (const [i, { page, label }] of this.pages.entries()) {
      if (page.isClosed()) continue;
      const name = `${prefix}--${i + 1}-${label}`;
      try {
        await screenshot(page, name);
        saved.push(`${slug(name)}.png`);
      } catch {
        // A page that cannot be captured is not worth hiding the test's own error for.
      }
    }
    return saved;
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => {});
  }
}

export interface BrowserTestOptions {
  timeout?: number;
  /** Do not fail the test on CSP violations (for a test that provokes one on purpose). */
  allowCspViolations?: boolean;
}

/**
 * A test with a fresh `Session`. On failure every open page is saved as a screenshot. Every test
 * also fails on a CSP violation, an uncaught error in the page, or a dialog.
 */
export function browserTest(
  getBrowser: () => Browser,
  name: string,
  body: (session: Session) => Promise<void>,
  options: BrowserTestOptions = {},
) {
  test(
    name,
    async () => {
      const session = new Session(getBrowser());
      try {
        await body(session);
        const { cspViolations, pageErrors, dialogs } = session.problems;
        const found = [
          ...(options.allowCspViolations ? [] : cspViolations.map((v) => `CSP violation: ${v}`)),
          ...pageErrors.map((e) => `uncaught error in the page: ${e}`),
          ...dialogs.map((d) => `unexpected dialog: ${d}`),
        ];
        if (found.length > 0) throw new Error(found.join('\n'));
      } catch (error) {
        const saved = await session.screenshotAll(`failed-${slug(name)}`);
        if (saved.length > 0 && error instanceof Error) {
          error.message += `\n(screenshots: ${saved.map((s) => `${ARTIFACTS}/${s}`).join(', ')})`;
        }
        throw error;
      } finally {
        await session.close();
      }
    },
    options.timeout,
  );
}
