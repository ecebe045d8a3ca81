import { signJwt } from './jwt.ts';
import type { ServerProcess } from './proc.ts';

/** An active person of the benchmark org, with the bearer token they call the API with. */
export interface SignedInPerson {
  id: string;
  email: string;
  role: string;
  memberTeam: string | null;
  leadTeam: string | null;
  /** `Bearer …`, for the authorization header. */
  auth: string;
}

/**
 * Signs in everyone active in the org at once: a session row each, written as the API would,
 * and a token each signed with the server's secret (logging in 10,000 people through the API
 * would measure the password hash, not the benchmark).
 */
export async function signInEveryone(
  api: ServerProcess,
  orgId: string,
  jwtSecret: string,
  validSeconds: number,
): Promise<SignedInPerson[]> {
  await api.sql('delete from sessions where org_id = $1', [orgId]);
  const sessions = await api.sql<{ id: string; user_id: string }>(
    `insert into sessions (id, org_id, user_id, auth_version, created_at, expires_at)
     select gen_random_uuid()::text, u.org_id, u.id, u.auth_version, now(),
            now() + make_interval(secs => $2)
     from users u where u.org_id = $1 and u.deactivated_at is null
     returning id, user_id`,
    [orgId, validSeconds],
  );
  const people = await api.sql<{
    id: string;
    email: string;
    role: string;
    member_team: string | null;
    lead_team: string | null;
  }>(
    `select u.id, u.email, u.role, m.team_id as member_team, l.team_id as lead_team
     from users u
     left join memberships m on m.user_id = u.id and m.left_at is null
     left join team_leads l on l.user_id = u.id
     where u.org_id = $1 and u.deactivated_at is null`,
    [orgId],
  );
  const sid = new Map(sessions.map((s) => [s.user_id, s.id]));
  const iat = Math.floor(Date.now() / 1000);
  return people.map((p) => ({
    id: p.id,
    email: p.email,
    role: p.role,
    memberTeam: p.member_team,
    leadTeam: p.lead_team,
    auth: `Bearer ${signJwt(jwtSecret, { sub: p.id, sid: sid.get(p.id), org: orgId, iat, exp: iat + validSeconds })}`,
  }));
}
