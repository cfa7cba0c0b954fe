import { DEFAULT_DEPOSIT_SETTINGS, type DepositSettings } from '@frontdesk/contracts';
import { DateTime } from 'luxon';
import { type DepositInput, depositFor, inPrimeTime, refundsOnCancel, validateDepositSettings } from './deposit-policy';

const NEW_YORK = 'America/New_York';
const at = (local: string, zone = NEW_YORK) => DateTime.fromISO(local, { zone }).toJSDate();
/** 2026-12-02 is a Wednesday, 2026-12-05 a Saturday. */
const WEDNESDAY_NOON = '2026-12-02T12:00';

const settings = (changes: Partial<DepositSettings> = {}): DepositSettings => ({
  ...DEFAULT_DEPOSIT_SETTINGS,
  enabled: true,
  ...changes,
});

const input = (changes: Partial<DepositInput> & { local?: string } = {}): DepositInput => ({
  settings: settings(),
  currency: 'usd',
  timezone: NEW_YORK,
  service: { priceCents: 4000, deposit: null },
  start: at(changes.local ?? WEDNESDAY_NOON),
  customer: { noShowCount: 0 },
  riskTier: null,
  ...changes,
});

describe('depositFor', () => {
  it.each<[string, Partial<DepositInput> & { local?: string }, number, string[]]>([
    ['no rule at all', {}, 0, []],
    ['the default fixed rule', { settings: settings({ default: { type: 'fixed', amountCents: 1000 } }) }, 1000, ['default']],
    ['the default percent rule', { settings: settings({ default: { type: 'percent', percent: 25 } }) }, 1000, ['default']],
    [
      "the service's own rule instead of the default",
      {
        settings: settings({ default: { type: 'fixed', amountCents: 3000 } }),
        service: { priceCents: 4000, deposit: { type: 'fixed', amountCents: 500 } },
      },
      500,
      ['service'],
    ],
    [
      "a service's own 'none' over a default",
      {
        settings: settings({ default: { type: 'fixed', amountCents: 3000 } }),
        service: { priceCents: 4000, deposit: { type: 'none' } },
      },
      0,
      [],
    ],
    [
      'weekend on a Saturday',
      { local: '2026-12-05T10:00', settings: settings({ weekend: { rule: { type: 'fixed', amountCents: 2000 } } }) },
      2000,
      ['weekend'],
    ],
    [
      'no weekend rule on a Wednesday',
      { settings: settings({ weekend: { rule: { type: 'fixed', amountCents: 2000 } } }) },
      0,
      [],
    ],
    [
      'the largest rule wins: weekend over the default',
      {
        local: '2026-12-06T10:00',
        settings: settings({
          default: { type: 'fixed', amountCents: 1000 },
          weekend: { rule: { type: 'percent', percent: 50 } },
        }),
      },
      2000,
      ['weekend'],
    ],
    [
      'repeat no-show at the threshold',
      {
        customer: { noShowCount: 2 },
        settings: settings({ repeatNoShow: { threshold: 2, rule: { type: 'percent', percent: 100 } } }),
      },
      4000,
      ['repeat_no_show'],
    ],
    [
      'repeat no-show below the threshold',
      {
        customer: { noShowCount: 1 },
        settings: settings({ repeatNoShow: { threshold: 2, rule: { type: 'percent', percent: 100 } } }),
      },
      0,
      [],
    ],
    [
      'high risk',
      { riskTier: 'high', settings: settings({ highRisk: { rule: { type: 'fixed', amountCents: 1500 } } }) },
      1500,
      ['high_risk'],
    ],
    [
      'medium risk is not high risk',
      { riskTier: 'medium', settings: settings({ highRisk: { rule: { type: 'fixed', amountCents: 1500 } } }) },
      0,
      [],
    ],
    [
      'rules that tie are all named',
      {
        local: '2026-12-05T10:00',
        settings: settings({
          default: { type: 'fixed', amountCents: 2000 },
          weekend: { rule: { type: 'percent', percent: 50 } },
        }),
      },
      2000,
      ['default', 'weekend'],
    ],
    ['capped at the price', { settings: settings({ default: { type: 'fixed', amountCents: 9000 } }) }, 4000, ['default']],
    ["raised to Stripe's minimum", { settings: settings({ default: { type: 'fixed', amountCents: 10 } }) }, 50, ['default']],
    [
      'raised to the minimum but still capped at the price',
      {
        service: { priceCents: 40, deposit: null },
        settings: settings({ default: { type: 'fixed', amountCents: 10 } }),
      },
      40,
      ['default'],
    ],
    [
      'a percent rounded half up',
      { service: { priceCents: 1050, deposit: null }, settings: settings({ default: { type: 'percent', percent: 5 } }) },
      53, // 52.5 → 53
      ['default'],
    ],
    [
      "GBP's minimum of 30 pence",
      { currency: 'gbp', settings: settings({ default: { type: 'fixed', amountCents: 20 } }) },
      30,
      ['default'],
    ],
    [
      "MXN's minimum of 10 pesos (1000 centavos)",
      {
        currency: 'mxn',
        service: { priceCents: 50000, deposit: null },
        settings: settings({ default: { type: 'fixed', amountCents: 500 } }),
      },
      1000,
      ['default'],
    ],
    [
      'a currency without cents (JPY): minor units are yen',
      {
        currency: 'jpy',
        service: { priceCents: 5000, deposit: null },
        settings: settings({ default: { type: 'percent', percent: 10 } }),
      },
      500,
      ['default'],
    ],
    [
      "JPY's minimum of 50 yen",
      {
        currency: 'jpy',
        service: { priceCents: 5000, deposit: null },
        settings: settings({ default: { type: 'fixed', amountCents: 30 } }),
      },
      50,
      ['default'],
    ],
    [
      'a currency with no known minimum is not raised',
      { currency: 'xyz', settings: settings({ default: { type: 'fixed', amountCents: 10 } }) },
      10,
      ['default'],
    ],
    ['a free service needs nothing', { service: { priceCents: 0, deposit: { type: 'fixed', amountCents: 500 } } }, 0, []],
  ])('%s', (_name, changes, amountCents, reasons) => {
    expect(depositFor(input(changes))).toEqual({ amountCents, reasons });
  });

  describe('prime time', () => {
    const evenings = settings({
      primeTime: {
        windows: [{ days: ['fri', 'sat'], start: '16:00', end: '20:00' }],
        rule: { type: 'fixed', amountCents: 1200 },
      },
    });
    const lateNights = settings({
      primeTime: { windows: [{ days: ['fri'], start: '22:00', end: '02:00' }], rule: { type: 'fixed', amountCents: 1200 } },
    });

    it.each([
      ['at the start of the window', evenings, '2026-12-04T16:00', 1200],
      ['inside it', evenings, '2026-12-05T19:45', 1200],
      ['at its end (the end is outside)', evenings, '2026-12-04T20:00', 0],
      ['before it', evenings, '2026-12-04T15:59', 0],
      ['on a day it does not name', evenings, '2026-12-03T17:00', 0],
      ['before midnight, on the day it starts', lateNights, '2026-12-04T23:30', 1200],
      ['after midnight, on the next day', lateNights, '2026-12-05T01:30', 1200],
      ['after midnight, at its end', lateNights, '2026-12-05T02:00', 0],
      ['after midnight of a day it does not start on', lateNights, '2026-12-04T01:30', 0],
      ['before its start on the next day', lateNights, '2026-12-05T22:30', 0],
    ])('%s', (_name, prime, local, amountCents) => {
      expect(depositFor(input({ settings: prime, local })).amountCents).toBe(amountCents);
    });

    it('reads the local wall clock across both DST changes', () => {
      const sundayEarly = settings({
        primeTime: { windows: [{ days: ['sun'], start: '01:00', end: '03:00' }], rule: { type: 'fixed', amountCents: 700 } },
      });
      // 2026-03-08: New York jumps from 02:00 to 03:00; 03:00 local is after the window.
      expect(depositFor(input({ settings: sundayEarly, start: new Date('2026-03-08T06:59:00Z') })).amountCents).toBe(700); // 01:59 EST
      expect(depositFor(input({ settings: sundayEarly, start: new Date('2026-03-08T07:00:00Z') })).amountCents).toBe(0); // 03:00 EDT
      // 2026-11-01: 01:30 happens twice; both are in the window, 03:00 is not.
      expect(depositFor(input({ settings: sundayEarly, start: new Date('2026-11-01T05:30:00Z') })).amountCents).toBe(700); // 01:30 EDT
      expect(depositFor(input({ settings: sundayEarly, start: new Date('2026-11-01T06:30:00Z') })).amountCents).toBe(700); // 01:30 EST
      expect(depositFor(input({ settings: sundayEarly, start: new Date('2026-11-01T08:00:00Z') })).amountCents).toBe(0); // 03:00 EST
    });

    it('uses the tenant zone, not the server zone, for the weekday', () => {
      const weekend = settings({ weekend: { rule: { type: 'fixed', amountCents: 900 } } });
      // Saturday 01:00 in Tokyo is still Friday in UTC and in New York.
      const saturdayInTokyo = at('2026-12-05T01:00', 'Asia/Tokyo');
      expect(depositFor(input({ settings: weekend, timezone: 'Asia/Tokyo', start: saturdayInTokyo })).amountCents).toBe(900);
      expect(depositFor(input({ settings: weekend, timezone: NEW_YORK, start: saturdayInTokyo })).amountCents).toBe(0);
    });
  });

  it('inPrimeTime: a window may span midnight only from the days it names', () => {
    const window = { days: ['sun' as const], start: '23:00', end: '01:00' };
    expect(inPrimeTime(window, 'sun', 23 * 60 + 30)).toBe(true);
    expect(inPrimeTime(window, 'mon', 30)).toBe(true);
    expect(inPrimeTime(window, 'sun', 30)).toBe(false);
  });
});

describe('validateDepositSettings', () => {
  it('accepts the defaults and a full set of rules', () => {
    expect(validateDepositSettings(DEFAULT_DEPOSIT_SETTINGS)).toEqual([]);
    expect(
      validateDepositSettings(
        settings({
          default: { type: 'percent', percent: 20 },
          primeTime: { windows: [{ days: ['fri'], start: '22:00', end: '02:00' }], rule: { type: 'fixed', amountCents: 500 } },
          weekend: { rule: { type: 'none' } },
          repeatNoShow: { threshold: 1, rule: { type: 'percent', percent: 100 } },
          highRisk: { rule: { type: 'fixed', amountCents: 1 } },
          paymentWindowMinutes: 1440,
        }),
      ),
    ).toEqual([]);
  });

  it.each<[string, Partial<DepositSettings>, string]>([
    ['a window of 29 minutes', { paymentWindowMinutes: 29 }, 'paymentWindowMinutes must be a whole number from 30 to 1440'],
    [
      'a window of a day and a minute',
      { paymentWindowMinutes: 1441 },
      'paymentWindowMinutes must be a whole number from 30 to 1440',
    ],
    ['a percent of 0', { default: { type: 'percent', percent: 0 } }, 'default.percent must be a whole number from 1 to 100'],
    [
      'a percent over 100',
      { default: { type: 'percent', percent: 101 } },
      'default.percent must be a whole number from 1 to 100',
    ],
    [
      'a fraction of a cent',
      { default: { type: 'fixed', amountCents: 10.5 } },
      'default.amountCents must be a whole number of minor units from 1 to 100000000',
    ],
    ['an unknown rule type', { default: { type: 'half' } as never }, 'default.type must be one of none, fixed, percent'],
    [
      'a prime time without windows',
      { primeTime: { windows: [], rule: { type: 'none' } } },
      'primeTime.windows must list at least one window',
    ],
    [
      'a window on an unknown day',
      { primeTime: { windows: [{ days: ['fri', 'fun' as never], start: '16:00', end: '20:00' }], rule: { type: 'none' } } },
      'primeTime.windows[0].days must list distinct weekdays (mon, tue, wed, thu, fri, sat, sun)',
    ],
    [
      'a window with a day twice',
      { primeTime: { windows: [{ days: ['fri', 'fri'], start: '16:00', end: '20:00' }], rule: { type: 'none' } } },
      'primeTime.windows[0].days must list distinct weekdays (mon, tue, wed, thu, fri, sat, sun)',
    ],
    [
      'a window of no length',
      { primeTime: { windows: [{ days: ['fri'], start: '16:00', end: '16:00' }], rule: { type: 'none' } } },
      'primeTime.windows[0].start and .end must differ',
    ],
    [
      'a window ending at 24:00',
      { primeTime: { windows: [{ days: ['fri'], start: '16:00', end: '24:00' }], rule: { type: 'none' } } },
      'primeTime.windows[0].start and .end must be times of day HH:MM',
    ],
    [
      'a no-show threshold of 0',
      { repeatNoShow: { threshold: 0, rule: { type: 'fixed', amountCents: 100 } } },
      'repeatNoShow.threshold must be a whole number from 1 to 100',
    ],
  ])('refuses %s', (_name, changes, problem) => {
    expect(validateDepositSettings(settings(changes))).toEqual([problem]);
  });
});

describe('refundsOnCancel', () => {
  const start = new Date('2026-12-05T17:00:00Z');
  const hoursBefore = (h: number) => new Date(start.getTime() - h * 3_600_000);
  it.each([
    ['paid, timely, policy on', { paid: true, refundOnTimelyCancel: true, now: hoursBefore(24) }, true],
    ['paid, just inside the notice', { paid: true, refundOnTimelyCancel: true, now: hoursBefore(23.99) }, false],
    ['paid, timely, policy off', { paid: true, refundOnTimelyCancel: false, now: hoursBefore(48) }, false],
    ['nothing paid', { paid: false, refundOnTimelyCancel: true, now: hoursBefore(48) }, false],
  ])('%s', (_name, input, expected) => {
    expect(refundsOnCancel({ ...input, start, cancellationNoticeHours: 24 })).toBe(expected);
  });
});
