import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createMailTransport } from '../mail/transport.ts';
import { type Resolver, systemResolver } from '../webhooks/policy.ts';
import { httpsPoster, type WebhookPoster } from '../webhooks/post.ts';
import { deliverDue } from './delivery.ts';
import { planOrg } from './planner.ts';
import { allOrgs } from './repository.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** DNS as the webhook checks see it. */
    resolveHost: Resolver;
    scheduler: {
      /** Plans every org's due messages, then sends everything due; one run at a time here. */
      runOnce(): Promise<{ planned: number; delivered: number }>;
      /** Sends what is due soon, without waiting (after a request wrote a message). */
      kick(): void;
    };
  }
}

export interface SchedulerOptions {
  /** Chat delivery and the DNS it checks: tests pass their own. */
  webhooks?: { post?: WebhookPoster; resolve?: Resolver } | undefined;
}

/**
 * The job scheduler (docs/adr/0008-messaging-scheduler.md): every instance runs it every
 * SCHEDULER interval; the outbox's unique keys and leases make any number of them safe.
 */
async function scheduler(app: FastifyInstance, options: SchedulerOptions) {
  const mail = createMailTransport(app.config);
  const resolve = options.webhooks?.resolve ?? systemResolver;
  app.decorate('resolveHost', resolve);
  const deps = {
    db: app.db,
    clock: app.clock,
    config: app.config,
    mail,
    postWebhook: options.webhooks?.post ?? httpsPoster(resolve),
  };
  let chain: Promise<unknown> = Promise.resolve();
  let closing = false;

  const run = async () => {
    let planned = 0;
    for (const org of await allOrgs(app.db)) planned += await planOrg(deps, org);
    const delivered = await deliverDue(deps);
    return { planned, delivered };
  };
  const runOnce = () => {
    const next = chain.then(run, run);
    chain = next.catch(() => {});
    return next;
  };
  // At most one background run waits behind the current one: a slow run never piles up more.
  let waiting = false;
  const background = (what: () => Promise<unknown>) => {
    if (closing || waiting) return;
    waiting = true;
    const start = () => {
      waiting = false;
      return what();
    };
    const next = chain.then(start, start);
    chain = next.catch((error) => app.log.error({ err: error }, 'messaging run failed'));
  };

  app.decorate('scheduler', {
    runOnce,
    kick: () => {
      if (app.config.schedulerIntervalMs > 0) background(() => deliverDue(deps));
    },
  });

  let timer: NodeJS.Timeout | undefined;
  if (app.config.schedulerIntervalMs > 0) {
    app.addHook('onReady', async () => {
      timer = setInterval(() => background(run), app.config.schedulerIntervalMs);
      timer.unref();
      background(run);
    });
  }
  app.addHook('onClose', async () => {
    closing = true;
    if (timer) clearInterval(timer);
    await chain;
    mail?.close();
  });
}

export default fp(scheduler, { name: 'scheduler', dependencies: ['config', 'database'] });
