import { type Static, Type } from '@sinclair/typebox';
import { Id, IsoWeek, Role } from './common.ts';
import { TEAM_NAME_MAX } from './limits.ts';

export const TeamName = Type.String({ minLength: 1, maxLength: TEAM_NAME_MAX });
export const Team = Type.Object({
  id: Id,
  name: Type.String(),
  memberCount: Type.Integer(),
  leads: Type.Array(Type.Object({ id: Id, name: Type.String() })),
});
export type Team = Static<typeof Team>;
export const TeamList = Type.Object({ teams: Type.Array(Team) });
export type TeamList = Static<typeof TeamList>;
export const CreateTeamBody = Type.Object({ name: TeamName }, { additionalProperties: false });
export type CreateTeamBody = Static<typeof CreateTeamBody>;
export const UpdateTeamBody = Type.Object({ name: TeamName }, { additionalProperties: false });
export type UpdateTeamBody = Static<typeof UpdateTeamBody>;

export const Member = Type.Object({
  id: Id,
  name: Type.String(),
  email: Type.Optional(Type.String({ description: "Admins and the team's leads only" })),
  role: Role,
  joinedAt: Type.Optional(
    Type.String({ format: 'date-time', description: "Admins and the team's leads only" }),
  ),
  joinedWeek: IsoWeek,
});
export type Member = Static<typeof Member>;
export const MemberList = Type.Object({
  teamId: Id,
  members: Type.Array(Member, {
    description: 'Current members. Never says who has or has not answered a pulse.',
  }),
  leads: Type.Array(
    Type.Object({
      id: Id,
      name: Type.String(),
      email: Type.Optional(Type.String({ description: "Admins and the team's leads only" })),
    }),
  ),
});
export type MemberList = Static<typeof MemberList>;

export const UserIdParams = Type.Object({ userId: Id });
export const UpdateUserBody = Type.Object(
  {
    role: Type.Optional(Role),
    teamId: Type.Optional(
      Type.Union([Id, Type.Null()], {
        description:
          "Move a person to this team's pulse (null: no team). Membership history is kept.",
      }),
    ),
    leads: Type.Optional(
      Type.Array(Id, {
        uniqueItems: true,
        maxItems: 200,
        description:
          'The teams this person leads, all of them (replaces the list; [] leads none). Only a lead leads teams, never one they are a member of.',
      }),
    ),
    active: Type.Optional(
      Type.Boolean({
        description:
          'false deactivates (sessions end, memberships close, leads removed); true reactivates, without a team',
      }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;
export const PersonSummary = Type.Object({
  id: Id,
  name: Type.String(),
  email: Type.String(),
  role: Role,
  teamId: Type.Union([Id, Type.Null()]),
  leads: Type.Array(Id),
  active: Type.Boolean(),
});
export type PersonSummary = Static<typeof PersonSummary>;
export const PeopleList = Type.Object({ people: Type.Array(PersonSummary) });
export type PeopleList = Static<typeof PeopleList>;
