import type { Role } from '@leeway/contracts';

/** A role as a picker shows it, as a badge shows it, and inside a sentence. */
export const roleNames: Record<Role, { label: string; short: string; article: string }> = {
  member: { label: 'Member', short: 'member', article: 'a member' },
  lead: { label: 'Team lead', short: 'lead', article: 'a team lead' },
  admin: { label: 'Admin (HR)', short: 'admin', article: 'an admin (HR)' },
};
