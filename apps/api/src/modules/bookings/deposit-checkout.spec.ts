import { checkoutExpiry } from './deposit-checkout';

const bookedAt = new Date('2026-12-04T10:00:00.000Z');
const minutesAfter = (minutes: number) => new Date(bookedAt.getTime() + minutes * 60_000);

describe('checkoutExpiry', () => {
  it.each([
    [30, 35],
    [90, 95],
    [1435, 1440],
    // Stripe refuses more than 24 hours: the slack stops there.
    [1440, 1440],
  ])('a %i-minute payment window keeps the session open until %i minutes after booking', (window, open) => {
    expect(checkoutExpiry(minutesAfter(window), bookedAt)).toEqual(minutesAfter(open));
  });
});
