import type { MessageKind, NotificationKind } from '@leeway/contracts';
import { formatLocal } from '@leeway/domain/local-time';
import { type Config, linkBase } from '../../config.ts';
import { unsubscribable } from '../notifications/kinds.ts';
import { unsubscribeToken } from '../notifications/tokens.ts';
import type { Message } from '../outbox/service.ts';
import { type Block, headerSafe, render } from './render.ts';

/**
 * The words of every message Leeway sends. Each builder takes what it tells about and returns
 * an outbox message (text and HTML); figures come in already published (modules/publication).
 */

export interface Recipient {
  orgId: string;
  orgName: string;
  email: string;
  name: string;
  userId?: string | null;
}

interface Draft {
  kind: MessageKind;
  key: string;
  subject: string;
  reason: string;
  why: string;
  blocks: Block[];
}

export function unsubscribeUrls(config: Config, orgId: string, email: string, kind: string) {
  const token = encodeURIComponent(unsubscribeToken(config, { orgId, email, kind }));
  return {
    /** The page a person opens from the message (signed out is fine). */
    page: `${linkBase(config)}/unsubscribe?token=${token}`,
    /** RFC 8058 one-click: mail clients POST `List-Unsubscribe=One-Click` here. */
    oneClick: `${linkBase(config)}/api/notifications/unsubscribe?token=${token}`,
  };
}

function letter(config: Config, to: Recipient, draft: Draft): Message {
  const firstName = headerSafe(to.name, 120);
  const footer = {
    why: draft.why,
    ...(unsubscribable(draft.kind)
      ? {
          unsubscribeUrl: unsubscribeUrls(config, to.orgId, to.email, draft.kind).page,
          ...(to.userId ? { preferencesUrl: `${linkBase(config)}/profile` } : {}),
        }
      : {}),
  };
  const { text, html } = render({
    greeting: `Hello ${firstName},`,
    blocks: draft.blocks,
    footer,
    orgName: headerSafe(to.orgName, 120),
  });
  return {
    orgId: to.orgId,
    kind: draft.kind,
    key: draft.key,
    to: { email: to.email, name: headerSafe(to.name, 120) },
    userId: to.userId ?? null,
    subject: headerSafe(draft.subject),
    text,
    html,
    reason: draft.reason,
  };
}

const link = (config: Config, path: string) => `${linkBase(config)}${path}`;

export function invitationMessage(
  config: Config,
  to: Recipient,
  input: {
    invitationId: string;
    inviterName: string;
    joining: string;
    url: string;
    expiresAt: Date;
    timezone: string;
  },
): Message {
  return letter(config, to, {
    kind: 'invitation',
    key: `invitation:${input.invitationId}`,
    subject: `${input.inviterName} invited you to ${to.orgName} on Leeway`,
    reason: `Invitation by ${input.inviterName}`,
    why: `You get this because ${input.inviterName} invited ${to.email}.`,
    blocks: [
      {
        kind: 'p',
        text: `${input.inviterName} invited you to ${to.orgName} on Leeway ${input.joining}.`,
      },
      { kind: 'action', action: { label: 'Accept and choose your password', url: input.url } },
      {
        kind: 'p',
        text: `The link works once and expires on ${formatLocal(input.expiresAt, input.timezone)}.`,
      },
    ],
  });
}

export function teamAddedMessage(
  config: Config,
  to: Recipient,
  input: { membershipId: string; teamName: string },
): Message {
  return letter(config, to, {
    kind: 'team_added',
    key: `team_added:${input.membershipId}`,
    subject: `You were added to the team ${input.teamName}`,
    reason: `Added to the team ${input.teamName}`,
    why: 'You get this because your team changed.',
    blocks: [
      {
        kind: 'p',
        text: `You are now a member of the team ${input.teamName} in ${to.orgName}. From next week on you answer its weekly pulse: six questions, under a minute, and nobody sees your answers.`,
      },
      { kind: 'action', action: { label: 'Open Leeway', url: link(config, '/') } },
    ],
  });
}

export function pulseOpenMessage(
  config: Config,
  to: Recipient & { userId: string },
  input: { week: string; teamName: string; closesAt: Date; timezone: string },
): Message {
  return letter(config, to, {
    kind: 'pulse_open',
    key: `pulse_open:${to.userId}:${input.week}`,
    subject: `This week's pulse is open (${input.week})`,
    reason: `Pulse ${input.week} opened for the team ${input.teamName}`,
    why: `You get this because you are a member of ${input.teamName}.`,
    blocks: [
      {
        kind: 'p',
        text: `The pulse of ${input.teamName} for ${input.week} is open. Six questions, under a minute; your answers are never shown to anyone, only totals of at least five people.`,
      },
      { kind: 'action', action: { label: 'Answer the pulse', url: link(config, '/pulse') } },
      {
        kind: 'p',
        text: `It closes on ${formatLocal(input.closesAt, input.timezone)}.`,
      },
    ],
  });
}

/** To the one person who has not answered; nobody else learns who got one. */
export function reminderMessage(
  config: Config,
  to: Recipient & { userId: string },
  input: { week: string; teamName: string; closesAt: Date; timezone: string },
): Message {
  return letter(config, to, {
    kind: 'pulse_reminder',
    key: `pulse_reminder:${to.userId}:${input.week}`,
    subject: `A minute for this week's pulse? (${input.week})`,
    reason: 'Weekly reminder',
    why: 'You get this once a week while the pulse is open.',
    blocks: [
      {
        kind: 'p',
        text: `The pulse of ${input.teamName} for ${input.week} closes on ${formatLocal(input.closesAt, input.timezone)}. If you have a minute, your answer counts.`,
      },
      { kind: 'action', action: { label: 'Answer the pulse', url: link(config, '/pulse') } },
    ],
  });
}

/** The published figures of one team-week, as its lead sees them on the team page. */
export interface TeamWeekFigures {
  published: boolean;
  reason: string | null;
  engagement: number | null;
  participation: number | null;
  respondents: number | null;
  enps: number | null;
}

export function teamWeekFacts(figures: TeamWeekFigures): [string, string][] {
  if (!figures.published) return [['Figures', hiddenReason(figures.reason)]];
  return [
    ['Engagement', `${figures.engagement!.toFixed(0)} of 100`],
    [
      'Participation',
      `${Math.round(figures.participation! * 100)} % (${figures.respondents} people)`,
    ],
    ['eNPS', `${Math.round(figures.enps!)}`],
  ];
}

export const hiddenReason = (reason: string | null) =>
  reason === 'protecting'
    ? 'hidden to protect a smaller team'
    : reason === 'no_data'
      ? 'no members that week'
      : 'hidden: fewer than the minimum number of answers';

export function resultsReadyMessage(
  config: Config,
  to: Recipient & { userId: string },
  input: { teamId: string; teamName: string; week: string; figures: TeamWeekFigures },
): Message {
  return letter(config, to, {
    kind: 'results_ready',
    key: `results_ready:${to.userId}:${input.teamId}:${input.week}`,
    subject: `Results of ${input.week} are ready for ${input.teamName}`,
    reason: `Week ${input.week} closed`,
    why: `You get this because you lead ${input.teamName}.`,
    blocks: [
      { kind: 'p', text: `Week ${input.week} has closed. ${input.teamName}:` },
      { kind: 'facts', facts: teamWeekFacts(input.figures) },
      {
        kind: 'action',
        action: { label: 'See the team page', url: link(config, `/teams/${input.teamId}`) },
      },
    ],
  });
}

export function experimentEndingMessage(
  config: Config,
  to: Recipient & { userId: string },
  input: { experimentId: string; title: string; teamName: string; week: string },
): Message {
  return letter(config, to, {
    kind: 'experiment_ending',
    key: `experiment_ending:${to.userId}:${input.experimentId}`,
    subject: `Your experiment ends this week: ${input.title}`,
    reason: `Experiment "${input.title}" ends in ${input.week}`,
    why: `You get this because you lead ${input.teamName}.`,
    blocks: [
      {
        kind: 'p',
        text: `"${input.title}" (${input.teamName}) ends this week (${input.week}). When its last week has closed, look at its impact and record a decision: keep it, adapt it or drop it, and what you learned.`,
      },
      {
        kind: 'action',
        action: {
          label: 'Open the experiment',
          url: link(config, `/experiments/${input.experimentId}`),
        },
      },
    ],
  });
}

export function noExperimentMessage(
  config: Config,
  to: Recipient & { userId: string },
  input: { teamId: string; teamName: string; nextWeek: string; after: string },
): Message {
  return letter(config, to, {
    kind: 'no_experiment',
    key: `no_experiment:${to.userId}:${input.teamId}:${input.after}`,
    subject: `No experiment planned for ${input.teamName} next week`,
    reason: `No experiment planned for ${input.nextWeek}`,
    why: `You get this once after an experiment ends with nothing planned next, because you lead ${input.teamName}.`,
    blocks: [
      {
        kind: 'p',
        text: `${input.teamName} has no ownership experiment planned for ${input.nextWeek}. The team page suggests what to try next, based on what worked in ${to.orgName}.`,
      },
      {
        kind: 'action',
        action: { label: 'Plan an experiment', url: link(config, `/teams/${input.teamId}`) },
      },
    ],
  });
}

export interface DigestFigures {
  week: string;
  /** Org engagement of the last closed weeks, oldest first; null where hidden. */
  trend: { week: string; engagement: number | null; participation: number | null }[];
  /** Teams whose published engagement dropped most from the week before. */
  drops: { teamName: string; from: number; to: number }[];
  completed: { title: string; teamName: string }[];
}

export function digestMessage(
  config: Config,
  to: Recipient & { userId: string },
  input: DigestFigures,
): Message {
  const trendFacts: [string, string][] = input.trend.map((t) => [
    t.week,
    t.engagement === null
      ? 'hidden to protect a small group'
      : `engagement ${t.engagement.toFixed(0)} of 100, participation ${Math.round((t.participation ?? 0) * 100)} %`,
  ]);
  const blocks: Block[] = [
    { kind: 'p', text: `Week ${input.week} has closed. ${to.orgName} over the last weeks:` },
    { kind: 'facts', facts: trendFacts },
    input.drops.length > 0
      ? {
          kind: 'facts',
          facts: input.drops.map((d) => [
            `Dropped most: ${d.teamName}`,
            `${d.from.toFixed(0)} → ${d.to.toFixed(0)} of 100`,
          ]),
        }
      : { kind: 'p', text: 'No team with published figures dropped from the week before.' },
    input.completed.length > 0
      ? {
          kind: 'facts',
          facts: input.completed.map((c) => [`Experiment completed`, `${c.title} (${c.teamName})`]),
        }
      : { kind: 'p', text: 'No experiment completed this week.' },
    { kind: 'action', action: { label: 'Open the organisation page', url: link(config, '/org') } },
  ];
  return letter(config, to, {
    kind: 'digest',
    key: `digest:${to.userId}:${input.week}`,
    subject: `${to.orgName}: weekly digest for ${input.week}`,
    reason: `Week ${input.week} closed`,
    why: 'You get this because you are an admin. Only published figures are shown.',
    blocks,
  });
}

/** The words of a reset e-mail without its link, which is made only when it is sent. */
export function passwordResetMessage(
  config: Config,
  to: Recipient & { userId: string },
  input: { resetId: string },
): Message {
  return letter(config, to, {
    kind: 'password_reset',
    key: `password_reset:${input.resetId}`,
    subject: 'Reset your Leeway password',
    reason: 'Password reset asked for',
    why: 'You get this because someone asked to reset the password of this address. If it was not you, ignore it.',
    blocks: [
      {
        kind: 'p',
        text: 'Someone (hopefully you) asked to reset your Leeway password. The link works once, for 30 minutes.',
      },
      { kind: 'action', action: { label: 'Choose a new password', url: RESET_LINK_PLACEHOLDER } },
    ],
  });
}

/** Stands in the stored body for the reset link, which is never stored (only its hash is). */
export const RESET_LINK_PLACEHOLDER = '[the link is made when the e-mail is sent and never kept]';
export const resetLink = (config: Config, token: string) =>
  `${linkBase(config)}/reset-password?token=${encodeURIComponent(token)}`;

export type { NotificationKind };
