import fc from 'fast-check';
import { WEEKDAYS } from '@frontdesk/contracts';
import { DEFAULT_BUSINESS_RATE, type RiskInput, noShowRisk } from './no-show-risk';

/** A regular: five visits, none missed, booked three days ahead for a Wednesday afternoon. */
const regular: RiskInput = {
  history: { noShows: 0, lateCancels: 0, completed: 5 },
  businessRate: 0.1,
  leadTimeHours: 72,
  unconfirmedAtTwoHours: false,
  depositHeld: false,
  weekday: 'wed',
  hour: 15,
};
const risk = (changes: Partial<RiskInput>) => noShowRisk({ ...regular, ...changes });

describe('noShowRisk', () => {
  it("starts a regular with a clean record below the business's rate, low, with no reasons", () => {
    const r = risk({});
    expect(r.score).toBeLessThan(0.1);
    expect(r).toMatchObject({ tier: 'low', reasons: [] });
  });

  it.each<[string, Partial<RiskInput>, string]>([
    ['prior no-shows', { history: { noShows: 2, lateCancels: 0, completed: 3 } }, 'prior_no_shows'],
    ['late cancellations', { history: { noShows: 0, lateCancels: 3, completed: 5 } }, 'late_cancels'],
    ['booking weeks ahead', { leadTimeHours: 20 * 24 }, 'long_lead_time'],
    ['booking more than a month ahead', { leadTimeHours: 40 * 24 }, 'long_lead_time'],
    ['a first visit', { history: { noShows: 0, lateCancels: 0, completed: 0 } }, 'first_visit'],
    ['an unanswered reminder two hours before', { unconfirmedAtTwoHours: true }, 'unconfirmed'],
    ['an early-morning start', { hour: 8 }, 'early_morning'],
  ])('%s raise the score and are named', (_name, changes, reason) => {
    const r = risk(changes);
    expect(r.score).toBeGreaterThan(risk({}).score);
    expect(r.reasons).toContain(reason);
  });

  it('a Monday raises the score a little', () => {
    expect(risk({ weekday: 'mon' }).score).toBeGreaterThan(risk({}).score);
    expect(risk({ weekday: 'mon' }).reasons).toEqual(['monday']);
  });

  it('a held deposit and a same-day booking lower the score', () => {
    expect(risk({ depositHeld: true }).score).toBeLessThan(risk({}).score);
    expect(risk({ leadTimeHours: 5 }).score).toBeLessThan(risk({}).score);
    expect(risk({ depositHeld: true }).reasons).toEqual([]);
  });

  it("follows the business's own rate, and a default one when it has none", () => {
    expect(risk({ businessRate: 0.3 }).score).toBeGreaterThan(risk({ businessRate: 0.05 }).score);
    expect(risk({ businessRate: null }).score).toBe(risk({ businessRate: DEFAULT_BUSINESS_RATE }).score);
  });

  it('ranks a customer who missed most visits, booked far ahead and did not confirm as high, reasons strongest first', () => {
    const r = risk({
      history: { noShows: 3, lateCancels: 1, completed: 1 },
      leadTimeHours: 45 * 24,
      unconfirmedAtTwoHours: true,
    });
    expect(r.tier).toBe('high');
    expect(r.reasons).toEqual(['prior_no_shows', 'long_lead_time', 'unconfirmed']);
  });

  it('smooths a short history toward the business: one miss in one visit is not a certain miss', () => {
    const r = risk({ history: { noShows: 1, lateCancels: 0, completed: 0 } });
    expect(r.score).toBeLessThan(0.5);
    expect(r.tier).not.toBe('low');
  });

  const inputs = fc.record({
    history: fc.record({ noShows: fc.nat(50), lateCancels: fc.nat(50), completed: fc.nat(200) }),
    businessRate: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
    leadTimeHours: fc.double({ min: 0, max: 24 * 730, noNaN: true }),
    unconfirmedAtTwoHours: fc.boolean(),
    depositHeld: fc.boolean(),
    weekday: fc.constantFrom(...WEEKDAYS),
    hour: fc.integer({ min: 0, max: 23 }),
  });

  it('is a probability, with a tier that matches it and at most three reasons', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const r = noShowRisk(input);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
        expect(r.tier).toBe(r.score >= 0.25 ? 'high' : r.score >= 0.1 ? 'medium' : 'low');
        expect(r.reasons.length).toBeLessThanOrEqual(3);
      }),
      { numRuns: 2000 },
    );
  });

  it('never falls when the customer has missed one more visit', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const more = { ...input, history: { ...input.history, noShows: input.history.noShows + 1 } };
        expect(noShowRisk(more).score).toBeGreaterThanOrEqual(noShowRisk(input).score);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([0.5, 0.95])(
    'rates a first miss at least as risky as a first visit, whatever the business rate (%s)',
    (businessRate) => {
      const unknown = risk({ businessRate, history: { noShows: 0, lateCancels: 0, completed: 0 } });
      const missedOnce = risk({ businessRate, history: { noShows: 1, lateCancels: 0, completed: 0 } });
      expect(missedOnce.score).toBeGreaterThanOrEqual(unknown.score);
    },
  );
});
