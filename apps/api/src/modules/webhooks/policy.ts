import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/**
 * Which URLs a team may connect as its chat channel: https only, only Slack's and Microsoft
 * Teams' incoming-webhook hosts, no credentials, no other port, and never a private address
 * (checked again on every send, against what the name resolves to then).
 */
export type ChatService = 'slack' | 'teams';

const SLACK_HOSTS = new Set(['hooks.slack.com']);
/** Teams incoming webhooks (Office 365 connectors and Power Automate workflows). */
const TEAMS_SUFFIXES = [
  '.webhook.office.com',
  '.logic.azure.com',
  '.environment.api.powerplatform.com',
];
const TEAMS_HOSTS = new Set(['outlook.office.com', 'outlook.office365.com']);

export type UrlVerdict = { ok: true; service: ChatService; url: URL } | { ok: false; why: string };

export function checkWebhookUrl(raw: string): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, why: 'is not a URL' };
  }
  if (url.protocol !== 'https:') return { ok: false, why: 'must start with https://' };
  if (url.username || url.password) return { ok: false, why: 'must not carry a user or password' };
  if (url.port !== '' && url.port !== '443') return { ok: false, why: 'must use the https port' };
  const host = url.hostname.toLowerCase();
  if (ipaddr.isValid(host.replace(/^\[|\]$/g, '')))
    return { ok: false, why: 'must name a Slack or Microsoft Teams host, not an address' };
  if (SLACK_HOSTS.has(host)) {
    if (!url.pathname.startsWith('/services/') && !url.pathname.startsWith('/workflows/'))
      return { ok: false, why: 'is not a Slack incoming-webhook URL' };
    return { ok: true, service: 'slack', url };
  }
  if (
    TEAMS_HOSTS.has(host) ||
    TEAMS_SUFFIXES.some((s) => host.endsWith(s) && host.length > s.length)
  ) {
    return { ok: true, service: 'teams', url };
  }
  return {
    ok: false,
    why: 'must be a Slack (hooks.slack.com) or Microsoft Teams (*.webhook.office.com) incoming-webhook URL',
  };
}

/** Loopback, private, link-local, carrier-grade NAT, unique-local, multicast, reserved… */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

export type Resolver = (host: string) => Promise<string[]>;
export const systemResolver: Resolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Every address the host resolves to must be public; one private one and the URL is refused. */
export async function resolvesPublicly(host: string, resolve: Resolver): Promise<boolean> {
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    return false;
  }
  return addresses.length > 0 && addresses.every(isPublicAddress);
}
