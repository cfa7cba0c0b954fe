import { understand, type UnderstandingContext } from '../understanding';
import { saysPaid } from './payment';
import { step } from './step';
import { at, booking, HAIRCUT, NOW, smallFacts, ZONE } from './test-facts';
import { type Facts, initialMemory, type Language, type Memory, type PendingPayment, type StepResult } from './types';

const URL = 'https://checkout.stripe.test/c/pay/cs_1';
const PAYMENT: PendingPayment = {
  bookingId: 'b1',
  serviceId: HAIRCUT,
  start: at('2026-11-26', '10:00'),
  depositCents: 1000,
  paymentUrl: URL,
  // 10:30 local, Monday 23 Nov.
  paymentExpiresAt: '2026-11-23T15:30:00.000Z',
};

const pendingFacts = smallFacts({ upcoming: [{ ...booking('b1', '2026-11-26', '10:00'), status: 'pending_payment' }] });
const paidFacts = smallFacts({ upcoming: [booking('b1', '2026-11-26', '10:00')] });
const goneFacts = smallFacts({ upcoming: [] });

function say(memory: Memory, text: string, f: Facts): StepResult {
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

/** The shell stepped with `payment_required` after the confirm: the bot now waits for the deposit. */
const waiting = (language: Language = 'en') =>
  step(initialMemory(language), { kind: 'payment_required', payment: PAYMENT }, pendingFacts);

describe('a booking that needs a deposit', () => {
  it('waits for the payment with the link, the amount and the deadline in the tenant zone (en)', () => {
    const r = waiting('en');
    expect(r.memory).toMatchObject({ state: 'PAYMENT_PENDING', awaiting: 'payment', bookingId: 'b1', payment: PAYMENT });
    expect(r.commands).toEqual([]);
    expect(r.replies).toHaveLength(1);
    expect(r.replies[0].link).toEqual({ url: URL, label: 'Pay deposit' });
    expect(r.replies[0].text).toBe(
      `To book Haircut on Thursday, Nov 26 at 10:00 AM, please pay the $10.00 deposit here: ${URL} — I'm holding the time until Monday, Nov 23 at 10:30 AM.`,
    );
  });

  it('speaks Spanish to a Spanish-speaking customer', () => {
    const text = waiting('es').replies[0].text;
    expect(text).toContain(`paga la señal de 10,00`);
    expect(text).toContain(URL);
    expect(text).toContain('hasta el lunes 23 de noviembre a las 10:30');
    expect(waiting('es').replies[0].link).toEqual({ url: URL, label: 'Pagar señal' });
  });

  it.each([
    ['en', 'I paid'],
    ['en', 'paid'],
    ['es', 'ya pagué'],
  ] as const)('"%s: %s" while the payment has not arrived: not yet, here is the link again', (language, text) => {
    const r = say(waiting(language).memory, text, pendingFacts);
    expect(r.memory.state).toBe('PAYMENT_PENDING');
    expect(r.replies).toHaveLength(1);
    expect(r.replies[0].text).toMatch(language === 'en' ? /haven't received your payment yet/ : /Todavía no hemos recibido/);
    expect(r.replies[0].text).toContain(URL);
    expect(r.replies[0].text).toContain(language === 'en' ? '10:30 AM' : '10:30');
    expect(r.commands).toEqual([]);
  });

  it.each([
    ['en', 'I paid', /Your payment arrived. You're booked: Haircut on Thursday, Nov 26 at 10:00 AM/],
    ['es', 'ya pagué', /Hemos recibido tu pago. Tienes reserva: Haircut el jueves 26 de noviembre a las 10:00/],
  ] as const)('"%s: %s" once the booking is confirmed: says so, and waits no more', (language, text, expected) => {
    const r = say(waiting(language).memory, text, paidFacts);
    expect(r.memory).toMatchObject({ state: 'IDLE', awaiting: null, bookingId: 'b1' });
    expect(r.memory.payment).toBeUndefined();
    expect(r.replies.map((x) => x.text)).toEqual([expect.stringMatching(expected)]);
  });

  it('once paid, "cancel my appointment" goes on to cancelling the booking', () => {
    const r = say(waiting().memory, 'cancel my appointment', paidFacts);
    expect(r.memory).toMatchObject({ state: 'CANCEL_CONFIRM', draft: { targetBookingId: 'b1' } });
    expect(r.memory.payment).toBeUndefined();
    expect(r.replies.map((x) => x.text)).toEqual([expect.stringMatching(/^Cancel your Haircut/)]);
  });

  it('"I paid" after the window ran out: says so and offers another time', () => {
    const r = say(waiting().memory, 'I paid', goneFacts);
    expect(r.memory).toMatchObject({ state: 'IDLE', awaiting: null });
    expect(r.replies.map((x) => x.text)).toEqual([expect.stringMatching(/time to pay the deposit ran out.*another time\?/)]);
  });

  it.each([
    ['en', 'cancel', /I've let that time go/],
    ['es', 'cancelar', /he liberado esa hora/],
  ] as const)('"%s: %s" lets the slot go', (language, text, expected) => {
    const r = say(waiting(language).memory, text, pendingFacts);
    expect(r.commands).toEqual([{ type: 'abandon_payment', bookingId: 'b1' }]);
    expect(r.memory).toMatchObject({ state: 'IDLE', awaiting: null, bookingId: null });
    expect(r.replies.map((x) => x.text)).toEqual([expect.stringMatching(expected)]);
  });

  it('a bare CANCEL by SMS (an opt-out word to Twilio) lets the slot go and records the opt-out', () => {
    const smsFacts = { ...pendingFacts, channel: 'sms' as const };
    const r = say(step(initialMemory('en'), { kind: 'payment_required', payment: PAYMENT }, smsFacts).memory, 'CANCEL', smsFacts);
    expect(r.commands).toEqual([
      { type: 'abandon_payment', bookingId: 'b1' },
      { type: 'opt_out' },
      { type: 'flag_for_staff', reason: 'sms_opt_out', pauseBot: false },
    ]);
    expect(r.memory).toMatchObject({ state: 'IDLE', bookingId: null });
  });

  it.each([
    ['en', /couldn't open the deposit payment/],
    ['es', /no he podido abrir el pago de la señal/],
  ] as const)('Stripe unable to open the Checkout page (%s): says the time is not kept', (language, expected) => {
    const memory = { ...initialMemory(language), bookingId: 'b1' };
    const input = {
      kind: 'command_failed',
      command: { type: 'confirm', bookingId: 'b1' },
      reason: 'payment_unavailable',
    } as const;
    const r = step(memory, input, goneFacts);
    expect(r.memory).toMatchObject({ state: 'IDLE', bookingId: null });
    expect(r.commands).toEqual([]);
    expect(r.replies.map((x) => x.text)).toEqual([expect.stringMatching(expected)]);
  });

  it('answers anything else as usual and reminds of the payment', () => {
    const r = say(waiting().memory, 'what are your hours?', pendingFacts);
    expect(r.memory.state).toBe('PAYMENT_PENDING');
    expect(r.replies.length).toBeGreaterThanOrEqual(2);
    expect(r.replies[0].text).toMatch(/9:00/);
    expect(r.replies.at(-1)!.text).toBe(
      `Reminder: your booking waits for the deposit. Pay here: ${URL} (until Monday, Nov 23 at 10:30 AM).`,
    );
    expect(r.commands).toEqual([]);
  });

  it('reads "I haven\'t paid" and "no he pagado" as no claim of payment', () => {
    expect(saysPaid("I haven't paid yet")).toBe(false);
    expect(saysPaid('todavía no he pagado')).toBe(false);
    expect(saysPaid('I just paid!')).toBe(true);
    expect(saysPaid('Ya pagué')).toBe(true);
  });
});
