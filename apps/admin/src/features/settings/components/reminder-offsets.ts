/** Reminder offsets, as the contract bounds them: 5 minutes to 7 days before, at most 4. */
export const MIN_OFFSET_MINUTES = 5;
export const MAX_OFFSET_MINUTES = 10080;
export const MAX_OFFSETS = 4;

export type OffsetUnit = 'minutes' | 'hours' | 'days';

export const UNIT_MINUTES: Record<OffsetUnit, number> = { minutes: 1, hours: 60, days: 1440 };

/** "24 hours before", "2 hours before", "30 minutes before", "7 days before". */
export function offsetLabel(minutes: number): string {
  const { amount, unit } = splitOffset(minutes);
  const name = amount === 1 ? unit.slice(0, -1) : unit;
  return `${amount} ${name} before`;
}

/**
 * The largest whole unit, except that whole days up to two read as hours ("24 hours before", as
 * people say it about an appointment).
 */
export function splitOffset(minutes: number): { amount: number; unit: OffsetUnit } {
  if (minutes % 1440 === 0 && minutes > 2880) return { amount: minutes / 1440, unit: 'days' };
  if (minutes % 60 === 0) return { amount: minutes / 60, unit: 'hours' };
  return { amount: minutes, unit: 'minutes' };
}
