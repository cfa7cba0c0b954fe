import { understand, type UnderstandingContext } from '../understanding';
import { step } from './step';
import { booking, NOW, SHAVE, smallFacts, ZONE } from './test-facts';
import { type Facts, initialMemory, type Memory, type StepResult } from './types';

// The customer has two bookings; the reminder was about the later one (b2, the shave on Friday).
const two = [booking('b1', '2026-11-26', '10:00'), booking('b2', '2026-11-27', '11:00', SHAVE)];
const reminded = (overrides: Partial<Facts> = {}): Facts =>
  smallFacts({ upcoming: two, channel: 'whatsapp', lastReminder: { bookingId: 'b2', awaitingReply: true }, ...overrides });

function say(memory: Memory, text: string, f: Facts, optionId?: string): StepResult {
  const context: UnderstandingContext = {
    now: NOW,
    timezone: ZONE,
    country: 'US',
    services: f.services.map(({ id, name }) => ({ id, name, aliases: [] })),
    staff: f.staff,
    options: memory.options.map(({ id, label }) => ({ id, label })),
    awaiting: memory.awaiting,
    languageHint: memory.language,
  };
  return step(memory, { kind: 'message', text, understanding: understand(text, context), optionId }, f);
}

const en = initialMemory('en');
const es = initialMemory('es');

describe('replies to a reminder', () => {
  it.each(['C', 'c', 'yes', 'Yes!', 'confirm', 'confirmed', 'ok', 'C please', 'confrim', 'confirmd', 'yes please'])(
    '"%s" confirms the reminded booking, not the next one',
    (text) => {
      const r = say(en, text, reminded());
      expect(r.commands).toEqual([{ type: 'confirm_attendance', bookingId: 'b2' }]);
      expect(r.replies.map((x) => x.text).join(' ')).toMatch(/Thanks for confirming! See you for your Shave/);
      expect(r.memory.state).toBe('IDLE');
    },
  );

  it.each(['sí', 'si', 'Sí, gracias', 'confirmo', 'confirmado', 'C'])('"%s" confirms in Spanish, answered in Spanish', (text) => {
    const r = say(es, text, reminded());
    expect(r.commands).toContainEqual({ type: 'confirm_attendance', bookingId: 'b2' });
    expect(r.replies.map((x) => x.text).join(' ')).toMatch(/¡Gracias por confirmar!/);
  });

  it.each(['R', 'r', 'reschedule', 'change', 'move', 'reschedual', 'can I reschedule?'])(
    '"%s" starts moving the reminded booking',
    (text) => {
      const r = say(en, text, reminded());
      expect(r.memory).toMatchObject({
        state: 'RESCHEDULE_COLLECTING',
        awaiting: 'date',
        draft: { targetBookingId: 'b2', serviceId: SHAVE },
      });
      expect(r.replies[0].text).toMatch(/move your Shave/);
      expect(r.commands).toEqual([]);
    },
  );

  it.each(['cambiar', 'reprogramar', 'R'])('"%s" starts moving it in Spanish', (text) => {
    const r = say(es, text, reminded());
    expect(r.memory).toMatchObject({ state: 'RESCHEDULE_COLLECTING', draft: { targetBookingId: 'b2' } });
    expect(r.replies[0].text).toMatch(/¿A cuándo quieres mover/);
  });

  it.each(['X', 'x', 'cancel', 'cancle', 'I need to cancel', 'cancelar', 'anular', 'X por favor'])(
    '"%s" asks to cancel the reminded booking (then yes cancels it)',
    (text) => {
      const r = say(en, text, reminded());
      expect(r.memory).toMatchObject({ state: 'CANCEL_CONFIRM', awaiting: 'confirmation', draft: { targetBookingId: 'b2' } });
      expect(r.replies[0].text).toMatch(/Shave/);
      // The bot's question is now the last message: the reminder waits no more.
      const yes = say(r.memory, 'yes', reminded({ lastReminder: { bookingId: 'b2', awaitingReply: false } }));
      expect(yes.commands).toContainEqual({ type: 'cancel', bookingId: 'b2' });
    },
  );

  it('a cancel refused as too late is told like any other', () => {
    const asked = say(en, 'X', reminded()).memory;
    const yes = say(asked, 'yes', reminded({ lastReminder: { bookingId: 'b2', awaitingReply: false } }));
    const r = step(yes.memory, { kind: 'command_failed', command: yes.commands[0], reason: 'too_late' }, reminded());
    expect(r.replies[0].text).toMatch(/up to 24 hours before/);
  });

  describe('reminder buttons act on the reminded booking, even after other messages', () => {
    const f = reminded({ lastReminder: { bookingId: 'b2', awaitingReply: false } });

    it('Confirm', () => {
      expect(say(en, 'Confirm', f, 'reminder:confirm').commands).toEqual([{ type: 'confirm_attendance', bookingId: 'b2' }]);
    });

    it.each([
      ['reminder:reschedule', 'Reschedule', 'RESCHEDULE_COLLECTING'],
      ['reminder:cancel', 'Cancel', 'CANCEL_CONFIRM'],
    ])('%s', (optionId, label, state) => {
      expect(say(en, label, f, optionId).memory).toMatchObject({ state, draft: { targetBookingId: 'b2' } });
    });
  });

  it('a bare "C" means nothing once the reminder is no longer the last message', () => {
    const r = say(en, 'C', reminded({ lastReminder: { bookingId: 'b2', awaitingReply: false } }));
    expect(r.commands).toEqual([]);
    expect(r.replies[0].text).toMatch(/I can book, reschedule or cancel/);
  });

  it('"cancel" without a reminder asks which of the two bookings', () => {
    const r = say(en, 'cancel', reminded({ lastReminder: null }));
    expect(r.memory).toMatchObject({ state: 'CANCEL_CONFIRM', awaiting: 'booking_choice' });
  });

  it('a message naming the other booking goes to that one', () => {
    const r = say(en, 'cancel my haircut', reminded());
    expect(r.memory.draft.targetBookingId).toBe('b1');
  });

  it('anything else goes to the normal conversation', () => {
    const r = say(en, 'what are your hours?', reminded());
    expect(r.commands).toEqual([]);
    expect(r.replies[0].text).toMatch(/Our hours/);
    const booked = say(en, 'book a haircut', reminded());
    expect(booked.memory.state).toBe('COLLECTING');
  });

  it('a reminder about a booking no longer confirmed (cancelled meanwhile) is no longer answered', () => {
    const r = say(en, 'C', reminded({ upcoming: [two[0]] }));
    expect(r.commands).toEqual([]);
  });

  it('mid-booking, confirming the reminder keeps the question the bot had asked', () => {
    const collecting = say(en, 'book', reminded({ lastReminder: null })).memory;
    const r = say(collecting, 'C', reminded());
    expect(r.commands).toEqual([{ type: 'confirm_attendance', bookingId: 'b2' }]);
    expect(r.memory.state).toBe('COLLECTING');
    expect(r.replies.map((x) => x.text)).toEqual([
      expect.stringMatching(/Thanks for confirming/),
      'Which service would you like?',
    ]);
  });
});

describe('carrier opt-out keywords over SMS', () => {
  const sms = (overrides: Partial<Facts> = {}) => reminded({ channel: 'sms', ...overrides });

  it.each(['CANCEL', 'cancel', ' Cancel. ', 'STOP', 'stop all', 'END', 'QUIT', 'UNSUBSCRIBE', 'STOPALL', 'REVOKE', 'OPTOUT'])(
    '"%s" alone opts the customer out and flags the thread, starting no cancellation',
    (text) => {
      const r = say(en, text, sms());
      expect(r.commands).toEqual([{ type: 'opt_out' }, { type: 'flag_for_staff', reason: 'sms_opt_out', pauseBot: false }]);
      expect(r.memory.state).toBe('IDLE');
    },
  );

  it('CANCEL says how to cancel an appointment after opting back in', () => {
    expect(say(en, 'CANCEL', sms()).replies[0].text).toMatch(/unsubscribed.*meant to cancel an appointment/);
  });

  it('is honoured while the bot is paused for staff', () => {
    const r = say(en, 'CANCEL', sms({ customer: { name: 'Priya', optedOut: false, botPaused: true } }));
    expect(r.commands).toContainEqual({ type: 'opt_out' });
  });

  it('a hold being confirmed is let go', () => {
    const memory: Memory = { ...en, state: 'CONFIRMING', awaiting: 'confirmation', bookingId: 'h1', draft: {} };
    expect(say(memory, 'cancel', sms()).commands[0]).toEqual({ type: 'release', bookingId: 'h1' });
  });

  it('"cancel my appointment" over SMS is no keyword: the cancel flow runs', () => {
    const r = say(en, 'cancel my appointment', sms({ lastReminder: null }));
    expect(r.commands).toEqual([]);
    expect(r.memory.state).toBe('CANCEL_CONFIRM');
  });

  it.each(['whatsapp', 'web'] as const)('over %s, "cancel" keeps its meaning (the reminded booking)', (channel) => {
    const r = say(en, 'CANCEL', sms({ channel }));
    expect(r.commands).toEqual([]);
    expect(r.memory).toMatchObject({ state: 'CANCEL_CONFIRM', draft: { targetBookingId: 'b2' } });
  });
});
