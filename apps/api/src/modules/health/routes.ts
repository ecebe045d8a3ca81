import { HealthStatus } from '@leeway/contracts';
import { access } from '../../lib/access.ts';
import { AppError } from '../../lib/errors.ts';
import { errorResponses } from '../../lib/problem.ts';
import type { App } from '../../lib/types.ts';

const READY_TIMEOUT_MS = 1500;

export default async function healthRoutes(app: App) {
  app.get(
    '/api/health/live',
    {
      config: { access: access.anyone() },
      schema: {
        tags: ['health'],
        operationId: 'live',
        summary: 'The process is up',
        response: { 200: HealthStatus, ...errorResponses() },
      },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/api/health/ready',
    {
      config: { access: access.anyone() },
      schema: {
        tags: ['health'],
        operationId: 'ready',
        summary: 'The database answers (503 when it does not)',
        response: { 200: HealthStatus, ...errorResponses(503) },
      },
    },
    async () => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS);
      });
      try {
        await Promise.race([app.database.ping(), timeout]);
        return { status: 'ready' };
      } catch (error) {
        // The shared error path (plugins/errors.ts) writes the problem body and logs the cause.
        const unavailable = new AppError('unavailable', 'The database is not reachable.');
        unavailable.cause = error;
        throw unavailable;
      } finally {
        clearTimeout(timer);
      }
    },
  );
}
