import { describe, expect, it } from 'vitest';
import { formatLocal, localMoment } from '../src/local-time.ts';

describe('localMoment: a wall-clock time of an org’s week, DST-safe', () => {
  it('keeps 09:00 local across the change to and from summer time', () => {
    // Europe/Berlin: CET (UTC+1) until Sunday 28 March 2027, CEST (UTC+2) until 31 October 2027.
    expect(localMoment('2027-W12', 'Europe/Berlin', 'monday', '09:00').toISOString()).toBe(
      '2027-03-22T08:00:00.000Z',
    );
    expect(localMoment('2027-W13', 'Europe/Berlin', 'monday', '09:00').toISOString()).toBe(
      '2027-03-29T07:00:00.000Z',
    );
    expect(localMoment('2027-W44', 'Europe/Berlin', 'thursday', '09:00').toISOString()).toBe(
      '2027-11-04T08:00:00.000Z',
    );
    expect(localMoment('2027-W11', 'America/New_York', 'thursday', '17:30').toISOString()).toBe(
      '2027-03-18T21:30:00.000Z',
    );
  });

  it('moves a time inside a spring-forward gap forward by the gap', () => {
    // Sunday 28 March 2027, 02:30 does not exist in Berlin: it is 03:30 CEST.
    expect(localMoment('2027-W12', 'Europe/Berlin', 'sunday', '02:30').toISOString()).toBe(
      '2027-03-28T01:30:00.000Z',
    );
  });

  it('uses the zone the week was kept in when the org changed zone later', () => {
    const calendar = {
      timezone: 'Asia/Tokyo',
      earlierZones: [{ untilWeek: '2027-W10', timezone: 'Europe/London' }],
    };
    expect(localMoment('2027-W10', calendar, 'monday', '09:00').toISOString()).toBe(
      '2027-03-08T09:00:00.000Z',
    );
    expect(localMoment('2027-W11', calendar, 'monday', '09:00').toISOString()).toBe(
      '2027-03-15T00:00:00.000Z',
    );
  });

  it('formats a time as the org reads it, zone shown', () => {
    expect(formatLocal(new Date('2027-03-29T07:00:00Z'), 'Europe/Berlin')).toBe(
      'Monday 29 March 2027, 09:00 (Europe/Berlin)',
    );
  });
});
