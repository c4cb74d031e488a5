import { customType, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Primary keys are server-generated UUIDs: ids are exposed in URLs and must not be guessable in order. */
export const id = () => uuid().primaryKey().defaultRandom();

export const timestamps = () => ({
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** PostgreSQL ltree (materialised path of the organisation tree; labels are ids without dashes). */
export const ltree = customType<{ data: string }>({ dataType: () => 'ltree' });
