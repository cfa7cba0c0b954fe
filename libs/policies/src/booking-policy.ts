import type { BookingPolicy } from '@frontdesk/contracts';

type WholeNumberField = Exclude<keyof BookingPolicy, 'sameDayCutoff'>;

/**
 * Inclusive bounds of each whole-number policy field. The upper bounds keep the values
 * meaningful (a year of notice, two years ahead, one slot a half day) and match the
 * database's check constraints, so a value that passes here never fails there.
 */
export const BOOKING_POLICY_LIMITS: Record<WholeNumberField, { min: number; max: number }> = {
  minNoticeMinutes: { min: 0, max: 525_600 },
  maxAdvanceDays: { min: 0, max: 730 },
  slotIntervalMinutes: { min: 5, max: 720 },
  cancellationNoticeHours: { min: 0, max: 8_760 },
};

const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Every problem with a booking policy, each naming its field; empty when valid. */
export function validateBookingPolicy(policy: BookingPolicy): string[] {
  const problems: string[] = [];
  for (const [field, { min, max }] of Object.entries(BOOKING_POLICY_LIMITS) as Array<
    [WholeNumberField, { min: number; max: number }]
  >) {
    const value = policy[field];
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${field} must be a whole number from ${min} to ${max}`);
    }
  }
  if (policy.sameDayCutoff !== null && !(typeof policy.sameDayCutoff === 'string' && LOCAL_TIME.test(policy.sameDayCutoff))) {
    problems.push('sameDayCutoff must be null or a time of day HH:MM between 00:00 and 23:59');
  }
  return problems;
}
