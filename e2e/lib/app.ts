// Leeway-specific steps, written against what a user sees: labels, roles and accessible names.
import { randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';

export const DEMO_PASSWORD = 'leeway-demo';
export const DEMO = {
  admin: 'hr@example.com',
  lead: 'lead@example.com',
  member: 'member@example.com',
} as const;
export const DEMO_TEAMS = ['Platform', 'Mobile', 'Data', 'Design', 'Customer Success', 'Legal'];
/** Two of the demo's experiments of the Platform team: one completed, one running this week. */
export const DEMO_EXPERIMENTS = {
  completed: 'The team picks its own on-call rota',
  running: 'The team drafts the quarterly roadmap',
} as const;

/** A short random suffix, so names and e-mail addresses never collide across runs. */
export const unique = () => randomBytes(4).toString('hex');

/** Signed in: the header shows the "Sign out" button. */
export const signOutButton = (page: Page) => page.getByRole('button', { name: 'Sign out' });

/** Waits until nothing on the page says it is loading (spinners, lazy chunks, charts). */
export async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(
    () => document.querySelector('.state-loading, .chart-placeholder, [aria-busy="true"]') === null,
    undefined,
    { timeout: 30_000 },
  );
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/** Signs in through the sign-in form and waits until the signed-in header is shown. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/signin');
  const form = page.locator('main form');
  await form.getByLabel('E-mail').fill(email);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await signOutButton(page).waitFor();
  await page.waitForURL((url) => url.pathname !== '/signin');
}

/**
 * Signs up a new organisation through the sign-up form (its first user is its admin) and waits
 * until its home page is shown. Returns the admin's e-mail address.
 */
export async function signUpOrganisation(
  page: Page,
  org: { name: string; admin: string; id: string },
): Promise<string> {
  const email = `ada.${org.id}@e2e.example`;
  await page.goto('/signup');
  await page.getByRole('heading', { name: 'Create an account' }).waitFor();
  const signup = page.locator('main form');
  await signup.getByLabel('Organisation name').fill(org.name);
  await signup.getByLabel('Your name').fill(org.admin);
  await signup.getByLabel('E-mail').fill(email);
  await signup.getByLabel('Password').fill(`correct horse ${org.id}`);
  await signup.getByRole('button', { name: 'Create account' }).click();
  await signOutButton(page).waitFor();
  await page.getByRole('heading', { level: 1, name: org.name }).waitFor();
  return email;
}

/** The admin page's section (a region named by its heading), e.g. "Teams", "Invite someone". */
export const region = (page: Page, name: string): Locator =>
  page.getByRole('region', { name, exact: true });

/** Creates a team on the admin page through its form and waits for the confirmation. */
export async function createTeam(page: Page, name: string): Promise<void> {
  const teams = region(page, 'Teams');
  await teams.getByLabel('Team name').fill(name);
  await teams.getByRole('button', { name: 'Create team' }).click();
  await teams.getByRole('status').filter({ hasText: 'created' }).waitFor();
  await teams.getByRole('link', { name, exact: true }).waitFor();
}

/** Invites someone on the admin page and returns the invitation link shown for copying. */
export async function invite(
  page: Page,
  person: {
    name: string;
    email: string;
    role?: 'Member' | 'Team lead' | 'Admin (HR)';
    team?: string;
  },
): Promise<string> {
  const section = region(page, 'Invite someone');
  await section.getByLabel('Name', { exact: true }).fill(person.name);
  await section.getByLabel('E-mail', { exact: true }).fill(person.email);
  await section
    .getByLabel('Role', { exact: true })
    .selectOption({ label: person.role ?? 'Member' });
  if (person.team) {
    await section.getByLabel('Team', { exact: true }).selectOption({ label: person.team });
  }
  await section.getByRole('button', { name: 'Invite', exact: true }).click();
  const link = section.getByRole('textbox', { name: 'Invitation link' });
  await link.waitFor();
  const url = await link.inputValue();
  if (!url.includes('/accept?token=')) throw new Error(`unexpected invitation link: ${url}`);
  return url;
}

/** Accepts an invitation in a signed-out page: opens the link, sets a password. */
export async function acceptInvitation(page: Page, url: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
  await page.locator('main form').getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Accept invitation' }).click();
  await signOutButton(page).waitFor();
  await page.waitForURL((url) => url.pathname === '/');
}

/**
 * The link to a team's page anywhere in the main content (the home page's and the admin page's
 * team lists both link each team by its name).
 */
export const teamLink = (page: Page, team: string): Locator =>
  page.getByRole('main').getByRole('link', { name: team, exact: true }).first();

/** The path of a team's page, e.g. "/teams/…", from its link. */
export async function teamPath(page: Page, team: string): Promise<string> {
  const href = await teamLink(page, team).getAttribute('href');
  if (!href) throw new Error(`no link to the team ${team}`);
  return href;
}

/** The path of an experiment's page, e.g. "/experiments/…", from the team page's experiment list. */
export async function experimentPath(page: Page, title: string): Promise<string> {
  const href = await page
    .getByRole('list', { name: 'Experiment list' })
    .getByRole('link', { name: title, exact: true })
    .getAttribute('href');
  if (!href) throw new Error(`no link to the experiment “${title}”`);
  return href;
}
