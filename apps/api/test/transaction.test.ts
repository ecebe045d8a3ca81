import type { Db } from '@leeway/db';
import { describe, expect, it } from 'vitest';
import { AppError } from '../src/lib/errors.ts';
import { inTransaction } from '../src/lib/transaction.ts';

const lost = () =>
  Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' });

/** A database whose transaction runs `work`, then fails the way `fail` says. */
function database(fail: 'during work' | 'at commit' | 'never'): Db {
  return {
    async transaction(work: (tx: unknown) => Promise<unknown>) {
      if (fail === 'during work') throw lost();
      const result = await work({});
      if (fail === 'at commit') throw lost();
      return result;
    },
  } as unknown as Db;
}

describe('inTransaction', () => {
  it('returns what the work returns', async () => {
    expect(await inTransaction(database('never'), async () => 42)).toBe(42);
  });

  it('passes on a lost connection before the work is done: nothing was stored', async () => {
    await expect(inTransaction(database('during work'), async () => 1)).rejects.toMatchObject({
      code: 'CONNECTION_CLOSED',
    });
  });

  it('answers "outcome unknown" when the connection is lost once the work is done', async () => {
    const error = await inTransaction(database('at commit'), async () => 1).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'outcome_unknown', status: 503 });
    expect(error.cause).toMatchObject({ code: 'CONNECTION_CLOSED' });
  });

  it('passes on an error of the work itself', async () => {
    const conflict = new AppError('conflict', 'already answered');
    await expect(
      inTransaction(database('never'), async () => {
        throw conflict;
      }),
    ).rejects.toBe(conflict);
  });
});
