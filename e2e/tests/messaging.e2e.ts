// Issue 12: e-mail that reaches people. The server sends through a real SMTP server (e2e/run.mjs)
// and these tests act on what arrived: an invitation accepted from its link, a forgotten password
// reset from its link, and the one-click unsubscribe link opened signed out.
import { describe, expect } from 'vitest';
import { DEMO, invite, signIn, signOutButton, unique } from '../lib/app.ts';
import { BASE_URL, browserTest, screenshot, useBrowser } from '../lib/browser.ts';
import { linkIn, waitForMail } from '../lib/mail.ts';

const browser = useBrowser();

describe('messages by e-mail', () => {
  browserTest(
    browser,
    'an invitation accepted from the e-mailed link; then forgot password → mail → new password → signed in',
    async (session) => {
      const id = unique();
      const person = { name: `Rosa Reset ${id}`, email: `rosa.${id}@e2e.example` };
      const admin = await session.newPage('admin');
      await signIn(admin, DEMO.admin);
      await admin.goto('/admin');
      await invite(admin, { ...person, role: 'Member', team: 'Platform' });

      // The invitation arrives by e-mail, its link built from PUBLIC_URL.
      const invitation = await waitForMail(person.email, /invited you to Northwind Labs/);
      expect(invitation.html).toContain('Accept and choose your password');
      const acceptUrl = linkIn(invitation, `${BASE_URL}/accept?token=`);
      const invitee = await session.newPage('invitee');
      await invitee.goto(acceptUrl);
      await invitee.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
      await invitee.locator('main form').getByLabel('Password').fill(`first pass ${id}`);
      await invitee.getByRole('button', { name: 'Accept invitation' }).click();
      await signOutButton(invitee).waitFor();
      await screenshot(invitee, 'accepted-from-email');

      // Later, signed out, the person has forgotten the password.
      await signOutButton(invitee).click();
      await invitee.getByRole('heading', { name: 'Sign in' }).waitFor();
      await invitee.getByRole('link', { name: 'Forgot your password?' }).click();
      await invitee.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
      await invitee.locator('main form').getByLabel('E-mail').fill(person.email);
      await invitee.getByRole('button', { name: 'E-mail me a link' }).click();
      await invitee.getByText('Check your e-mail.').waitFor();
      await screenshot(invitee, 'forgot-password-sent');

      const reset = await waitForMail(person.email, /Reset your Leeway password/);
      const resetUrl = linkIn(reset, `${BASE_URL}/reset-password?token=`);
      await invitee.goto(resetUrl);
      await invitee.getByRole('heading', { name: 'Choose a new password' }).waitFor();
      await invitee.locator('main form').getByLabel('New password').fill(`second pass ${id}`);
      await invitee.getByRole('button', { name: 'Save and sign in' }).click();
      await signOutButton(invitee).waitFor();
      await invitee.waitForURL((url) => url.pathname === '/');
      await screenshot(invitee, 'signed-in-after-reset');

      // The new password signs in; the link works only once.
      await signOutButton(invitee).click();
      await signIn(invitee, person.email, `second pass ${id}`);
      await signOutButton(invitee).click();
      await invitee.goto(resetUrl);
      await invitee.locator('main form').getByLabel('New password').fill(`third pass ${id}`);
      await invitee.getByRole('button', { name: 'Save and sign in' }).click();
      await invitee.getByText('This link can no longer be used.').waitFor();
    },
  );

  browserTest(browser, 'the unsubscribe link works signed out', async (session) => {
    const id = unique();
    const person = { name: `Uma Unsub ${id}`, email: `uma.${id}@e2e.example` };
    const admin = await session.newPage('admin');
    await signIn(admin, DEMO.admin);
    await admin.goto('/admin');
    await invite(admin, { ...person, role: 'Member', team: 'Platform' });
    const mail = await waitForMail(person.email, /invited you/);
    const unsubscribeUrl = linkIn(mail, `${BASE_URL}/unsubscribe?token=`);

    const stranger = await session.newPage('signed-out');
    await stranger.goto(unsubscribeUrl);
    await stranger.getByRole('heading', { name: 'Unsubscribe' }).waitFor();
    await stranger.getByText(person.email).waitFor();
    await stranger.getByRole('button', { name: 'Unsubscribe' }).click();
    await stranger.getByText('You are unsubscribed.').waitFor();
    await screenshot(stranger, 'unsubscribed');
    expect(await signOutButton(stranger).count()).toBe(0);
  });

  browserTest(browser, 'admins read the outbox in the app', async (session) => {
    const admin = await session.newPage('admin');
    await signIn(admin, DEMO.admin);
    await admin
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Outbox' })
      .click();
    await admin.getByRole('heading', { level: 1, name: 'Outbox' }).waitFor();
    const table = admin.getByRole('region', { name: 'Messages' });
    await table.getByRole('row').nth(1).waitFor();
    expect(await table.getByText(/pulse/i).count()).toBeGreaterThan(0);
    await screenshot(admin, 'outbox');
  });
});
