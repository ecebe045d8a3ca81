import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, createTeam, signUpOrg } from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('idea order', () => {
  it('lists by votes, ties in a fresh random order: never the order they were written', async () => {
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const member = await addPerson(t.app, org.admin, 'member', team.id);
    const voter = await addPerson(t.app, org.admin, 'member', team.id);
    const written: string[] = [];
    for (let i = 0; i < 12; i++) {
      t.clock.advance(60_000);
      const res = await member.api.post(`/api/teams/${team.id}/ideas`, {
        type: 'custom',
        text: `Idea number ${i}`,
        anonymous: true,
      });
      expect(res.status).toBe(201);
      written.push(res.body.id);
    }
    const reversed = [...written].reverse();
    const orders = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const ids = (await member.api.get(`/api/teams/${team.id}/ideas`)).body.ideas.map(
        (idea: { id: string }) => idea.id,
      );
      expect(ids.slice().sort()).toEqual(written.slice().sort());
      orders.add(ids.join());
    }
    expect([...orders]).not.toEqual([written.join()]);
    expect([...orders]).not.toEqual([reversed.join()]);
    // 20 listings of 12 tied ideas (12! orders): two alike is a one-in-a-million chance
    expect(orders.size).toBeGreaterThan(15);

    // votes still come first
    const top = written[7]!;
    await voter.api.post(`/api/ideas/${top}/vote`);
    for (let i = 0; i < 5; i++) {
      const ids = (await member.api.get(`/api/teams/${team.id}/ideas`)).body.ideas.map(
        (idea: { id: string }) => idea.id,
      );
      expect(ids[0]).toBe(top);
    }
  });
});
