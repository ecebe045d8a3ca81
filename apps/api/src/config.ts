import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  jwtSecret: string;
  seedDemo: boolean | undefined;
  redisUrl: string | undefined;
  /** The base of every link in a message (required in production); see `linkBase`. */
  publicUrl: string | undefined;
  /** `smtp://user:pass@host:587` or `smtps://…`; unset: e-mails are only kept in the outbox. */
  smtpUrl: string | undefined;
  /** The From of every e-mail, e.g. `Leeway <leeway@example.com>`. */
  mailFrom: string;
  /** How often the scheduler looks for due messages; 0 = only when asked (tests). */
  schedulerIntervalMs: number;
  logLevel: string;
  webDist: string | undefined;
  sessionTtlSeconds: number;
  invitationTtlDays: number;
  /** A client must send a whole request (headers and body) within this, or gets 408 and is cut off. */
  requestTimeoutMs: number;
  /** A socket with no traffic at all is closed after this. */
  connectionTimeoutMs: number;
  /** Login attempts allowed per window, per account and per client address. */
  loginRateLimit: { perAccount: number; perAddress: number; windowMs: number };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function portOf(env: Env): number {
  const raw = env.PORT ?? '3000';
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) {
    throw new ConfigError('PORT', `must be an integer between 1 and 65535 (got "${raw}")`);
  }
  return Number(raw);
}

function booleanOf(env: Env, name: string): boolean | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, `must be "true" or "false" (got "${raw}")`);
}

function urlOf(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be a URL');
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

/** An address, optionally with a display name: `a@b.c` or `Name <a@b.c>`; never CR or LF. */
function mailFromOf(env: Env): string {
  const raw = env.MAIL_FROM;
  if (raw === undefined || raw === '') return 'Leeway <leeway@localhost>';
  if (
    /[\r\n]/.test(raw) ||
    !/^(?:[^<>@"]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/.test(raw.trim())
  ) {
    throw new ConfigError(
      'MAIL_FROM',
      `must be an e-mail address, optionally with a name: "Leeway <leeway@example.com>" (got "${raw}")`,
    );
  }
  return raw.trim();
}

function smtpUrlOf(env: Env): string | undefined {
  const raw = urlOf(env, 'SMTP_URL', ['smtp:', 'smtps:']);
  if (raw === undefined) return undefined;
  const url = new URL(raw);
  if (url.hostname === '') throw new ConfigError('SMTP_URL', 'must name a host: smtp://host:587');
  if (url.port !== '' && (Number(url.port) < 1 || Number(url.port) > 65535)) {
    throw new ConfigError('SMTP_URL', 'has an invalid port');
  }
  return raw;
}

/** 256 bits written as 64 hex characters (or longer secrets of any alphabet). */
const MIN_SECRET_CHARS = 43;

function jwtSecretOf(env: Env, nodeEnv: Config['nodeEnv'], dataDir: string): string {
  const raw = env.JWT_SECRET;
  if (raw !== undefined && raw !== '') {
    if (raw.length < MIN_SECRET_CHARS) {
      throw new ConfigError(
        'JWT_SECRET',
        `must hold at least 256 bits (${MIN_SECRET_CHARS}+ characters, e.g. \`openssl rand -base64 48\`)`,
      );
    }
    return raw;
  }
  if (nodeEnv === 'production') throw new ConfigError('JWT_SECRET', 'is required in production');
  if (dataDir.startsWith('memory://')) return randomBytes(48).toString('base64url');
  // Development: generate once and keep it beside the embedded database so sessions survive restarts.
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

/** `LOGIN_RATE_LIMIT=perAccount,perAddress,windowSeconds`, default 10,100,900. */
function loginRateLimitOf(env: Env): Config['loginRateLimit'] {
  const raw = env.LOGIN_RATE_LIMIT ?? '10,100,900';
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.length !== 3 || parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1)) {
    throw new ConfigError(
      'LOGIN_RATE_LIMIT',
      `must be "perAccount,perAddress,windowSeconds", e.g. 10,100,900 (got "${raw}")`,
    );
  }
  const [perAccount, perAddress, seconds] = parts.map(Number) as [number, number, number];
  return { perAccount, perAddress, windowMs: seconds * 1000 };
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnvRaw = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    throw new ConfigError(
      'NODE_ENV',
      `must be development, production or test (got "${nodeEnvRaw}")`,
    );
  }
  const nodeEnv = nodeEnvRaw as Config['nodeEnv'];
  const port = portOf(env);
  const host = env.HOST ?? '127.0.0.1';
  if (host.trim() === '') throw new ConfigError('HOST', 'must not be empty');
  const databaseUrl = urlOf(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const dataDirRaw = env.DATA_DIR ?? './.leeway-data';
  if (dataDirRaw.trim() === '') throw new ConfigError('DATA_DIR', 'must not be empty');
  const dataDir = dataDirRaw.startsWith('memory://') ? dataDirRaw : resolve(dataDirRaw);
  const logLevel = env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(
      'LOG_LEVEL',
      `must be one of fatal, error, warn, info, debug, trace, silent`,
    );
  }
  const jwtSecret = jwtSecretOf(env, nodeEnv, dataDir);
  const publicUrl = urlOf(env, 'PUBLIC_URL', ['http:', 'https:']);
  if (nodeEnv === 'production' && !publicUrl) {
    throw new ConfigError(
      'PUBLIC_URL',
      'is required in production: every link in a message is built from it',
    );
  }
  return {
    nodeEnv,
    port,
    host,
    databaseUrl,
    dataDir,
    jwtSecret,
    seedDemo: booleanOf(env, 'SEED_DEMO'),
    redisUrl: urlOf(env, 'REDIS_URL', ['redis:', 'rediss:']),
    publicUrl: publicUrl?.replace(/\/+$/, ''),
    smtpUrl: smtpUrlOf(env),
    mailFrom: mailFromOf(env),
    schedulerIntervalMs: nodeEnv === 'test' ? 0 : 15_000,
    logLevel,
    webDist: env.WEB_DIST,
    sessionTtlSeconds: 14 * 24 * 60 * 60,
    invitationTtlDays: 7,
    requestTimeoutMs: 30_000,
    connectionTimeoutMs: 60_000,
    loginRateLimit: loginRateLimitOf(env),
  };
}

/** The base of links in messages: PUBLIC_URL, or this server's own address in development. */
export const linkBase = (config: Config) =>
  config.publicUrl ??
  `http://${config.host === '127.0.0.1' ? 'localhost' : config.host}:${config.port}`;
