import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPerson,
  client,
  createTeam,
  expectProblem,
  mailedInvitationToken,
  PASSWORD,
  signUpOrg,
  uniqueEmail,
} from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const DAY = 24 * 60 * 60 * 1000;

describe('resending and revoking invitations', () => {
  it('an expired invitation is sent again with a new link; the old link stops working', async () => {
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const email = uniqueEmail('late');
    const first = await org.admin.post('/api/invitations', {
      email,
      name: 'Late Larry',
      role: 'member',
      teamId: team.id,
    });
    t.clock.advance(8 * DAY);
    try {
      const list = (await org.admin.get('/api/invitations')).body.invitations;
      expect(list.find((i: { id: string }) => i.id === first.body.id).status).toBe('expired');
      const again = await org.admin.post(`/api/invitations/${first.body.id}/resend`, {});
      expect(again.status).toBe(200);
      expect(again.body.token).not.toBe(first.body.token);
      expect(again.body.url).toContain('/accept?token=');
      // The e-mail went out again, with the new link.
      expect(await mailedInvitationToken(t.app, email)).toBe(again.body.token);
      const after = (await org.admin.get('/api/invitations')).body.invitations;
      expect(after.find((i: { id: string }) => i.id === first.body.id).status).toBe('pending');
      expectProblem(
        await client(t.app).post('/api/invitations/accept', {
          token: first.body.token,
          password: PASSWORD,
        }),
        404,
      );
      const accepted = await client(t.app).post('/api/invitations/accept', {
        token: again.body.token,
        password: PASSWORD,
      });
      expect(accepted.status).toBe(201);
      // Accepted: nothing to resend or revoke; the rule is said.
      const refused = expectProblem(
        await org.admin.post(`/api/invitations/${first.body.id}/resend`, {}),
        409,
      );
      expect(refused.detail).toMatch(/has an account/);
      expectProblem(await org.admin.delete(`/api/invitations/${first.body.id}`), 409);
      const audit = (await org.admin.get('/api/audit')).body.events.map(
        (e: { action: string }) => e.action,
      );
      expect(audit).toContain('invitation.resent');
    } finally {
      t.clock.advance(-8 * DAY);
    }
  });

  it('a revoked invitation no longer works, is gone from the list and is in the audit log', async () => {
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const inv = await org.admin.post('/api/invitations', {
      email: uniqueEmail('gone'),
      name: 'Gone Gina',
      role: 'member',
      teamId: team.id,
    });
    expect((await org.admin.delete(`/api/invitations/${inv.body.id}`)).status).toBe(204);
    expectProblem(
      await client(t.app).get(
        `/api/invitations/preview?token=${encodeURIComponent(inv.body.token)}`,
      ),
      404,
    );
    const list = (await org.admin.get('/api/invitations')).body.invitations;
    expect(list.map((i: { id: string }) => i.id)).not.toContain(inv.body.id);
    const [event] = (await org.admin.get('/api/audit')).body.events;
    expect(event).toMatchObject({
      action: 'invitation.revoked',
      actor: { id: org.adminId },
      team: { id: team.id },
      detail: { name: 'Gone Gina' },
    });
    expectProblem(await org.admin.delete(`/api/invitations/${inv.body.id}`), 404);
  });

  it('is for admins of the same org only', async () => {
    const org = await signUpOrg(t.app);
    const other = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const lead = await addPerson(t.app, org.admin, 'lead', team.id);
    const inv = await lead.api.post('/api/invitations', {
      email: uniqueEmail('m'),
      name: 'Member Mo',
      role: 'member',
      teamId: team.id,
    });
    expectProblem(await lead.api.post(`/api/invitations/${inv.body.id}/resend`, {}), 403);
    expectProblem(await lead.api.delete(`/api/invitations/${inv.body.id}`), 403);
    expectProblem(await other.admin.post(`/api/invitations/${inv.body.id}/resend`, {}), 404);
    expectProblem(await other.admin.delete(`/api/invitations/${inv.body.id}`), 404);
  });
});
