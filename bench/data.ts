/**
 * Scale data for the benchmarks, written in bulk (COPY), not through the API, but row for row what
 * the API would have stored (see lib/model.ts).
 *
 *   pnpm bench:data [--teams 2000] [--weeks 52] [--size 8] [--seed 1]
 *                   [--database-url postgres://postgres@127.0.0.1:5432/leeway_bench]
 *                   [--pglite DIR]  (write a PGlite data folder instead of PostgreSQL)
 *                   [--small-orgs 2] [--batch 25] [--reset] [--no-verify]
 *
 * Resumable: each batch of teams is written in one transaction together with its row in
 * `bench_progress`, so a rerun (after Ctrl-C, or with more --teams or --weeks) writes only what
 * is missing. Deterministic: the same --seed gives the same rows (ids included); only the
 * password hash differs (argon2 salts), and it is kept in `bench_meta` once made.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPassword } from '../apps/api/src/lib/passwords.ts';
import { addWeeks, weekBounds, weekOf } from '../packages/domain/src/weeks.ts';
import { flagsOf } from './lib/args.ts';
import {
  addOrg,
  addTeam,
  adminEmailOf,
  Batch,
  BENCH_PASSWORD,
  type GenSettings,
  leadEmailOf,
  type OrgSpec,
  orgIdOf,
} from './lib/model.ts';
import { ensureDatabase, openPglite, openPostgres, type Sink } from './lib/sink.ts';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/leeway_bench';

export interface GenerateOptions {
  teams: number;
  weeks: number;
  size: number;
  seed: string;
  databaseUrl?: string | undefined;
  pglite?: string | undefined;
  smallOrgs: number;
  batch: number;
  reset: boolean;
  verify: boolean;
  quiet?: boolean;
}

export interface GenerateResult {
  orgId: string;
  anchorWeek: string;
  adminEmail: string;
  leadEmail: string;
  password: string;
  seconds: number;
  written: { teams: number; responses: number };
  totals: Record<string, number>;
}

const SMALL_ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney'];

export function orgSpecs(o: Pick<GenerateOptions, 'teams' | 'size' | 'smallOrgs'>): OrgSpec[] {
  const specs: OrgSpec[] = [
    {
      key: 'main',
      name: 'Bench Corp',
      emailDomain: 'bench.example',
      timezone: 'UTC',
      teams: o.teams,
      size: o.size,
    },
  ];
  for (let j = 1; j <= o.smallOrgs; j++) {
    specs.push({
      key: `small-${j}`,
      name: `Small Org ${j}`,
      emailDomain: `small-${j}.bench.example`,
      timezone: SMALL_ZONES[(j - 1) % SMALL_ZONES.length]!,
      teams: 5,
      size: 6,
    });
  }
  return specs;
}

async function settingsOf(sink: Sink, o: GenerateOptions): Promise<GenSettings> {
  await sink.query(
    `create table if not exists bench_meta (key text primary key, value text not null)`,
  );
  await sink.query(`create table if not exists bench_progress (
    org_key text not null, team_no integer not null, team_id text not null,
    weeks integer not null, responses integer not null, primary key (org_key, team_no))`);
  const rows = await sink.query<{ key: string; value: string }>(
    'select key, value from bench_meta',
  );
  const meta = new Map(rows.map((r) => [r.key, r.value]));
  if (meta.size > 0) {
    for (const [key, value] of [
      ['seed', o.seed],
      ['size', String(o.size)],
    ] as const) {
      if (meta.get(key) !== value) {
        throw new Error(
          `${sink.where} holds data generated with --${key} ${meta.get(key)}; ` +
            `rerun with --${key} ${meta.get(key)} to resume, or --reset to start over.`,
        );
      }
    }
    return {
      seed: o.seed,
      anchorWeek: meta.get('anchor_week')!,
      joinedAt: new Date(meta.get('joined_at')!),
      generatedAt: new Date(meta.get('generated_at')!),
      passwordHash: meta.get('password_hash')!,
    };
  }
  const now = new Date();
  const anchorWeek = weekOf(now, 'UTC');
  const settings: GenSettings = {
    seed: o.seed,
    anchorWeek,
    joinedAt: weekBounds(addWeeks(anchorWeek, -262), 'UTC').opensAt,
    generatedAt: now,
    // Hashed once, as the API does (argon2id, OWASP parameters), and reused for every user.
    passwordHash: await hashPassword(BENCH_PASSWORD),
  };
  const values: [string, string][] = [
    ['seed', o.seed],
    ['size', String(o.size)],
    ['anchor_week', anchorWeek],
    ['joined_at', settings.joinedAt.toISOString()],
    ['generated_at', now.toISOString()],
    ['password_hash', settings.passwordHash],
  ];
  for (const [key, value] of values) {
    await sink.query('insert into bench_meta (key, value) values ($1, $2)', [key, value]);
  }
  return settings;
}

function progressBar(done: number, total: number, started: number, extra: string): string {
  const width = 28;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const seconds = (performance.now() - started) / 1000;
  const eta = done > 0 ? (seconds / done) * (total - done) : 0;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} teams · ${extra} · ${seconds.toFixed(1)} s · ETA ${eta.toFixed(0)} s`;
}

export async function generate(o: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const log = (line: string) => {
    if (!o.quiet) process.stderr.write(`${line}\n`);
  };
  let sink: Sink;
  if (o.pglite) {
    if (o.reset) {
      const { rmSync } = await import('node:fs');
      rmSync(o.pglite, { recursive: true, force: true });
    }
    sink = await openPglite(o.pglite);
  } else {
    const url = o.databaseUrl ?? DEFAULT_DATABASE_URL;
    if (await ensureDatabase(url, o.reset))
      log(`created database ${new URL(url).pathname.slice(1)}`);
    sink = await openPostgres(url);
  }
  try {
    const s = await settingsOf(sink, o);
    const specs = orgSpecs(o);
    log(
      `${sink.kind} ${sink.where}: ${o.teams} teams × ${o.weeks} weeks × ~${o.size} members ` +
        `(+${o.smallOrgs} small orgs), weeks up to ${addWeeks(s.anchorWeek, -1)}, seed ${o.seed}`,
    );

    const progress = new Map<string, number>();
    for (const r of await sink.query<{ org_key: string; team_no: number; weeks: number }>(
      'select org_key, team_no, weeks from bench_progress',
    )) {
      progress.set(`${r.org_key}:${r.team_no}`, Number(r.weeks));
    }
    const existingOrgs = new Set(
      (await sink.query<{ id: string }>('select id from orgs')).map((r) => r.id),
    );
    const orgBatch = new Batch();
    for (const spec of specs) {
      if (!existingOrgs.has(orgIdOf(s, spec))) addOrg(orgBatch, s, spec);
    }
    if (orgBatch.count('orgs') > 0) await sink.write(orgBatch, []);

    const todo: { spec: OrgSpec; teamNo: number; from: number }[] = [];
    for (const spec of specs) {
      for (let teamNo = 0; teamNo < spec.teams; teamNo++) {
        const from = progress.get(`${spec.key}:${teamNo}`) ?? 0;
        if (from < o.weeks) todo.push({ spec, teamNo, from });
      }
    }
    const skipped = specs.reduce((n, sp) => n + sp.teams, 0) - todo.length;
    if (skipped > 0) log(`resuming: ${skipped} teams already written, ${todo.length} to go`);

    let done = 0;
    let responses = 0;
    let lastDraw = 0;
    for (let i = 0; i < todo.length; i += o.batch) {
      const batch = new Batch();
      const after: { text: string; params: unknown[] }[] = [];
      for (const t of todo.slice(i, i + o.batch)) {
        const orgId = orgIdOf(s, t.spec);
        const result = addTeam(batch, s, t.spec, orgId, t.teamNo, t.from, o.weeks);
        responses += result.responses;
        after.push({
          text: `insert into bench_progress (org_key, team_no, team_id, weeks, responses)
                 values ($1, $2, $3, $4, $5)
                 on conflict (org_key, team_no) do update
                 set weeks = excluded.weeks, responses = bench_progress.responses + excluded.responses`,
          params: [t.spec.key, t.teamNo, result.teamId, o.weeks, result.responses],
        });
      }
      await sink.write(batch, after);
      done = Math.min(todo.length, i + o.batch);
      if (!o.quiet && (performance.now() - lastDraw > 250 || done === todo.length)) {
        lastDraw = performance.now();
        const line = progressBar(
          done,
          todo.length,
          started,
          `${responses.toLocaleString('en')} responses`,
        );
        process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`);
      }
    }
    if (!o.quiet && process.stderr.isTTY && todo.length > 0) process.stderr.write('\n');

    log('analyze…');
    await sink.query('analyze');
    if (o.verify) {
      log('verify: rollups = sums of responses, receipts = respondents…');
      await verify(sink);
    }
    const totals: Record<string, number> = {};
    for (const table of [
      'orgs',
      'teams',
      'users',
      'memberships',
      'experiments',
      'pulse_receipts',
      'pulse_responses',
      'team_week_stats',
    ]) {
      const [row] = await sink.query<{ n: string }>(`select count(*)::text as n from ${table}`);
      totals[table] = Number(row!.n);
    }
    const main = specs[0]!;
    return {
      orgId: orgIdOf(s, main),
      anchorWeek: s.anchorWeek,
      adminEmail: adminEmailOf(main),
      leadEmail: leadEmailOf(main, 0),
      password: BENCH_PASSWORD,
      seconds: (performance.now() - started) / 1000,
      written: { teams: todo.length, responses },
      totals,
    };
  } finally {
    await sink.close();
  }
}

/** Every rollup equals the sums over its raw responses, and every receipt count its n. */
async function verify(sink: Sink): Promise<void> {
  const [rollups] = await sink.query<{ bad: string }>(`
    with raw as (
      select team_id, week, count(*) as n, sum(idx) as si, sum(idx * idx) as sq,
        sum(energy - 1) as e, sum(autonomy - 1) as a, sum(voice - 1) as v, sum(growth - 1) as g,
        sum(trust - 1) as t, count(*) filter (where enps >= 9) as p,
        count(*) filter (where enps <= 6) as d
      from (select *, 5 * ((energy - 1) + (autonomy - 1) + (voice - 1) + (growth - 1)
        + (trust - 1))::bigint as idx from pulse_responses) r
      group by team_id, week)
    select count(*)::text as bad from raw full join team_week_stats s using (team_id, week)
    where s.n is distinct from raw.n or s.sum_index is distinct from raw.si
      or s.sum_sq_index is distinct from raw.sq or s.energy_sum is distinct from raw.e
      or s.autonomy_sum is distinct from raw.a or s.voice_sum is distinct from raw.v
      or s.growth_sum is distinct from raw.g or s.trust_sum is distinct from raw.t
      or s.promoters is distinct from raw.p or s.detractors is distinct from raw.d`);
  const [receipts] = await sink.query<{ bad: string }>(`
    select count(*)::text as bad
    from (select team_id, week, count(*) as n from pulse_receipts group by team_id, week) r
    full join team_week_stats s using (team_id, week) where s.n is distinct from r.n`);
  const bad = Number(rollups!.bad) + Number(receipts!.bad);
  if (bad > 0) {
    throw new Error(
      `verify failed: ${rollups!.bad} rollups differ from their responses, ${receipts!.bad} from their receipts`,
    );
  }
}

async function main() {
  const f = flagsOf();
  const options: GenerateOptions = {
    teams: f.int('teams', 2000, 1),
    weeks: f.int('weeks', 52, 1),
    size: f.int('size', 8, 3),
    seed: f.string('seed', '1'),
    databaseUrl: f.optionalString('database-url') ?? process.env.BENCH_DATABASE_URL,
    pglite: f.optionalString('pglite'),
    smallOrgs: f.int('small-orgs', 2),
    batch: f.int('batch', 25, 1),
    reset: f.bool('reset', false),
    verify: f.bool('verify', true),
  };
  f.done();
  if (options.weeks > 250) throw new Error('--weeks is at most 250');
  const r = await generate(options);
  const t = r.totals;
  console.log(
    `\nDone in ${r.seconds.toFixed(1)} s: wrote ${r.written.teams} teams, ${r.written.responses.toLocaleString('en')} responses.`,
  );
  console.log(
    `Database holds ${t.orgs} orgs, ${t.teams} teams, ${t.users} users, ${t.memberships} memberships, ` +
      `${t.experiments} experiments, ${t.pulse_receipts} receipts, ${t.pulse_responses} responses, ` +
      `${t.team_week_stats} team-week rollups (weeks up to ${addWeeks(r.anchorWeek, -1)}).`,
  );
  console.log(`Sign in with password "${r.password}" as:`);
  console.log(`  ${r.adminEmail.padEnd(28)} admin of Bench Corp (heatmap, org trends)`);
  console.log(`  ${r.leadEmail.padEnd(28)} lead of its first team (team page)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
