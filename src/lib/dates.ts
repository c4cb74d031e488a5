/** Vietnam is UTC+7 all year (no daylight saving): the calendar date of an instant there. */
export function vnDate(instant: Date = new Date()): string {
  return new Date(instant.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
