import type { Db, Executor } from '@leeway/db';
import { AppError, isDatabaseUnavailable } from './errors.ts';

/**
 * Runs `work` in one transaction. Losing the database before `work` is done rolls everything
 * back, so that failure is an honest "nothing was stored". Losing it once `work` is done, while
 * COMMIT is on its way, leaves nobody able to tell whether the transaction landed: that is
 * answered as `outcome_unknown` (503), so the client checks before it repeats the request.
 */
export async function inTransaction<T>(db: Db, work: (tx: Executor) => Promise<T>): Promise<T> {
  let committing = false;
  try {
    return await db.transaction(async (tx) => {
      const result = await work(tx);
      committing = true;
      return result;
    });
  } catch (error) {
    if (!committing || !isDatabaseUnavailable(error)) throw error;
    const unknown = new AppError(
      'outcome_unknown',
      'The database became unavailable while saving, so this may or may not have been saved. Reload to see before trying again.',
    );
    unknown.cause = error;
    throw unknown;
  }
}
