import { engagementIndex } from '@leeway/domain/metrics';
import { addWeeks, weekBounds } from '@leeway/domain/weeks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTeam, type Person, signIn, signUpOrg } from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { quickMembers } from './helpers/world.ts';

/**
 * One test per way an attacker with only the API once recovered a single person's answers
 * (docs/product.md §4). Each plants known answers, fetches figures as the attacker would,
 * subtracts, and checks that the result is not the planted answer — or that the figures the
 * subtraction needs are not there at all.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const NOW = '2026-W48';
/** Wednesday noon of a week (UTC orgs). */
const at = (week: string) => new Date(weekBounds(week, 'UTC').opensAt.getTime() + 2.5 * 86_400_000);
const same = (v: number) => ({ energy: v, autonomy: v, voice: v, growth: v, trust: v, enps: 8 });
type Answers = ReturnType<typeof same>;

async function answer(person: Person, answers: Answers, comment?: string) {
  const { pulseId } = (await person.api.get('/api/pulse')).body;
  return person.api.post('/api/pulse/responses', {
    pulseId,
    answers,
    ...(comment ? { comment } : {}),
  });
}

async function answerAll(people: Person[], answers: (i: number) => Answers) {
  for (const [i, p] of people.entries()) expect((await answer(p, answers(i))).status).toBe(201);
}

/** One week of a series, or undefined when the series does not show it. */
function weekIn(body: { weeks?: { week: string }[] } | null, week: string): any {
  return body?.weeks?.find((w) => w.week === week);
}

/** Σ engagement index of a shown figure (mean × n), or null when it is not shown. */
const sumOf = (figure: { engagement?: { mean: number } | null; respondents?: number | null }) =>
  figure?.engagement && typeof figure.respondents === 'number'
    ? figure.engagement.mean * figure.respondents
    : null;

const close = (a: number | null, b: number) => a !== null && Math.abs(a - b) < 1e-6;

describe('attacks that once recovered one person’s answers', () => {
  it('1. the open week: reading before and after one more answer gives that answer', async () => {
    t.clock.set(at(NOW));
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const people = await quickMembers(t.app, org.orgId, team.id, 7);
    await answerAll(people.slice(0, 6), (i) => same(1 + (i % 5)));
    const url = `/api/teams/${team.id}/trends?from=${NOW}&to=${NOW}`;
    const before = weekIn((await org.admin.get(url)).body, NOW);
    const orgBefore = weekIn(
      (await org.admin.get(`/api/org/trends?from=${NOW}&to=${NOW}`)).body,
      NOW,
    );
    const victim = same(5);
    expect((await answer(people[6]!, victim, 'my manager is the problem')).status).toBe(201);
    const after = weekIn((await org.admin.get(url)).body, NOW);
    const orgAfter = weekIn(
      (await org.admin.get(`/api/org/trends?from=${NOW}&to=${NOW}`)).body,
      NOW,
    );
    const team6 = before ? sumOf(before) : null;
    const team7 = after ? sumOf(after) : null;
    const recovered = team6 !== null && team7 !== null ? team7 - team6 : null;
    expect(close(recovered, engagementIndex(victim))).toBe(false);
    const org6 = orgBefore ? sumOf(orgBefore) : null;
    const org7 = orgAfter ? sumOf(orgAfter) : null;
    expect(
      close(org6 !== null && org7 !== null ? org7 - org6 : null, engagementIndex(victim)),
    ).toBe(false);
    // Nor does a live count or a comment say who has just answered.
    expect(before?.respondents ?? null).toBeNull();
    const comments = (await org.admin.get(`/api/teams/${team.id}/comments?week=${NOW}`)).body;
    expect(comments.comments ?? []).not.toContain('my manager is the problem');
  });

  it('2. a pooled window minus its shown weeks gives a hidden week, and with the org total one small team', async () => {
    // W45: small team S (2 answers, hidden), T (6, hidden to protect S), U (8, shown).
    // T's experiment pools W45 and W46 in its baseline; W46 of T is shown.
    const first = addWeeks(NOW, -3);
    t.clock.set(at(first));
    const org = await signUpOrg(t.app);
    const [s, tt, u] = [
      await createTeam(org.admin),
      await createTeam(org.admin),
      await createTeam(org.admin),
    ];
    const small = await quickMembers(t.app, org.orgId, s.id, 2);
    const treated = await quickMembers(t.app, org.orgId, tt.id, 6);
    const other = await quickMembers(t.app, org.orgId, u.id, 8);
    const exp = await org.admin.post(`/api/teams/${tt.id}/experiments`, {
      type: 'decision_rights',
      title: 'Own the roadmap',
      hypothesis: 'It helps.',
      notMeasured: true,
      startWeek: addWeeks(first, 2),
      durationWeeks: 1,
      baselineWeeks: 2,
    });
    expect(exp.status).toBe(201);
    const victims = [same(1), same(2)];
    await answerAll(small, (i) => victims[i]!);
    await answerAll(treated, (i) => same(3 + (i % 3)));
    await answerAll(other, (i) => same(2 + (i % 4)));
    for (const w of [1, 2]) {
      t.clock.set(at(addWeeks(first, w)));
      await answerAll(treated, (i) => same(1 + ((i + w) % 5)));
      await answerAll(other, (i) => same(1 + (i % 5)));
    }
    t.clock.set(at(addWeeks(first, 3)));
    const admin = await signIn(t.app, org.adminEmail);
    const impact = (await admin.get(`/api/experiments/${exp.body.id}/impact`)).body;
    const range = `from=${first}&to=${addWeeks(first, 1)}`;
    const trendT = (await admin.get(`/api/teams/${tt.id}/trends?${range}`)).body;
    const trendU = (await admin.get(`/api/teams/${u.id}/trends?${range}`)).body;
    const orgTrend = (await admin.get(`/api/org/trends?${range}`)).body;
    // Window W45+W46 minus T's shown W46 = T's W45; org W45 minus U and T = S's two answers.
    const windowSum =
      impact.before?.mean != null && impact.before.n != null
        ? impact.before.mean * impact.before.n
        : null;
    const t46 = sumOf(weekIn(trendT, addWeeks(first, 1)));
    const t45 = windowSum !== null && t46 !== null ? windowSum - t46 : null;
    const org45 = sumOf(weekIn(orgTrend, first));
    const u45 = sumOf(weekIn(trendU, first));
    const recovered = t45 !== null && org45 !== null && u45 !== null ? org45 - u45 - t45 : null;
    const planted = victims.reduce((sum, a) => sum + engagementIndex(a), 0);
    expect(close(recovered, planted)).toBe(false);
    // The window says what it left out instead.
    expect(impact.before.weeks).toEqual([addWeeks(first, 1)]);
    expect(impact.before.leftOut).toEqual([{ week: first, reason: 'protecting' }]);
  });

  it('3. a comparison group that pools a hidden team isolates it', async () => {
    // Before week: S (3 answers, hidden), Q (5, hidden to protect S, runs its own experiment),
    // P (8, shown), T (7, treated). After week: S does not answer. The comparison group is
    // {S, P}; DiD with T's own windows gives the comparison's change, and from it S's sum.
    const before = addWeeks(NOW, -2);
    t.clock.set(at(before));
    const org = await signUpOrg(t.app);
    const teams = {
      s: await createTeam(org.admin),
      q: await createTeam(org.admin),
      p: await createTeam(org.admin),
      t: await createTeam(org.admin),
    };
    const people = {
      s: await quickMembers(t.app, org.orgId, teams.s.id, 3),
      q: await quickMembers(t.app, org.orgId, teams.q.id, 5),
      p: await quickMembers(t.app, org.orgId, teams.p.id, 8),
      t: await quickMembers(t.app, org.orgId, teams.t.id, 7),
    };
    const launch = (teamId: string, durationWeeks: number, baselineWeeks: number, week: string) =>
      org.admin.post(`/api/teams/${teamId}/experiments`, {
        type: 'flexible_schedule',
        title: 'Flexible hours',
        hypothesis: 'It helps.',
        notMeasured: true,
        startWeek: week,
        durationWeeks,
        baselineWeeks,
      });
    const exp = await launch(teams.t.id, 1, 1, addWeeks(before, 1));
    expect(exp.status).toBe(201);
    expect((await launch(teams.q.id, 2, 1, before)).status).toBe(201);
    const victims = [same(5), same(5), same(4)];
    await answerAll(people.s, (i) => victims[i]!);
    await answerAll(people.q, (i) => same(1 + (i % 5)));
    await answerAll(people.p, (i) => same(1 + (i % 3)));
    await answerAll(people.t, (i) => same(2 + (i % 2)));
    t.clock.set(at(addWeeks(before, 1)));
    await answerAll(people.q, (i) => same(2 + (i % 3)));
    await answerAll(people.p, (i) => same(2 + (i % 4)));
    await answerAll(people.t, (i) => same(3 + (i % 3)));
    t.clock.set(at(addWeeks(before, 2)));
    const admin = await signIn(t.app, org.adminEmail);
    const impact = (await admin.get(`/api/experiments/${exp.body.id}/impact`)).body;
    const range = `from=${before}&to=${addWeeks(before, 1)}`;
    const trendP = (await admin.get(`/api/teams/${teams.p.id}/trends?${range}`)).body;
    let recovered: number | null = null;
    if (impact.did && impact.effect?.diff != null) {
      const changeC = impact.effect.diff - impact.did.diff;
      const pAfter = weekIn(trendP, addWeeks(before, 1));
      const pBefore = weekIn(trendP, before);
      if (pAfter?.engagement && pBefore?.engagement) {
        const cBeforeMean = pAfter.engagement.mean - changeC;
        recovered = cBeforeMean * impact.did.comparisonBefore - sumOf(pBefore)!;
      }
    }
    const planted = victims.reduce((sum, a) => sum + engagementIndex(a), 0);
    expect(close(recovered, planted)).toBe(false);
  });

  it('4. k counts people: two people over a three-week window are not a group of six', async () => {
    const first = addWeeks(NOW, -6);
    t.clock.set(at(first));
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const pair = await quickMembers(t.app, org.orgId, team.id, 2);
    const exp = await org.admin.post(`/api/teams/${team.id}/experiments`, {
      type: 'self_set_deadlines',
      title: 'Our own deadlines',
      hypothesis: 'It helps.',
      notMeasured: true,
      startWeek: addWeeks(first, 3),
      durationWeeks: 3,
      baselineWeeks: 3,
    });
    expect(exp.status).toBe(201);
    const victim = same(2);
    for (let w = 0; w < 6; w++) {
      t.clock.set(at(addWeeks(first, w)));
      await answerAll(pair, (i) => (i === 0 ? victim : same(4)));
    }
    t.clock.set(at(addWeeks(first, 6)));
    const admin = await signIn(t.app, org.adminEmail);
    const impact = (await admin.get(`/api/experiments/${exp.body.id}/impact`)).body;
    // With the other person's answer known (a colleague, or oneself), the pair's mean is theirs.
    const mean = impact.before?.mean ?? null;
    const recovered = mean === null ? null : 2 * mean - engagementIndex(same(4));
    expect(close(recovered, engagementIndex(victim))).toBe(false);
    expect(impact.suppressed).toBe(true);
  });

  it('6a. a change of time zone cannot let a late answer into a closed week', async () => {
    // Monday 02:00 UTC: 2026-W48 has closed in UTC; in Los Angeles it is still Sunday.
    const monday = new Date(weekBounds(addWeeks(NOW, 1), 'UTC').opensAt.getTime() + 2 * 3600_000);
    t.clock.set(at(NOW));
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const people = await quickMembers(t.app, org.orgId, team.id, 6);
    await answerAll(people.slice(0, 5), (i) => same(1 + (i % 5)));
    t.clock.set(monday);
    const admin: Client = await signIn(t.app, org.adminEmail);
    const url = `/api/teams/${team.id}/trends?from=${NOW}&to=${NOW}`;
    const published = weekIn((await admin.get(url)).body, NOW);
    expect(
      (await admin.patch('/api/org/settings', { timezone: 'America/Los_Angeles' })).status,
    ).toBe(200);
    const victim = same(5);
    const late = await answer(people[5]!, victim);
    const again = weekIn((await admin.get(url)).body, NOW);
    const s5 = published ? sumOf(published) : null;
    const s6 = again ? sumOf(again) : null;
    expect(close(s5 !== null && s6 !== null ? s6 - s5 : null, engagementIndex(victim))).toBe(false);
    // The answer went to the week in progress, which keeps its UTC bounds.
    if (late.status === 201) expect(late.body.week).toBe(addWeeks(NOW, 1));
    expect(again).toEqual(published);
  });

  it('6b. a member moved to another team cannot answer twice in one week', async () => {
    t.clock.set(at(NOW));
    const org = await signUpOrg(t.app);
    const a = await createTeam(org.admin);
    const b = await createTeam(org.admin);
    const [mover] = await quickMembers(t.app, org.orgId, a.id, 1);
    expect((await answer(mover!, same(3))).status).toBe(201);
    expect((await org.admin.patch(`/api/people/${mover!.id}`, { teamId: b.id })).status).toBe(200);
    expect((await answer(mover!, same(5))).status).toBe(409);
    expect((await mover!.api.get('/api/pulse')).body.answered).toBe(true);
  });

  it('7. lowering k does not reveal weeks answered under a higher k', async () => {
    t.clock.set(at(NOW));
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const people = await quickMembers(t.app, org.orgId, team.id, 4);
    const planted = [same(1), same(2), same(4), same(5)];
    await answerAll(people, (i) => planted[i]!);
    t.clock.set(at(addWeeks(NOW, 1)));
    const admin = await signIn(t.app, org.adminEmail);
    expect((await admin.patch('/api/org/settings', { minGroupSize: 3 })).status).toBe(200);
    const w48 = weekIn(
      (await admin.get(`/api/teams/${team.id}/trends?from=${NOW}&to=${NOW}`)).body,
      NOW,
    );
    const mean = w48?.engagement?.mean ?? null;
    expect(close(mean, planted.reduce((s, a) => s + engagementIndex(a), 0) / 4)).toBe(false);
    expect(w48).toMatchObject({ suppressed: true, reason: 'fewer_than_k', respondents: null });
  });
});
