import { understand, type UnderstandingContext } from '../understanding';
import { step } from './step';
import { at, booking, HAIRCUT, NOW, smallFacts, ZONE } from './test-facts';
import { type Facts, initialMemory, type Input, type Memory, type StepResult, type VisitorFacts } from './types';
import { MAX_CODES_PER_SESSION, MAX_WRONG_CODES } from './visitor';

const PHONE = '+12125550100';
const CODE = '123456';
const SLOT = { start: at('2026-11-24', '10:00'), end: at('2026-11-24', '10:30'), staffIds: ['staff-alex'] };

function visitor(overrides: Partial<VisitorFacts> = {}): VisitorFacts {
  return {
    verifiedPhone: null,
    canSendCode: true,
    parsePhone: (text) => (/^\+?[\d\s()-]{10,}$/.test(text.trim()) ? `+1${text.replace(/\D/g, '').slice(-10)}` : null),
    codeMatches: (code) => code === CODE,
    ...overrides,
  };
}

/** A web visitor not yet verified; the shell gives no bookings and no name until they are. */
const anonymous = (overrides: Partial<VisitorFacts> = {}, more: Partial<Facts> = {}): Facts =>
  smallFacts({
    customer: { name: null, optedOut: false, botPaused: false },
    findSlots: () => ({ slots: [SLOT], nextFrom: null }),
    visitor: visitor(overrides),
    ...more,
  });

/** The same visitor once verified: the shell now gives the customer's record and bookings. */
const verifiedFacts = (): Facts =>
  smallFacts({ visitor: visitor({ verifiedPhone: PHONE }), upcoming: [booking('b1', '2026-11-26', '10:00')] });

function say(memory: Memory, text: string, f: Facts, now = NOW): StepResult {
  const context: UnderstandingContext = {
    now,
    timezone: ZONE,
    country: 'US',
    services: f.services.map(({ id, name }) => ({ id, name, aliases: [] })),
    staff: f.staff,
    options: memory.options.map(({ id, label }) => ({ id, label })),
    awaiting: memory.awaiting,
    languageHint: memory.language,
  };
  return step(memory, { kind: 'message', text, understanding: understand(text, context) }, { ...f, now });
}

const stepInput = (memory: Memory, input: Input, f: Facts) => step(memory, input, f);

/** Asked to cancel, the visitor gave their phone: a code is out, the bot waits for it. */
function awaitingCode(f: Facts = anonymous()): Memory {
  const asked = say(initialMemory('en'), 'I want to cancel my appointment', f);
  expect(asked.memory.awaiting).toBe('phone');
  const sent = say(asked.memory, PHONE, f);
  expect(sent.commands).toEqual([{ type: 'send_code', phone: PHONE }]);
  expect(sent.memory.awaiting).toBe('verification_code');
  return sent.memory;
}

describe('a web visitor not yet verified', () => {
  it.each(['when is my appointment?', 'cancel my appointment', 'I need to reschedule my appointment', 'STOP'])(
    '"%s" shows, changes and opts out nothing: the bot asks for the phone to verify',
    (text) => {
      const r = say(initialMemory('en'), text, anonymous());
      expect(r.commands).toEqual([]);
      expect(r.memory.awaiting).toBe('phone');
      expect(r.replies.map((x) => x.text).join(' ')).toMatch(/check it's you/);
    },
  );

  it('with no channel to send a code, points to the manage link instead', () => {
    const r = say(initialMemory('en'), 'cancel my appointment', anonymous({ canSendCode: false }));
    expect(r.commands).toEqual([]);
    expect(r.memory.awaiting).toBeNull();
    expect(r.replies[0].text).toMatch(/link in your booking confirmation/);
  });

  it('a name or language never becomes a customer-record write', () => {
    const r = say(initialMemory('en'), 'hola, me llamo Ana', anonymous());
    expect(r.commands.filter((c) => c.type === 'update_customer')).toEqual([]);
    expect(r.memory.visitor?.name).toBe('Ana');
  });

  it('books under the name and phone typed, asking for both', () => {
    let r = say(initialMemory('en'), 'a haircut tomorrow at 10am', anonymous());
    expect(r.memory.awaiting).toBe('name');
    r = say(r.memory, 'Ana Lopez', anonymous());
    expect(r.memory.awaiting).toBe('phone');
    expect(r.commands).toEqual([]);
    r = say(r.memory, 'not a phone', anonymous());
    expect(r.memory.awaiting).toBe('phone');
    r = say(r.memory, '(212) 555-0100', anonymous());
    expect(r.commands).toEqual([
      {
        type: 'hold',
        serviceId: HAIRCUT,
        staffId: 'staff-alex',
        start: SLOT.start,
        contact: { name: 'Ana Lopez', phone: PHONE },
      },
    ]);
    expect(r.memory.state).toBe('CONFIRMING');
  });
});

describe('verifying the phone with a code', () => {
  it('the right code verifies the phone, and the waiting request then goes ahead with the bookings', () => {
    const right = say(awaitingCode(), CODE, anonymous());
    expect(right.commands).toEqual([{ type: 'verify', phone: PHONE }]);
    const resumed = stepInput(right.memory, { kind: 'verified' }, verifiedFacts());
    expect(resumed.memory).toMatchObject({ state: 'CANCEL_CONFIRM', draft: { targetBookingId: 'b1' } });
  });

  it(`${MAX_WRONG_CODES} wrong codes end the attempt`, () => {
    let memory = awaitingCode();
    for (let i = 1; i < MAX_WRONG_CODES; i++) {
      const r = say(memory, '000000', anonymous());
      expect(r.replies[0].text).toMatch(new RegExp(`${MAX_WRONG_CODES - i} tr(y|ies) left`));
      memory = r.memory;
    }
    const last = say(memory, '000000', anonymous());
    expect(last.replies[0].text).toMatch(/too many wrong codes/);
    expect(last.memory.visitor?.verification).toBeUndefined();
    // The right code no longer counts.
    const late = say(last.memory, CODE, anonymous());
    expect(late.commands).toEqual([]);
  });

  it('a code past its 10 minutes is refused, even when right', () => {
    const memory = awaitingCode();
    const r = say(memory, CODE, anonymous(), new Date(NOW.getTime() + 10 * 60_000));
    expect(r.commands).toEqual([]);
    expect(r.memory.awaiting).toBe('phone');
    expect(r.replies[0].text).toMatch(/expired/);
    const inTime = say(memory, CODE, anonymous(), new Date(NOW.getTime() + 10 * 60_000 - 1));
    expect(inTime.commands).toEqual([{ type: 'verify', phone: PHONE }]);
  });

  it(`a session gets at most ${MAX_CODES_PER_SESSION} codes`, () => {
    let memory = initialMemory('en');
    for (let i = 0; i < MAX_CODES_PER_SESSION; i++) {
      const asked = say(memory, 'when is my appointment?', anonymous());
      const sent = i === 0 ? say(asked.memory, PHONE, anonymous()) : asked;
      expect(sent.commands).toEqual([{ type: 'send_code', phone: PHONE }]);
      memory = say(sent.memory, 'never mind', anonymous()).memory;
    }
    const refused = say(memory, 'when is my appointment?', anonymous());
    expect(refused.commands).toEqual([]);
    expect(refused.replies[0].text).toMatch(/link in your booking confirmation/);
  });

  it('asking for a person points to calling or texting: no one can answer a web chat session here', () => {
    const r = say(initialMemory('en'), 'can I talk to a human?', anonymous());
    expect(r.replies[0].text).toMatch(/call or text us/);
  });

  it('a verified visitor is a known customer: their bookings are shown', () => {
    const r = say(initialMemory('en'), 'when is my appointment?', verifiedFacts());
    expect(r.replies[0].text).toMatch(/Your next appointment/);
  });
});
