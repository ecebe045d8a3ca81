import type { Database } from '@leeway/db';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createTeam, signUpOrg } from '../helpers/api.ts';
import { quickMembers } from '../helpers/world.ts';

import {
  type ApiProcess,
  cleanProblem,
  JWT_SECRET,
  pause,
  type Reply,
  send,
  waitFor,
} from './processes.ts';

// Members and their submissions

export interface Member {
  id: string;
  token: string;
  teamId: string;
}

const ANSWERS = { energy: 4, autonomy: 3, voice: 4, growth: 3, trust: 5, enps: 9 };
/** Every submission's comment: the API's log must never show it, however a query fails. */
export const COMMENT = 'a comment written under faults';

/**
 * An organisation with `teams` teams of `perTeam` members each, written through an in-process
 * app on the same database; the sessions are signed with the servers' JWT_SECRET.
 */
export async function seedMembers(
  database: Database,
  teams: number,
  perTeam: number,
): Promise<{ members: Member[]; teamIds: string[]; adminToken: string }> {
  const app = await buildApp(
    {
      ...loadConfig({ NODE_ENV: 'test', DATA_DIR: 'memory://', JWT_SECRET }),
      webDist: '/nonexistent',
    },
    { database },
  );
  try {
    const org = await signUpOrg(app);
    const members: Member[] = [];
    const teamIds: string[] = [];
    for (let t = 0; t < teams; t++) {
      const team = await createTeam(org.admin);
      teamIds.push(team.id);
      for (const p of await quickMembers(app, org.orgId, team.id, perTeam)) {
        members.push({ id: p.id, token: p.api.token!, teamId: team.id });
      }
    }
    return { members, teamIds, adminToken: org.admin.token! };
  } finally {
    await app.close();
  }
}

/** What one submission was answered. */
export type Verdict = 'acknowledged' | 'failed' | 'unknown' | 'bad';

export interface Attempt {
  member: Member;
  verdict: Verdict;
  reply: Reply;
}

/** 201 stored; a 503 "unavailable" stored nothing; a 503 "outcome unknown" may have. */
export function verdictOf(reply: Reply, socketErrorsAreUnknown: boolean): Verdict {
  if (reply.status === 201) return 'acknowledged';
  if (reply.status === 503 && cleanProblem(reply)) {
    if (reply.body.type.endsWith('/unavailable')) return 'failed';
    if (reply.body.type.endsWith('/outcome-unknown')) return 'unknown';
  }
  if (reply.status === 0 && reply.error !== 'TIMEOUT' && socketErrorsAreUnknown) return 'unknown';
  return 'bad';
}

export interface LoadOptions {
  /** The instances, used in turn: a member's submission goes to one, its re-read to the next. */
  apis: ApiProcess[];
  members: Member[];
  concurrency: number;
  /** Pause of each virtual user between two submissions, to spread the load over the faults. */
  paceMs: number;
  /** Socket errors are expected only when the test kills the API itself. */
  socketErrorsAreUnknown?: boolean;
}

export interface Load {
  attempts: Attempt[];
  /** Re-reads (GET /api/pulse) by the member who just submitted, on the other instance. */
  reads: Reply[];
  /** Replies that break a promise: 5xx not problem+json, 500s, timeouts, an ack not visible. */
  bad: { what: string; reply: Reply }[];
  requests(): number;
  acknowledged(): number;
  /** Members not yet used: the load stops when none are left. */
  left(): number;
  stop(): Promise<void>;
}

/** Virtual users, each submitting a fresh member's pulse and then re-reading it, until stopped. */
export async function startLoad(options: LoadOptions): Promise<Load> {
  // This week's pulse of each team, asked once as a client would, before any fault.
  const pulseIds = new Map<string, string>();
  for (const member of options.members) {
    if (pulseIds.has(member.teamId)) continue;
    const reply = await send(options.apis[0]!, 'GET', '/api/pulse', { token: member.token });
    if (reply.status !== 200)
      throw new Error(`GET /api/pulse: ${reply.status} ${reply.error ?? ''}`);
    pulseIds.set(member.teamId, reply.body.pulseId);
  }
  let next = 0;
  let stopped = false;
  const load: Load = {
    attempts: [],
    reads: [],
    bad: [],
    requests: () => load.attempts.length + load.reads.length,
    acknowledged: () => load.attempts.filter((a) => a.verdict === 'acknowledged').length,
    left: () => options.members.length - next,
    stop: async () => {
      stopped = true;
      await running;
    },
  };
  const user = async (u: number) => {
    let turn = u;
    while (!stopped && next < options.members.length) {
      const member = options.members[next++]!;
      const api = options.apis[turn % options.apis.length]!;
      const other = options.apis[(turn + 1) % options.apis.length]!;
      turn++;
      const reply = await send(api, 'POST', '/api/pulse/responses', {
        token: member.token,
        body: { pulseId: pulseIds.get(member.teamId), answers: ANSWERS, comment: COMMENT },
      });
      const verdict = verdictOf(reply, options.socketErrorsAreUnknown ?? false);
      load.attempts.push({ member, verdict, reply });
      if (verdict === 'bad') load.bad.push({ what: 'POST /api/pulse/responses', reply });
      if (reply.status === 0 && options.socketErrorsAreUnknown) return; // the API is gone
      const read = await send(other, 'GET', '/api/pulse', { token: member.token });
      load.reads.push(read);
      const readOk =
        (read.status === 200 && (verdict !== 'acknowledged' || read.body.answered === true)) ||
        (read.status === 503 && cleanProblem(read)) ||
        (read.status === 0 && read.error !== 'TIMEOUT' && options.socketErrorsAreUnknown);
      if (!readOk) load.bad.push({ what: `GET /api/pulse after a ${reply.status}`, reply: read });
      if (options.paceMs > 0) await pause(options.paceMs);
    }
  };
  const running = Promise.all(Array.from({ length: options.concurrency }, (_, u) => user(u))).then(
    () => undefined,
  );
  return load;
}

/** Waits for `n` acknowledged submissions in all, failing at once if an API process exits. */
export function acknowledged(load: Load, n: number, apis: ApiProcess[]) {
  return waitFor(
    `${n} acknowledged submissions`,
    () => {
      const dead = apis.find((api) => api.exit);
      if (dead) {
        throw new Error(
          `API process ${dead.pid} exited (${JSON.stringify(dead.exit)}):\n${dead.output().slice(-4000)}`,
        );
      }
      return load.acknowledged() >= n ? true : undefined;
    },
    60_000,
  );
}

export interface SetCheck {
  attempted: number;
  acknowledged: number;
  failed: number;
  unknown: number;
  present: number;
  /** Acknowledged (201) but not stored. */
  lost: string[];
  /** Stored although answered as failed, or never attempted at all. */
  unexpected: string[];
  /** Answered "outcome unknown" and stored: allowed either way, reported. */
  unknownPresent: number;
}

/** Jepsen's set check: acknowledged ⊆ present, present ∩ failed = ∅, present ⊆ attempted. */
export function setCheck(attempts: Attempt[], presentIds: Iterable<string>): SetCheck {
  const present = new Set(presentIds);
  const ids = (verdict: Verdict) =>
    attempts.filter((a) => a.verdict === verdict).map((a) => a.member.id);
  const attempted = new Set(attempts.map((a) => a.member.id));
  const acknowledged = ids('acknowledged');
  const failed = ids('failed');
  const unknown = ids('unknown');
  return {
    attempted: attempted.size,
    acknowledged: acknowledged.length,
    failed: failed.length,
    unknown: unknown.length,
    present: present.size,
    lost: acknowledged.filter((id) => !present.has(id)),
    unexpected: [
      ...failed.filter((id) => present.has(id)),
      ...[...present].filter((id) => !attempted.has(id)),
    ],
    unknownPresent: unknown.filter((id) => present.has(id)).length,
  };
}

/** Whom GET /api/pulse shows as having answered, asked of every attempted member. */
export async function answeredPerApi(api: ApiProcess, members: Member[]): Promise<string[]> {
  const answered: string[] = [];
  const queue = [...members];
  const worker = async () => {
    for (let m = queue.shift(); m; m = queue.shift()) {
      const r = await send(api, 'GET', '/api/pulse', { token: m.token });
      if (r.status !== 200)
        throw new Error(`GET /api/pulse after recovery: ${r.status} ${r.error ?? ''}`);
      if (r.body.answered === true) answered.push(m.id);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return answered;
}

/** The longest wait for an answer that was an error (a 5xx, or none at all). */
export function slowestError(load: Load): number {
  const replies = [...load.attempts.map((a) => a.reply), ...load.reads];
  return Math.max(0, ...replies.filter((r) => r.status >= 500 || r.status === 0).map((r) => r.ms));
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

/** The figures a closing note quotes, one block per test. */
export function summary(
  title: string,
  load: Load,
  check: SetCheck,
  extra: Record<string, unknown>,
) {
  const replies = [...load.attempts.map((a) => a.reply), ...load.reads];
  const errors = replies.filter((r) => r.status >= 500 || r.status === 0);
  const lines = [
    `[faults] ${title}`,
    `  requests tried: ${load.requests()} (${load.attempts.length} submissions, ${load.reads.length} re-reads), ` +
      `${errors.length} answered with an error (${replies.filter((r) => r.status === 503).length} × 503, ` +
      `${replies.filter((r) => r.status === 0).length} without an answer)`,
    ...Object.entries(extra).map(([k, v]) => `  ${k}: ${v}`),
    `  submissions: ${check.acknowledged} acknowledged (201), ${check.failed} failed (503), ` +
      `${check.unknown} outcome unknown`,
    `  found afterwards: ${check.present} stored; acknowledged and missing (lost): ${check.lost.length}; ` +
      `failed or never sent but stored (unexpected): ${check.unexpected.length}; ` +
      `outcome unknown and stored: ${check.unknownPresent} of ${check.unknown}`,
    `  latency: p50 ${Math.round(
      percentile(
        replies.map((r) => r.ms),
        50,
      ),
    )} ms, ` +
      `p99 ${Math.round(
        percentile(
          replies.map((r) => r.ms),
          99,
        ),
      )} ms, ` +
      `slowest error ${Math.round(slowestError(load))} ms`,
  ];
  console.log(lines.join('\n'));
}
