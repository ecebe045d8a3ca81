export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};

export interface ManualClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

function toEpochMs(at: Date | string): number {
  const ms = (typeof at === 'string' ? new Date(at) : at).getTime();
  if (Number.isNaN(ms)) {
    throw new RangeError(`Invalid clock time: ${String(at)}`);
  }
  return ms;
}

/** A clock that only moves when told to; every `now()` returns a fresh Date copy. */
export function manualClock(at: Date | string): ManualClock {
  let current = toEpochMs(at);
  return {
    now: () => new Date(current),
    set: (next) => {
      current = toEpochMs(next);
    },
    advance: (ms) => {
      if (!Number.isFinite(ms)) {
        throw new RangeError(`Invalid clock advance: ${ms}`);
      }
      current += ms;
    },
  };
}
