import { DateTime } from 'luxon';
import type { Understanding } from '../understanding';
import { step } from './step';
import { ALEX, at, booking, HAIRCUT, SHAVE, smallFacts, understood as u, ZONE } from './test-facts';
import { type Facts, type FactSlot, initialMemory, type Memory, type SlotSearch, type VisitorFacts } from './types';

const JORDAN = 'staff-jordan';
const COLOUR = 'svc-colour';

/**
 * Hourly starts 09:00–16:00, Monday to Saturday, for every service; `taken` lists "service|start"
 * pairs that do not fit (the colour runs 90 minutes, so it is refused where a shorter one fits).
 * Alex alone offers the colour.
 */
function facts(overrides: Partial<Facts> & { taken?: string[] } = {}): Facts {
  const taken = new Set(overrides.taken ?? []);
  const findSlots = (search: SlotSearch) => {
    const slots: FactSlot[] = [];
    for (let day = DateTime.fromISO(search.from, { zone: ZONE }); day.toISODate()! <= search.to; day = day.plus({ days: 1 })) {
      if (day.weekday === 7 || day.toISODate()! < '2026-11-24') continue;
      for (let hour = 9; hour <= 16; hour++) {
        const start = day.set({ hour }).toUTC().toISO()!;
        if (taken.has(`${search.serviceId}|${start}`)) continue;
        const offering = search.serviceId === COLOUR ? [ALEX] : [ALEX, JORDAN];
        const staffIds = search.staffId ? offering.filter((s) => s === search.staffId) : offering;
        if (staffIds.length > 0) slots.push({ start, end: day.set({ hour, minute: 30 }).toUTC().toISO()!, staffIds });
      }
    }
    return { slots, nextFrom: null };
  };
  const { taken: _taken, ...rest } = overrides;
  return smallFacts({
    services: [
      { id: HAIRCUT, name: 'Haircut', durationMinutes: 30, priceCents: 3000 },
      { id: SHAVE, name: 'Shave', durationMinutes: 30, priceCents: 2500 },
      { id: COLOUR, name: 'Colour', durationMinutes: 90, priceCents: 8000 },
    ],
    staff: [
      { id: ALEX, name: 'Alex' },
      { id: JORDAN, name: 'Jordan' },
    ],
    findSlots,
    ...rest,
  });
}

const say = (memory: Memory, understanding: Understanding, f: Facts) =>
  step(memory, { kind: 'message', text: '', understanding }, f);
const fresh = (language: 'en' | 'es' = 'en') => initialMemory(language);
const change = (serviceId: string, details: Partial<Understanding> = {}) =>
  u('reschedule', { serviceId, changesService: true, ...details });

describe('changing the service of a booking', () => {
  it('keeps its time when the new service fits there, and changes it once confirmed', () => {
    const f = facts({ upcoming: [booking('b1', '2026-11-26', '10:00')] });
    const ask = say(fresh(), change(SHAVE, { fromServiceId: HAIRCUT }), f);
    expect(ask.memory).toMatchObject({ state: 'RESCHEDULE_CONFIRM', awaiting: 'confirmation' });
    expect(ask.commands).toEqual([]);
    expect(ask.replies[0].text).toBe('Change your Haircut on Thursday, Nov 26 at 10:00 AM to Shave ($25.00)?');
    const yes = say(ask.memory, u('yes'), f);
    expect(yes.commands).toEqual([
      { type: 'reschedule', bookingId: 'b1', start: at('2026-11-26', '10:00'), staffId: ALEX, serviceId: SHAVE },
    ]);
    expect(yes.replies[0].text).toMatch(/now Shave/);
    expect(yes.memory.state).toBe('IDLE');
  });

  it('answers in Spanish', () => {
    const f = facts({ upcoming: [booking('b1', '2026-11-26', '10:00')] });
    const ask = say(fresh('es'), { ...change(SHAVE), language: 'es' }, f);
    expect(ask.replies[0].text).toMatch(/^¿Cambio tu Haircut del .* por Shave/);
    const yes = say(ask.memory, { ...u('yes'), language: 'es' }, f);
    expect(yes.replies[0].text).toMatch(/^Hecho: tu cita del .* ahora es Shave/);
  });

  it('offers the nearest times when the new service does not fit at the booking time', () => {
    const f = facts({ upcoming: [booking('b1', '2026-11-26', '10:00')], taken: [`${COLOUR}|${at('2026-11-26', '10:00')}`] });
    const r = say(fresh(), change(COLOUR), f);
    expect(r.replies[0].text).toMatch(/Colour doesn't fit on Thursday, Nov 26 at 10:00 AM/);
    expect(r.memory).toMatchObject({ state: 'RESCHEDULE_COLLECTING', awaiting: 'slot_choice' });
    const starts = r.memory.options.map((o) => (o.value.kind === 'slot' ? o.value.start : ''));
    expect(starts).not.toContain(at('2026-11-26', '10:00'));
    const picked = say(r.memory, u('choose', { optionIndex: 0 }), f);
    expect(picked.memory.state).toBe('RESCHEDULE_CONFIRM');
    expect(picked.replies[0].text).toMatch(/^Change your Haircut on .* to Colour on .*\(\$80\.00\)\?$/);
    const yes = say(picked.memory, u('yes'), f);
    expect(yes.commands).toEqual([{ type: 'reschedule', bookingId: 'b1', start: starts[0], staffId: ALEX, serviceId: COLOUR }]);
  });

  it('moves it to the new time the message asks for', () => {
    const f = facts({ upcoming: [booking('b1', '2026-11-26', '10:00')] });
    const ask = say(fresh(), change(SHAVE, { date: '2026-11-27', time: '14:00' }), f);
    expect(ask.memory.state).toBe('RESCHEDULE_CONFIRM');
    expect(ask.replies[0].text).toMatch(/to Shave on Friday, Nov 27 at 2:00 PM/);
    const yes = say(ask.memory, u('yes'), f);
    expect(yes.commands).toMatchObject([{ type: 'reschedule', start: at('2026-11-27', '14:00'), serviceId: SHAVE }]);
  });

  it('hands the booking to a staff member who offers the new service when its own does not', () => {
    const jordans = { ...booking('b1', '2026-11-26', '10:00'), staffId: JORDAN };
    const f = facts({ upcoming: [jordans] });
    const yes = say(say(fresh(), change(COLOUR), f).memory, u('yes'), f);
    expect(yes.commands).toMatchObject([{ type: 'reschedule', staffId: ALEX, serviceId: COLOUR }]);
  });

  it('picks the booking of the service named among several, or asks which', () => {
    const f = facts({ upcoming: [booking('b1', '2026-11-26', '10:00'), booking('b2', '2026-12-01', '14:00', SHAVE)] });
    const named = say(fresh(), change(COLOUR, { fromServiceId: SHAVE }), f);
    expect(named.memory.draft).toMatchObject({ targetBookingId: 'b2', serviceId: COLOUR });

    const which = say(fresh(), change(COLOUR), f);
    expect(which.memory).toMatchObject({ state: 'RESCHEDULE_COLLECTING', awaiting: 'booking_choice' });
    const chosen = say(which.memory, u('choose', { optionIndex: 0 }), f);
    expect(chosen.memory).toMatchObject({ state: 'RESCHEDULE_CONFIRM', draft: { targetBookingId: 'b1', serviceId: COLOUR } });
  });

  it('says so when the booking already is that service, and when there is nothing to change', () => {
    const f = facts({ upcoming: [booking('b1', '2026-11-26', '10:00')] });
    expect(say(fresh(), change(HAIRCUT), f).replies[0].text).toBe('Your appointment is already Haircut.');
    expect(say(fresh(), change(SHAVE), facts()).replies[0].text).toMatch(/don't have any upcoming/);
  });

  it('explains the refusals of the change: nobody offers it then, or a larger deposit', () => {
    const f = facts({ upcoming: [booking('b1', '2026-11-26', '10:00')] });
    const yes = say(say(fresh(), change(SHAVE), f).memory, u('yes'), f);
    for (const [reason, text] of [
      ['service_not_offered', /nobody can do that service/],
      ['deposit_required', /larger deposit/],
    ] as const) {
      const failed = step(yes.memory, { kind: 'command_failed', command: yes.commands[0], reason }, f);
      expect(failed.replies[0].text).toMatch(text);
      expect(failed.memory.state).toBe('IDLE');
    }
  });

  it('while a new booking is being made, "switch to a shave" changes that request instead', () => {
    const f = facts({ upcoming: [booking('b1', '2026-11-26', '10:00')] });
    const asked = say(fresh(), u('book', { serviceId: HAIRCUT }), f);
    expect(asked.memory.state).toBe('COLLECTING');
    const switched = say(asked.memory, u('change', { serviceId: SHAVE, changesService: true }), f);
    expect(switched.memory).toMatchObject({ state: 'COLLECTING', draft: { serviceId: SHAVE } });
    expect(switched.memory.draft.targetBookingId).toBeUndefined();
  });

  it('asks an anonymous web visitor to prove their phone first, then goes on with the change', () => {
    const visitor: VisitorFacts = {
      verifiedPhone: null,
      canSendCode: true,
      parsePhone: (text) => (/^\+?\d[\d\s]{6,}$/.test(text) ? '+12125550123' : null),
      codeMatches: (code) => code === '123456',
    };
    const anonymous = facts({ visitor });
    const asked = say(fresh(), change(SHAVE), anonymous);
    expect(asked.memory.awaiting).toBe('phone');
    expect(asked.commands).toEqual([]);
    const verified = facts({
      visitor: { ...visitor, verifiedPhone: '+12125550123' },
      upcoming: [booking('b1', '2026-11-26', '10:00')],
    });
    const resumed = step(asked.memory, { kind: 'verified' }, verified);
    expect(resumed.memory).toMatchObject({ state: 'RESCHEDULE_CONFIRM', draft: { targetBookingId: 'b1', serviceId: SHAVE } });
  });
});
