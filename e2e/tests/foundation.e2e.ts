// Issue acceptance: sign up an organisation, create a team, invite a member, accept the
// invitation in a second browser context, and see the new person in the team's members list.
import { describe, expect } from 'vitest';
import {
  acceptInvitation,
  createTeam,
  invite,
  region,
  signUpOrganisation,
  unique,
} from '../lib/app.ts';
import { browserTest, screenshot, useBrowser } from '../lib/browser.ts';

const browser = useBrowser();

describe('foundation', () => {
  browserTest(
    browser,
    'sign up → create a team → invite → accept → listed as a member',
    async (session) => {
      const id = unique();
      const orgName = `Acme ${id}`;
      const teamName = `Research ${id}`;
      const member = { name: `Mia Member ${id}`, email: `mia.${id}@e2e.example` };

      // 1. Sign up a new organisation; its first user is the admin.
      const admin = await session.newPage('admin');
      await admin.goto('/signup');
      await admin.getByRole('heading', { name: 'Create an account' }).waitFor();
      await screenshot(admin, 'signup');
      await signUpOrganisation(admin, { name: orgName, admin: `Ada Admin ${id}`, id });

      // 2. Create a team on the admin page.
      await admin
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Admin' })
        .click();
      await admin.getByRole('heading', { level: 1, name: 'Admin' }).waitFor();
      await createTeam(admin, teamName);

      // 3. Invite a member to it and copy the link shown.
      const url = await invite(admin, { ...member, role: 'Member', team: teamName });
      await screenshot(admin, 'admin-invitation-created');

      // 4. The invitee opens the link in a second browser context and sets a password.
      const invitee = await session.newPage('invitee');
      await acceptInvitation(invitee, url, `member pass ${id}`);
      await invitee.getByRole('heading', { level: 1, name: `Hello, ${member.name}` }).waitFor();
      await screenshot(invitee, 'member-home-after-accepting');

      // 5. The admin sees the new person in the team's members list.
      await admin.reload();
      const teams = region(admin, 'Teams');
      await teams.getByRole('button', { name: `Members of ${teamName}` }).click();
      const members = admin.getByRole('table', { name: `Members of ${teamName}` });
      const row = members.getByRole('row').filter({ hasText: member.email });
      await row.waitFor();
      expect(await row.getByRole('rowheader').textContent()).toContain(member.name);
      await screenshot(admin, 'admin-team-members');
    },
  );
});
