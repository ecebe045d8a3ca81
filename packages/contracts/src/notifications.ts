import { type Static, Type } from '@sinclair/typebox';
import { Email, Nullable, Password, PersonName } from './common.ts';

const flag = (description: string) => Type.Boolean({ description });

/** The messages a person can switch off; every one is on by default. */
export const NotificationPreferences = Type.Object(
  {
    team_added: flag('"You were added to team X"'),
    pulse_open: flag('The pulse is open (Monday, at the org’s time)'),
    pulse_reminder: flag('One reminder when you have not answered yet'),
    results_ready: flag('Leads: results of the last week are ready'),
    experiment_ending: flag('Leads: your experiment ends this week — record a decision'),
    no_experiment: flag('Leads: no experiment planned next week'),
    digest: flag('Admins: weekly digest of published figures'),
  },
  { additionalProperties: false },
);
export type NotificationPreferences = Static<typeof NotificationPreferences>;
export type NotificationKind = keyof NotificationPreferences;

export const UpdateNotificationPreferencesBody = Type.Partial(NotificationPreferences, {
  additionalProperties: false,
  minProperties: 1,
});
export type UpdateNotificationPreferencesBody = Static<typeof UpdateNotificationPreferencesBody>;

export const UnsubscribeBody = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 2000 }) },
  { additionalProperties: false },
);
export type UnsubscribeBody = Static<typeof UnsubscribeBody>;
export const UnsubscribeQuery = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 2000 }) },
  { additionalProperties: false },
);
export const Unsubscribed = Type.Object({
  kind: Type.String(),
  description: Type.String({ description: 'The message switched off, in words' }),
  email: Type.String(),
});
export type Unsubscribed = Static<typeof Unsubscribed>;

export const PasswordResetBody = Type.Object({ email: Email }, { additionalProperties: false });
export type PasswordResetBody = Static<typeof PasswordResetBody>;
export const PasswordResetConfirmBody = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 200 }), password: Password },
  { additionalProperties: false },
);
export type PasswordResetConfirmBody = Static<typeof PasswordResetConfirmBody>;
export const Accepted = Type.Object({ message: Type.String() });

export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Password },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const UpdateProfileBody = Type.Object({ name: PersonName }, { additionalProperties: false });
export type UpdateProfileBody = Static<typeof UpdateProfileBody>;

export const TeamWebhook = Type.Object({
  service: Nullable(Type.Union([Type.Literal('slack'), Type.Literal('teams')])),
  /** Only the host is shown back: the path of an incoming webhook is its secret. */
  host: Nullable(Type.String()),
});
export type TeamWebhook = Static<typeof TeamWebhook>;
export const PutTeamWebhookBody = Type.Object(
  {
    url: Type.String({
      minLength: 12,
      maxLength: 500,
      description: 'A Slack or Microsoft Teams incoming-webhook URL (https)',
    }),
  },
  { additionalProperties: false },
);
export type PutTeamWebhookBody = Static<typeof PutTeamWebhookBody>;
