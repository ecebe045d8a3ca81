import { DEFAULT_MIN_GROUP_SIZE } from '@leeway/domain/suppression';
import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { newId } from './id.ts';

export const orgs = pgTable('orgs', {
  id: text().primaryKey().$defaultFn(newId),
  name: text().notNull(),
  /** The zone of the week in progress and of later weeks. */
  timezone: text().notNull().default('UTC'),
  /** Zones of weeks before the last change of zone: `untilWeek` inclusive, sorted. */
  earlierZones: jsonb().$type<{ untilWeek: string; timezone: string }[]>().notNull().default([]),
  minGroupSize: integer().notNull().default(DEFAULT_MIN_GROUP_SIZE),
  baselineWeeks: integer().notNull().default(2),
  /** Local time (HH:MM) on Monday when people are told the pulse is open. */
  pulseOpensAt: text().notNull().default('09:00'),
  /** The day and local time of the one reminder to people who have not answered. */
  reminderDay: text({
    enum: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
  })
    .notNull()
    .default('thursday'),
  reminderAt: text().notNull().default('09:00'),
  createdAt: timestamp({ withTimezone: true }).notNull(),
});
