import type { PersonSummary, UpdateUserBody } from '@leeway/contracts';

/**
 * The change that reverses `patch` for someone who was `before`: a role or leads back, a move
 * back (the history keeps both moves), reactivation into their team and led teams.
 */
export function inverseOf(before: PersonSummary, patch: UpdateUserBody): UpdateUserBody | null {
  if (patch.active === false) {
    return {
      active: true,
      teamId: before.teamId,
      ...(before.leads.length > 0 ? { leads: before.leads } : {}),
    };
  }
  if (patch.active === true) return { active: false };
  const undo: UpdateUserBody = {};
  if (patch.role !== undefined && patch.role !== before.role) {
    undo.role = before.role;
    if (before.leads.length > 0) undo.leads = before.leads;
  }
  if (patch.teamId !== undefined && patch.teamId !== before.teamId) undo.teamId = before.teamId;
  if (patch.leads !== undefined) undo.leads = before.leads;
  return Object.keys(undo).length > 0 ? undo : null;
}
