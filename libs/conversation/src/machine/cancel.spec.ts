import { understand, type UnderstandingContext } from '../understanding';
import { step } from './step';
import { booking, HAIRCUT, NOW, SHAVE, smallFacts, understood, ZONE } from './test-facts';
import { type Facts, initialMemory, type Memory, type StepResult } from './types';

const facts = smallFacts({ upcoming: [booking('b1', '2026-11-26', '10:00')] });
const send = (memory: Memory, u: ReturnType<typeof understood>, f: Facts = facts): StepResult =>
  step(memory, { kind: 'message', text: '', understanding: u }, f);

/** The message read the way the shell reads it: in the context of what the bot just asked. */
function say(memory: Memory, text: string, f: Facts = facts): StepResult {
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
  return step(memory, { kind: 'message', text, understanding: understand(text, context) }, f);
}

/** Mid-booking: the bot has asked which service. */
const collecting = (): Memory => send(initialMemory('en'), understood('book')).memory;

describe('"cancel" while a new booking is being collected', () => {
  it('lets the request go when it names no appointment', () => {
    const r = say(collecting(), 'cancel');
    expect(r.memory.state).toBe('IDLE');
    expect(r.replies[0].text).toMatch(/won't book it/);
    expect(r.commands).toEqual([]);
  });

  it.each(['cancel my appointment', 'cancel my appt', 'I want to cancel the booking'])(
    '"%s" is about the booking the customer has',
    (text) => {
      const r = say(collecting(), text);
      expect(r.memory).toMatchObject({ state: 'CANCEL_CONFIRM', awaiting: 'confirmation', draft: { targetBookingId: 'b1' } });
    },
  );

  it('"cancela mi cita" is about the booking, in Spanish too', () => {
    const r = say(send(initialMemory('es'), understood('book', { language: 'es' })).memory, 'cancela mi cita');
    expect(r.memory).toMatchObject({ state: 'CANCEL_CONFIRM', draft: { targetBookingId: 'b1' } });
  });

  it('reads the flag, not the rest of the message: an email with "reservas" in it names no appointment', () => {
    const r = send(collecting(), understood('cancel', { email: 'reservas@example.com' }));
    expect(r.memory.state).toBe('IDLE');
    expect(r.commands).toContainEqual({ type: 'update_customer', email: 'reservas@example.com' });
    expect(r.commands.some((c) => c.type === 'cancel')).toBe(false);
  });

  it('details that match one booking also make it about that booking', () => {
    const f = smallFacts({ upcoming: [booking('b1', '2026-11-26', '10:00'), booking('b2', '2026-11-27', '11:00', SHAVE)] });
    const r = send(collecting(), understood('cancel', { serviceId: SHAVE }), f);
    expect(r.memory).toMatchObject({ state: 'CANCEL_CONFIRM', draft: { targetBookingId: 'b2' } });
    expect(send(collecting(), understood('cancel', { serviceId: HAIRCUT }), f).memory.draft.targetBookingId).toBe('b1');
  });
});

describe('cancelling a booking whose deposit was paid says what happens to the money', () => {
  const withDeposit = (refundedOnCancel: boolean) =>
    smallFacts({ upcoming: [{ ...booking('b1', '2026-11-26', '10:00'), paidDeposit: { cents: 1500, refundedOnCancel } }] });

  it.each([
    [true, /\$15\.00 deposit will be refunded/],
    [false, /\$15\.00 deposit is not refundable/],
  ])('refunded on cancel: %s', (refunded, expected) => {
    const f = withDeposit(refunded);
    const asked = say(initialMemory('en'), 'cancel my appointment', f);
    expect(asked.replies.at(-1)!.text).toMatch(expected);
    const done = say(asked.memory, 'yes', f);
    expect(done.commands).toEqual([{ type: 'cancel', bookingId: 'b1' }]);
    expect(done.replies.at(-1)!.text).toMatch(expected);
  });

  it('in Spanish too', () => {
    const asked = say(initialMemory('es'), 'cancelar mi cita', withDeposit(true));
    expect(asked.replies.at(-1)!.text).toMatch(/Te devolveremos la señal de 15,00/);
  });

  it('a booking without a paid deposit says nothing about one', () => {
    expect(say(initialMemory('en'), 'cancel my appointment').replies.at(-1)!.text).not.toMatch(/deposit/);
  });
});
