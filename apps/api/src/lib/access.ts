/**
 * Who may call a route. Every /api route declares one of these in `config.access`; the access
 * plugin refuses to register a route without it, and enforces it before the handler runs.
 *
 * - `anyone`: no session needed.
 * - `signedIn`: any role.
 * - a list of relations: the caller must hold at least one of them. `admin` and `lead` are org
 *   roles; `teamLead` and `teamMember` are relations to the team the route's resource belongs to
 *   (found through `resource`), so an object outside the caller's org is a 404 and one in the
 *   org but outside the caller's teams is a 403.
 */
export type Relation = 'admin' | 'lead' | 'teamLead' | 'teamMember';
export type ResourceKind = 'team' | 'experiment' | 'idea';

export type AccessRule =
  | { allow: 'anyone' }
  | { allow: 'signedIn' }
  | { allow: Relation[]; resource?: ResourceKind };

export const access = {
  anyone: (): AccessRule => ({ allow: 'anyone' }),
  signedIn: (): AccessRule => ({ allow: 'signedIn' }),
  roles: (...allow: Relation[]): AccessRule => ({ allow }),
  team: (...allow: Relation[]): AccessRule => ({ allow, resource: 'team' }),
  experiment: (...allow: Relation[]): AccessRule => ({ allow, resource: 'experiment' }),
  idea: (...allow: Relation[]): AccessRule => ({ allow, resource: 'idea' }),
};

export function describeAccess(rule: AccessRule): string {
  if (rule.allow === 'anyone') return 'Anyone.';
  if (rule.allow === 'signedIn') return 'Any signed-in user.';
  const names: Record<Relation, string> = {
    admin: 'admins',
    lead: 'leads',
    teamLead: "the team's leads",
    teamMember: "the team's members",
  };
  return `Allowed: ${rule.allow.map((r) => names[r]).join(', ')}.`;
}
