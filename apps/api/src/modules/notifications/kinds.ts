import type { MessageKind, NotificationKind } from '@leeway/contracts';

/** The messages a person can switch off, in words; all are on by default. */
export const SWITCHABLE: Record<NotificationKind, string> = {
  team_added: '"You were added to a team"',
  pulse_open: '"The pulse is open"',
  pulse_reminder: 'the weekly pulse reminder',
  results_ready: '"Results of the week are ready"',
  experiment_ending: '"Your experiment ends this week"',
  no_experiment: '"No experiment planned next week"',
  digest: 'the weekly digest',
};
export const SWITCHABLE_KINDS = Object.keys(SWITCHABLE) as NotificationKind[];

/** Kinds with a one-click unsubscribe; a password reset has none (it is asked for, not sent). */
export const unsubscribable = (kind: MessageKind) => kind !== 'password_reset';
export const describeKind = (kind: string) =>
  kind === 'invitation'
    ? 'invitations'
    : (SWITCHABLE[kind as NotificationKind] ?? 'these messages');
