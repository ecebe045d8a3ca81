import type { Role } from '@leeway/contracts';
import type { Db } from '@leeway/db';
import type { Clock } from '@leeway/domain/clock';
import type { Config } from '../config.ts';

/** The signed-in person, loaded fresh from the database on every request. */
export interface Caller {
  userId: string;
  sessionId: string;
  orgId: string;
  role: Role;
  name: string;
  email: string;
  /** Teams this person leads. */
  leadTeamIds: string[];
  /** The team whose pulse this person answers, if any. */
  memberTeamId: string | null;
  org: CallerOrg;
}

export interface CallerOrg {
  id: string;
  name: string;
  /** The zone of the week in progress (with `earlierZones`, the org's week calendar). */
  timezone: string;
  earlierZones: { untilWeek: string; timezone: string }[];
  minGroupSize: number;
  baselineWeeks: number;
  createdAt: Date;
}

/** What every service function receives first. */
export interface Ctx {
  db: Db;
  clock: Clock;
  config: Config;
  caller: Caller;
}

/** For services that run before anyone is signed in (sign-up, login, accepting an invitation). */
export type PublicCtx = Omit<Ctx, 'caller'>;
