import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { AppError } from '../lib/errors.ts';

type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

declare module 'fastify' {
  interface FastifyInstance {
    loginRateLimits: { perAddress: Guard; perAccount: Guard };
  }
}

/**
 * Login throttling per client address and per account. Counters live in Redis when REDIS_URL is
 * set, so every API instance counts the same attempts; otherwise in this process's memory.
 * rate-limiter-flexible is used because it keeps several independent keys per request
 * (address and account) with one atomic counter each, in memory or Redis alike.
 */
async function rateLimit(app: FastifyInstance) {
  const redis = app.config.redisUrl
    ? new Redis(app.config.redisUrl, {
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        lazyConnect: false,
      })
    : undefined;
  if (redis) app.addHook('onClose', async () => void redis.disconnect());

  const { perAccount, perAddress, windowMs } = app.config.loginRateLimit;
  const limiter = (keyPrefix: string, points: number): RateLimiterAbstract => {
    const options = { keyPrefix, points, duration: Math.ceil(windowMs / 1000) };
    return redis
      ? new RateLimiterRedis({
          ...options,
          storeClient: redis,
          // If Redis is down, fall back to this process's memory rather than refusing every login.
          insuranceLimiter: new RateLimiterMemory(options),
        })
      : new RateLimiterMemory(options);
  };

  const guard =
    (store: RateLimiterAbstract, keyOf: (request: FastifyRequest) => string): Guard =>
    async (request, reply) => {
      try {
        await store.consume(keyOf(request));
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        reply.header('retry-after', String(seconds));
        throw new AppError('rate_limited', `Too many attempts. Try again in ${seconds} seconds.`);
      }
    };

  const addresses = limiter('leeway-login-addr', perAddress);
  const accounts = limiter('leeway-login-acct', perAccount);
  app.decorate('loginRateLimits', {
    perAddress: guard(addresses, (request) => request.ip),
    perAccount: guard(accounts, (request) => {
      const email = (request.body as { email?: unknown } | undefined)?.email;
      return typeof email === 'string' ? email.trim().toLowerCase() : '';
    }),
  });
}

export default fp(rateLimit, { name: 'rate-limit', dependencies: ['config'] });
