import { DEFAULT_BOOKING_POLICY, type BookingPolicy } from '@frontdesk/contracts';
import { validateBookingPolicy } from './booking-policy';

const policy = (changes: Partial<Record<keyof BookingPolicy, unknown>>) =>
  ({ ...DEFAULT_BOOKING_POLICY, ...changes }) as BookingPolicy;

describe('validateBookingPolicy', () => {
  it.each([
    ['the defaults', policy({})],
    ['the lower bounds', policy({ minNoticeMinutes: 0, maxAdvanceDays: 0, slotIntervalMinutes: 5, cancellationNoticeHours: 0 })],
    [
      'the upper bounds',
      policy({ minNoticeMinutes: 525_600, maxAdvanceDays: 730, slotIntervalMinutes: 720, cancellationNoticeHours: 8_760 }),
    ],
    ['a same-day cutoff', policy({ sameDayCutoff: '12:00' })],
    ['a cutoff at midnight', policy({ sameDayCutoff: '00:00' })],
  ])('accepts %s', (_name, value) => {
    expect(validateBookingPolicy(value)).toEqual([]);
  });

  it.each([
    ['negative notice', policy({ minNoticeMinutes: -1 }), ['minNoticeMinutes must be a whole number from 0 to 525600']],
    [
      'more than a year of notice',
      policy({ minNoticeMinutes: 525_601 }),
      ['minNoticeMinutes must be a whole number from 0 to 525600'],
    ],
    [
      'booking more than two years ahead',
      policy({ maxAdvanceDays: 731 }),
      ['maxAdvanceDays must be a whole number from 0 to 730'],
    ],
    [
      'a slot interval under five minutes',
      policy({ slotIntervalMinutes: 4 }),
      ['slotIntervalMinutes must be a whole number from 5 to 720'],
    ],
    [
      'a fractional slot interval',
      policy({ slotIntervalMinutes: 7.5 }),
      ['slotIntervalMinutes must be a whole number from 5 to 720'],
    ],
    [
      'a slot interval over half a day',
      policy({ slotIntervalMinutes: 721 }),
      ['slotIntervalMinutes must be a whole number from 5 to 720'],
    ],
    [
      'negative cancellation notice',
      policy({ cancellationNoticeHours: -24 }),
      ['cancellationNoticeHours must be a whole number from 0 to 8760'],
    ],
    ['a number as a string', policy({ maxAdvanceDays: '30' }), ['maxAdvanceDays must be a whole number from 0 to 730']],
    [
      'an unpadded cutoff',
      policy({ sameDayCutoff: '9:00' }),
      ['sameDayCutoff must be null or a time of day HH:MM between 00:00 and 23:59'],
    ],
    [
      'a cutoff of 24:00',
      policy({ sameDayCutoff: '24:00' }),
      ['sameDayCutoff must be null or a time of day HH:MM between 00:00 and 23:59'],
    ],
    [
      'several problems at once',
      policy({ minNoticeMinutes: -5, slotIntervalMinutes: 0, sameDayCutoff: 'noon' }),
      [
        'minNoticeMinutes must be a whole number from 0 to 525600',
        'slotIntervalMinutes must be a whole number from 5 to 720',
        'sameDayCutoff must be null or a time of day HH:MM between 00:00 and 23:59',
      ],
    ],
  ])('rejects %s', (_name, value, problems) => {
    expect(validateBookingPolicy(value)).toEqual(problems);
  });
});
