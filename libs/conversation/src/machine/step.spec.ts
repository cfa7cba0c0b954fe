import { DateTime } from 'luxon';
import type { Understanding } from '../understanding';
import { MAX_ATTEMPTS, step } from './step';
import { ALEX, at, booking, HAIRCUT, NOW, SHAVE, smallFacts, understood as u, ZONE } from './test-facts';
import {
  type Facts,
  type FactSlot,
  type FactSlotPage,
  initialMemory,
  type Memory,
  type SlotSearch,
  type StepResult,
} from './types';

const JORDAN = 'staff-jordan';

/** At most this many slots a page, in whole days as the engine pages them: a day is 8 slots, so one a page. */
const PAGE_SLOTS = 10;

/**
 * Hourly slots 09:00–16:00 on open days, both staff free, minus `taken` starts, a day a page:
 * every search over more than a day has to follow `nextFrom` to see the rest.
 */
function facts(overrides: Partial<Facts> & { taken?: string[]; holidays?: string[] } = {}): Facts {
  const taken = new Set(overrides.taken ?? []);
  const holidays = new Set(overrides.holidays ?? []);
  const findSlots = (search: SlotSearch): FactSlotPage => {
    const slots: FactSlot[] = [];
    for (let day = DateTime.fromISO(search.from, { zone: ZONE }); day.toISODate()! <= search.to; day = day.plus({ days: 1 })) {
      if (day.weekday === 7 || day.toISODate()! < '2026-11-23' || holidays.has(day.toISODate()!)) continue;
      const daySlots: FactSlot[] = [];
      for (let hour = 9; hour <= 16; hour++) {
        const start = day.set({ hour }).toUTC().toISO()!;
        if (Date.parse(start) <= NOW.getTime() || taken.has(start)) continue;
        const staffIds = search.staffId ? [search.staffId] : [ALEX, JORDAN];
        daySlots.push({ start, end: day.set({ hour, minute: 30 }).toUTC().toISO()!, staffIds });
      }
      if (slots.length > 0 && slots.length + daySlots.length > PAGE_SLOTS) return { slots, nextFrom: day.toISODate()! };
      slots.push(...daySlots);
    }
    return { slots, nextFrom: null };
  };
  const { taken: _taken, holidays: _holidays, ...rest } = overrides;
  return smallFacts({
    staff: [
      { id: ALEX, name: 'Alex' },
      { id: JORDAN, name: 'Jordan' },
    ],
    findSlots,
    closedAllDay: (date) => holidays.has(date),
    ...rest,
  });
}

const say = (memory: Memory, understanding: Understanding, f: Facts = facts()) =>
  step(memory, { kind: 'message', text: '', understanding }, f);
const fresh = () => initialMemory('en');

/** Runs a message, then pretends the shell carried out a hold by giving the memory its booking id. */
function held(result: StepResult, bookingId = 'b-held'): StepResult {
  if (result.commands.some((c) => c.type === 'hold')) result.memory.bookingId = bookingId;
  return result;
}

describe('booking flow', () => {
  it('books in one message with every detail, holding the slot before asking', () => {
    const r = held(say(fresh(), u('book', { serviceId: HAIRCUT, date: '2026-11-24', time: '15:00' })));
    expect(r.memory.state).toBe('CONFIRMING');
    expect(r.memory.awaiting).toBe('confirmation');
    expect(r.commands).toContainEqual({ type: 'hold', serviceId: HAIRCUT, staffId: ALEX, start: at('2026-11-24', '15:00') });
    expect(r.replies[0].text).toContain('Haircut');
    expect(r.replies[0].options?.map((o) => o.id)).toEqual(['yes', 'no']);

    const yes = say(r.memory, u('yes'));
    expect(yes.commands).toEqual([{ type: 'confirm', bookingId: 'b-held' }]);
    expect(yes.memory.state).toBe('IDLE');
    expect(yes.memory.bookingId).toBe('b-held');
    expect(yes.replies[0].text).toMatch(/booked/i);
  });

  it('asks only for what is missing: service, then day, then time', () => {
    const first = say(fresh(), u('book'));
    expect(first.memory).toMatchObject({ state: 'COLLECTING', awaiting: 'service' });
    expect(first.replies[0].options?.map((o) => o.label)).toEqual(['Haircut', 'Shave']);

    const second = say(first.memory, u('choose', { optionIndex: 1 }));
    expect(second.memory).toMatchObject({ awaiting: 'date' });
    expect(second.memory.draft.serviceId).toBe(SHAVE);

    const third = say(second.memory, u('change', { date: '2026-11-25' }));
    expect(third.memory.awaiting).toBe('slot_choice');
    expect(third.replies[0].options).toHaveLength(3);

    const fourth = held(say(third.memory, u('choose', { optionIndex: 0 })));
    expect(fourth.memory.state).toBe('CONFIRMING');
    expect(fourth.commands[0]).toMatchObject({ type: 'hold', serviceId: SHAVE, start: at('2026-11-25', '09:00') });
  });

  it('keeps every detail of an answer that names an offered service and more', () => {
    const asked = say(fresh(), u('book', { date: '2026-11-24' }));
    expect(asked.memory.awaiting).toBe('service');
    const r = held(
      say(asked.memory, u('book', { optionIndex: 0, serviceId: HAIRCUT, staffId: JORDAN, date: '2026-11-25', time: '15:00' })),
    );
    expect(r.commands).toEqual([{ type: 'hold', serviceId: HAIRCUT, staffId: JORDAN, start: at('2026-11-25', '15:00') }]);
  });

  it('asks a new customer for their name once, then holds', () => {
    const anonymous = facts({ customer: { name: null, optedOut: false, botPaused: false } });
    const first = say(fresh(), u('book', { serviceId: HAIRCUT, date: '2026-11-24', time: '11:00' }), anonymous);
    expect(first.memory.awaiting).toBe('name');
    expect(first.commands).toEqual([]);
    const second = say(first.memory, u('unknown', { name: 'Priya Patel' }), anonymous);
    expect(second.commands).toEqual([
      { type: 'update_customer', name: 'Priya Patel' },
      { type: 'hold', serviceId: HAIRCUT, staffId: ALEX, start: at('2026-11-24', '11:00') },
    ]);
    expect(second.memory.state).toBe('CONFIRMING');
  });

  it('explains a taken time and offers the nearest three', () => {
    const r = say(
      fresh(),
      u('book', { serviceId: HAIRCUT, date: '2026-11-24', time: '15:00' }),
      facts({ taken: [at('2026-11-24', '15:00')] }),
    );
    expect(r.replies[0].text).toMatch(/already taken/);
    expect(r.memory.awaiting).toBe('slot_choice');
    expect(r.replies[1].options?.map((o) => o.label)).toEqual(['1:00 PM', '2:00 PM', '4:00 PM']);
  });

  it('says when a time is outside opening hours', () => {
    const r = say(fresh(), u('book', { serviceId: HAIRCUT, date: '2026-11-24', time: '20:00' }));
    expect(r.replies[0].text).toMatch(/outside our opening hours/);
    expect(r.replies[1].options).toHaveLength(3);
  });

  it('says the business is closed on a holiday (a whole-day closure), not that the day is full', () => {
    const r = say(
      fresh(),
      u('book', { serviceId: HAIRCUT, date: '2026-11-26', time: '10:00' }),
      facts({ holidays: ['2026-11-26'] }),
    );
    expect(r.replies[0].text).toBe("Sorry, we're closed on Thursday, Nov 26.");
    expect(r.memory.awaiting).toBe('slot_choice');
  });

  it('says when the business is closed that day', () => {
    const r = say(fresh(), u('book', { serviceId: HAIRCUT, date: '2026-11-29', time: '10:00' }));
    expect(r.replies[0].text).toMatch(/closed on Sunday/);
    // The same time of day on the nearest days that are open, not the end of the day before.
    expect(r.replies[1].options!.map((o) => o.label)).toEqual([
      'Sat Nov 28, 10:00 AM',
      'Mon Nov 30, 10:00 AM',
      'Tue Dec 1, 10:00 AM',
    ]);
  });

  it('takes the earliest opening when asked for the first available', () => {
    const r = held(say(fresh(), u('book', { serviceId: HAIRCUT, earliest: true })));
    expect(r.commands[0]).toMatchObject({ type: 'hold', start: at('2026-11-23', '11:00') });
  });

  describe('searches past the first page of slots', () => {
    // The engine answers a day a page here; the afternoons of the first three days are taken.
    const taken = ['2026-11-23', '2026-11-24', '2026-11-25'].flatMap((date) =>
      ['12:00', '13:00', '14:00', '15:00', '16:00'].map((time) => at(date, time)),
    );
    const recorded = () => {
      const searches: SlotSearch[] = [];
      const base = facts({ taken });
      return { searches, f: facts({ taken, findSlots: (search) => (searches.push(search), base.findSlots(search)) }) };
    };

    it('takes the earliest afternoon opening, days after the first answer, and searches no further', () => {
      const { searches, f } = recorded();
      const r = say(fresh(), u('book', { serviceId: HAIRCUT, earliest: true, timeOfDay: 'afternoon' }), f);
      expect(r.commands[0]).toMatchObject({ type: 'hold', start: at('2026-11-26', '12:00') });
      // The first page holds the three mornings' few slots; the second starts on the 26th.
      expect(searches.map((s) => s.from)).toEqual(['2026-11-23', '2026-11-26']);
    });

    it('offers the first three days with an opening after 4 PM', () => {
      const { searches, f } = recorded();
      const range = { from: '2026-11-23', to: '2026-12-12' };
      const r = say(fresh(), u('book', { serviceId: HAIRCUT, dateRange: range, time: '16:00', timeBound: 'after' }), f);
      expect(r.replies.at(-1)!.options!.map((o) => o.label)).toEqual([
        'Thu Nov 26, 4:00 PM',
        'Fri Nov 27, 4:00 PM',
        'Sat Nov 28, 4:00 PM',
      ]);
      expect(searches.at(-1)!.from).toBe('2026-11-28');
    });
  });

  it('takes the earliest opening of the day named ("Friday, first thing")', () => {
    const r = say(fresh(), u('book', { serviceId: HAIRCUT, date: '2026-11-27', earliest: true, timeOfDay: 'morning' }));
    expect(r.commands[0]).toMatchObject({ type: 'hold', start: at('2026-11-27', '09:00') });
  });

  it('offers openings in the part of the day asked for', () => {
    const r = say(fresh(), u('book', { serviceId: HAIRCUT, date: '2026-11-24', timeOfDay: 'afternoon' }));
    const labels = r.replies[0].options!.map((o) => o.label);
    expect(labels).toEqual(['12:00 PM', '2:00 PM', '4:00 PM']);
  });

  describe('changes mid-flow without starting over', () => {
    const confirming = () => held(say(fresh(), u('book', { serviceId: HAIRCUT, date: '2026-11-24', time: '15:00' })));

    it('"actually 4pm" releases the hold and holds the new time', () => {
      const r = held(say(confirming().memory, u('change', { time: '16:00' })), 'b-2');
      expect(r.commands).toEqual([
        { type: 'release', bookingId: 'b-held' },
        { type: 'hold', serviceId: HAIRCUT, staffId: ALEX, start: at('2026-11-24', '16:00') },
      ]);
      expect(r.memory.state).toBe('CONFIRMING');
    });

    it('"make it Saturday, same time" keeps the time', () => {
      const r = say(confirming().memory, u('change', { date: '2026-11-28', sameTime: true }));
      expect(r.commands[1]).toMatchObject({ type: 'hold', start: at('2026-11-28', '15:00') });
    });

    it('"with Jordan instead" keeps day and time', () => {
      const r = say(confirming().memory, u('change', { staffId: JORDAN }));
      expect(r.commands[1]).toEqual({ type: 'hold', serviceId: HAIRCUT, staffId: JORDAN, start: at('2026-11-24', '15:00') });
      expect(r.replies[0].text).toContain('with Jordan');
    });

    it('searches without its own hold, which is being released', () => {
      const searches: SlotSearch[] = [];
      const base = facts();
      const f = facts({ findSlots: (search) => (searches.push(search), base.findSlots(search)) });
      say(confirming().memory, u('change', { staffId: JORDAN }), f);
      expect(searches.length).toBeGreaterThan(0);
      expect(searches.every((search) => search.excludeBookingId === 'b-held')).toBe(true);
    });

    it('a name alone, given while choosing, is noted and the question stands', () => {
      const offered = say(fresh(), u('book', { serviceId: HAIRCUT, date: '2026-11-24' }));
      const r = say(offered.memory, u('inform', { name: 'Ahmed' }));
      expect(r.commands).toEqual([{ type: 'update_customer', name: 'Ahmed' }]);
      expect(r.replies[0].text).toBe('Thanks, Ahmed.');
      expect(r.replies[1].options).toEqual(offered.replies[0].options);
      expect(r.memory).toMatchObject({ awaiting: 'slot_choice', attempts: 0 });
    });

    it('"never mind" to an open question lets the request go', () => {
      const asked = say(fresh(), u('book', { serviceId: HAIRCUT }));
      const r = say(asked.memory, u('no'));
      expect(r.replies[0].text).toBe("OK, I won't book it.");
      expect(r.memory).toMatchObject({ state: 'IDLE', awaiting: null, draft: {} });
    });

    it('"make that a shave" keeps day and time', () => {
      const r = say(confirming().memory, u('change', { serviceId: SHAVE }));
      expect(r.commands[1]).toMatchObject({ type: 'hold', serviceId: SHAVE, start: at('2026-11-24', '15:00') });
    });

    it('"no" releases the hold and asks for another day', () => {
      const r = say(confirming().memory, u('no'));
      expect(r.commands).toEqual([{ type: 'release', bookingId: 'b-held' }]);
      expect(r.memory).toMatchObject({ state: 'COLLECTING', awaiting: 'date' });
    });

    it('"cancel" while confirming lets the hold go', () => {
      const r = say(confirming().memory, u('cancel'));
      expect(r.commands).toEqual([{ type: 'release', bookingId: 'b-held' }]);
      expect(r.memory.state).toBe('IDLE');
    });
  });

  it('offers alternatives when the hold fails because the slot was just taken', () => {
    const r = held(say(fresh(), u('book', { serviceId: HAIRCUT, date: '2026-11-24', time: '15:00' })));
    const failed = step(
      r.memory,
      { kind: 'command_failed', command: r.commands[0], reason: 'slot_unavailable' },
      facts({ taken: [at('2026-11-24', '15:00')] }),
    );
    expect(failed.replies[0].text).toMatch(/just taken/);
    expect(failed.memory).toMatchObject({ state: 'COLLECTING', awaiting: 'slot_choice', bookingId: null });
  });
});

describe('three strikes', () => {
  it('re-asks twice, then offers the booking page and flags the conversation for staff', () => {
    let memory = say(fresh(), u('book', { serviceId: HAIRCUT })).memory;
    expect(memory.awaiting).toBe('date');
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      const r = say(memory, u('unknown'));
      expect(r.replies.map((x) => x.text).join(' ')).toMatch(/didn't quite get that.*What day/);
      expect(r.memory.attempts).toBe(i);
      memory = r.memory;
    }
    const last = say(memory, u('unknown'));
    expect(last.commands).toEqual([{ type: 'flag_for_staff', reason: 'three_failed_attempts', pauseBot: false }]);
    expect(last.replies[0].text).toContain('https://x.test/book/demo');
    expect(last.memory.state).toBe('IDLE');
  });

  it('resets the count once the customer answers', () => {
    const asked = say(fresh(), u('book', { serviceId: HAIRCUT }));
    const miss = say(asked.memory, u('unknown'));
    const answered = say(miss.memory, u('change', { date: '2026-11-24' }));
    expect(answered.memory.attempts).toBe(0);
  });
});

describe('cancel and reschedule', () => {
  it('cancels the only upcoming booking after confirmation', () => {
    const f = facts({ upcoming: [booking('b1', '2026-11-26', '10:00')] });
    const ask = say(fresh(), u('cancel'), f);
    expect(ask.memory).toMatchObject({ state: 'CANCEL_CONFIRM', awaiting: 'confirmation' });
    const yes = say(ask.memory, u('yes'), f);
    expect(yes.commands).toEqual([{ type: 'cancel', bookingId: 'b1' }]);
    expect(yes.memory.state).toBe('IDLE');
  });

  it('asks which booking when there are several, or picks the one named', () => {
    const f = facts({ upcoming: [booking('b1', '2026-11-26', '10:00'), booking('b2', '2026-12-03', '14:00', SHAVE)] });
    const which = say(fresh(), u('cancel'), f);
    expect(which.memory.awaiting).toBe('booking_choice');
    expect(which.replies[0].options).toHaveLength(2);
    const chosen = say(which.memory, u('choose', { optionIndex: 1 }), f);
    expect(chosen.memory.draft.targetBookingId).toBe('b2');

    const named = say(fresh(), u('cancel', { serviceId: SHAVE, date: '2026-12-03' }), f);
    expect(named.memory).toMatchObject({ state: 'CANCEL_CONFIRM', awaiting: 'confirmation', draft: { targetBookingId: 'b2' } });
  });

  it('keeps the booking when the customer says no', () => {
    const f = facts({ upcoming: [booking('b1', '2026-11-26', '10:00')] });
    const r = say(say(fresh(), u('cancel'), f).memory, u('no'), f);
    expect(r.commands).toEqual([]);
    expect(r.replies[0].text).toMatch(/kept/);
  });

  it('explains when a cancellation is too late', () => {
    const f = facts({ upcoming: [booking('b1', '2026-11-23', '16:00')] });
    const ask = say(fresh(), u('cancel'), f);
    const yes = say(ask.memory, u('yes'), f);
    const failed = step(yes.memory, { kind: 'command_failed', command: yes.commands[0], reason: 'too_late' }, f);
    expect(failed.replies[0].text).toMatch(/24 hours/);
  });

  it('reschedules: new time in the same message, confirmation, then the move', () => {
    const f = facts({ upcoming: [booking('b1', '2026-11-26', '10:00')] });
    const ask = say(fresh(), u('reschedule', { date: '2026-11-27', time: '14:00' }), f);
    expect(ask.memory).toMatchObject({ state: 'RESCHEDULE_CONFIRM', awaiting: 'confirmation' });
    const yes = say(ask.memory, u('yes'), f);
    expect(yes.commands).toEqual([{ type: 'reschedule', bookingId: 'b1', start: at('2026-11-27', '14:00'), staffId: ALEX }]);
    expect(yes.memory.state).toBe('IDLE');
  });

  it('reschedules over several messages', () => {
    const f = facts({ upcoming: [booking('b1', '2026-11-26', '10:00')] });
    const ask = say(fresh(), u('reschedule'), f);
    expect(ask.memory).toMatchObject({ state: 'RESCHEDULE_COLLECTING', awaiting: 'date' });
    const day = say(ask.memory, u('change', { date: '2026-11-30' }), f);
    expect(day.memory.awaiting).toBe('slot_choice');
    const pick = say(day.memory, u('choose', { optionIndex: 2 }), f);
    expect(pick.memory.state).toBe('RESCHEDULE_CONFIRM');
  });

  it('a time alone moves the booking within its own day', () => {
    const f = facts({ upcoming: [booking('b1', '2026-11-26', '10:00')] });
    const ask = say(fresh(), u('reschedule', { time: '14:00' }), f);
    expect(ask.memory).toMatchObject({ state: 'RESCHEDULE_CONFIRM' });
    expect(ask.memory.draft.slot?.start).toBe(at('2026-11-26', '14:00'));
  });

  it('tells a customer without bookings that there is nothing to change', () => {
    const r = say(fresh(), u('reschedule'));
    expect(r.replies[0].text).toMatch(/don't have any upcoming/);
    expect(r.memory.state).toBe('IDLE');
  });
});

describe('questions and side intents', () => {
  it('answers "when is my appointment" from the bookings', () => {
    const f = facts({
      upcoming: [{ id: 'b1', serviceId: HAIRCUT, staffId: ALEX, start: at('2026-11-26', '10:00'), status: 'confirmed' }],
    });
    expect(say(fresh(), u('ask_appointment'), f).replies[0].text).toBe(
      'Your next appointment: Haircut — Thursday, Nov 26 at 10:00 AM.',
    );
  });

  it('answers prices and re-asks the pending question', () => {
    const asked = say(fresh(), u('book', { serviceId: HAIRCUT }));
    const r = say(asked.memory, u('ask_prices', { serviceId: SHAVE }));
    expect(r.replies[0].text).toBe('Shave is $25.00 and takes about 30 minutes.');
    expect(r.replies[1].text).toBe('What day would you like to come in?');
    expect(r.memory.awaiting).toBe('date');
  });

  it('answers a price idle in a sentence that offers to book, and keeps its service for the next request', () => {
    const r = say(fresh(), u('ask_prices', { serviceId: SHAVE }));
    expect(r.replies.map((x) => x.text)).toEqual(['Shave is $25.00 and takes about 30 minutes. Would you like to book one?']);
    const next = held(say(r.memory, u('book', { date: '2026-11-24', time: '11:00' })));
    expect(next.commands).toEqual([{ type: 'hold', serviceId: SHAVE, staffId: ALEX, start: at('2026-11-24', '11:00') }]);
  });

  it('keeps the service and time of a request asked with a closed day, and books on the day named next', () => {
    const f = facts({ holidays: ['2026-11-26'] });
    const r = say(fresh(), u('ask_hours', { date: '2026-11-26', serviceId: HAIRCUT, time: '11:00' }), f);
    expect(r.replies[0].text).toMatch(/closed/);
    expect(r.memory).toMatchObject({ state: 'COLLECTING', awaiting: 'date', draft: { serviceId: HAIRCUT, time: '11:00' } });
    const next = held(say(r.memory, u('inform', { date: '2026-11-27' }), f));
    expect(next.commands).toEqual([{ type: 'hold', serviceId: HAIRCUT, staffId: ALEX, start: at('2026-11-27', '11:00') }]);
  });

  it('offers later times than those just offered for "anything later?"', () => {
    const offered = say(fresh(), u('book', { serviceId: HAIRCUT, date: '2026-11-24', timeOfDay: 'morning' }));
    const r = say(offered.memory, u('book', { relative: 'later' }));
    const starts = r.memory.options.map((o) => (o.value.kind === 'slot' ? o.value.start : ''));
    expect(starts.length).toBeGreaterThan(0);
    expect(starts.every((s) => s > at('2026-11-24', '11:00'))).toBe(true);
  });

  it('answers opening hours', () => {
    expect(say(fresh(), u('ask_hours')).replies[0].text).toBe('Our hours: Mon–Sat 9:00 AM–5:00 PM; Sun closed.');
  });

  it('answers that a holiday is closed when asked about its hours', () => {
    const r = say(fresh(), u('ask_hours', { date: '2026-11-26' }), facts({ holidays: ['2026-11-26'] }));
    expect(r.replies[0].text).toBe("Sorry, we're closed on Thursday, Nov 26.");
  });

  it('answers the hours of the day asked about, and of the next day asked right after', () => {
    const sunday = say(fresh(), u('ask_hours', { date: '2026-11-29' }));
    expect(sunday.replies[0].text).toBe("Sorry, we're closed on Sunday, Nov 29.");
    const saturday = say(sunday.memory, u('inform', { date: '2026-11-28' }));
    expect(saturday.replies[0].text).toBe("On Saturday, Nov 28 we're open 9:00 AM–5:00 PM.");
    expect(saturday.memory.state).toBe('IDLE');
  });

  it('hands over to a person and pauses the bot', () => {
    const r = say(fresh(), u('human'));
    expect(r.commands).toEqual([{ type: 'flag_for_staff', reason: 'asked_for_a_person', pauseBot: true }]);
  });

  it('opts out on STOP and back in on START', () => {
    expect(say(fresh(), u('stop')).commands).toEqual([{ type: 'opt_out' }]);
    expect(say(fresh(), u('start')).commands).toEqual([{ type: 'opt_in' }]);
  });

  it('replies in Spanish and remembers the language', () => {
    const r = say(fresh(), u('book', { language: 'es', serviceId: HAIRCUT }));
    expect(r.replies[0].text).toBe('¿Qué día te viene bien?');
    expect(r.memory.language).toBe('es');
    expect(r.commands).toContainEqual({ type: 'update_customer', language: 'es' });
  });

  it('greets', () => {
    expect(say(fresh(), u('greeting')).replies[0].text).toMatch(/^Hi! This is Demo Barbers/);
  });
});
