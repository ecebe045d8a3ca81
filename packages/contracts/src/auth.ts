import { type Static, Type } from '@sinclair/typebox';
import { Email, Id, Password, PersonName, Role, TimeZone } from './common.ts';
import { EMAIL_MAX, ORG_NAME_MAX, PASSWORD_MAX } from './limits.ts';

export const SignupBody = Type.Object(
  {
    orgName: Type.String({ minLength: 1, maxLength: ORG_NAME_MAX }),
    name: PersonName,
    email: Email,
    password: Password,
    timezone: Type.Optional(TimeZone),
  },
  { additionalProperties: false },
);
export type SignupBody = Static<typeof SignupBody>;

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: EMAIL_MAX }),
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const User = Type.Object({ id: Id, name: Type.String(), email: Type.String(), role: Role });
export type User = Static<typeof User>;

export const Org = Type.Object({ id: Id, name: Type.String(), timezone: Type.String() });
export type Org = Static<typeof Org>;

export const TeamRef = Type.Object({ id: Id, name: Type.String() });
export type TeamRef = Static<typeof TeamRef>;

export const Me = Type.Object({
  user: User,
  org: Org,
  teams: Type.Array(TeamRef, {
    description:
      'Teams the caller can see: all for an admin, led teams for a lead, plus the team the caller is a member of',
  }),
  memberOf: Type.Union([TeamRef, Type.Null()], {
    description: 'The team whose pulse the caller answers, if any',
  }),
  leads: Type.Array(TeamRef, { description: 'Teams the caller leads' }),
  minGroupSize: Type.Integer(),
  baselineWeeks: Type.Integer({ description: "The organisation's default baseline weeks" }),
});
export type Me = Static<typeof Me>;

export const SessionResponse = Type.Object({ user: User });
export type SessionResponse = Static<typeof SessionResponse>;
