import type { Understanding } from '../understanding';
import type { Turn } from './turn';
import type { VisitorMemory } from './types';

// Who is talking on the web chat. SMS and WhatsApp senders are known by their number; a web
// visitor is anonymous until they prove a phone number with a code sent to it. Until then the
// bot books under the name and phone they type, but never shows, changes or cancels earlier
// bookings, nor touches the customer's record or opt-out.

/** How long a verification code is valid. */
export const CODE_TTL_MINUTES = 10;
/** Wrong codes that end a verification attempt. */
export const MAX_WRONG_CODES = 5;
/** Codes one session may ask for: a new code is not a new batch of guesses without end. */
export const MAX_CODES_PER_SESSION = 3;

const CODE = /^\d{6}$/;
/** Intents that turn away from the question asked, rather than answer it badly. */
const TURNS_AWAY = new Set<Understanding['intent']>([
  'no',
  'cancel',
  'stop',
  'start',
  'human',
  'reschedule',
  'book',
  'ask_appointment',
]);

/** Whether the conversation's customer is known: always off the web, once their phone is verified on it. */
export function identified(turn: Turn): boolean {
  const visitor = turn.facts.visitor;
  return !visitor || visitor.verifiedPhone !== null;
}

export function visitorOf(turn: Turn): VisitorMemory {
  return (turn.m.visitor ??= {});
}

/**
 * A request about earlier bookings or the customer's record: true when the customer is known.
 * Otherwise the bot starts proving the phone (or, with no way to send a code, points to the
 * manage link) and the request waits until the code is entered.
 */
export function mayTouchCustomer(turn: Turn, u: Understanding): boolean {
  if (identified(turn)) return true;
  turn.abandonHold();
  turn.reset();
  const visitor = visitorOf(turn);
  delete visitor.resume;
  if (!turn.facts.visitor!.canSendCode || (visitor.codesSent ?? 0) >= MAX_CODES_PER_SESSION) {
    turn.say(turn.t.useManageLink);
    return false;
  }
  visitor.resume = u;
  if (!visitor.phone) {
    visitor.phoneFor = 'verification';
    turn.ask('phone', turn.t.askPhoneToVerify);
    return false;
  }
  sendCode(turn, visitor.phone);
  return false;
}

/**
 * The contact a new booking is made under: none for a known customer (the conversation's own),
 * the typed name and phone for a web visitor, or null while the visitor's phone is still missing.
 */
export function bookingContact(turn: Turn): { name: string; phone: string; email?: string } | undefined | null {
  if (identified(turn)) return undefined;
  const visitor = visitorOf(turn);
  if (!visitor.phone || !turn.knownName) return null;
  return { name: turn.knownName, phone: visitor.phone, ...(visitor.email ? { email: visitor.email } : {}) };
}

/** Asks a web visitor for the phone a new booking goes under. */
export function askBookingPhone(turn: Turn): void {
  visitorOf(turn).phoneFor = 'booking';
  turn.ask('phone', turn.t.askPhone);
}

/** The question standing while the bot waits for a phone or a code (for asking again). */
export function identityPrompt(turn: Turn): string {
  if (turn.m.awaiting === 'verification_code') return turn.t.askCode;
  return turn.m.visitor?.phoneFor === 'verification' ? turn.t.askPhoneToVerify : turn.t.askPhone;
}

/**
 * The visitor's answer while the bot waits for their phone or a code. Returns what happens
 * next: `handled` (answered here), `booking` (a booking's phone was given: carry on with the
 * booking), or `other` (the message is about something else: the normal flow takes it).
 */
export function answerIdentity(turn: Turn, u: Understanding, text: string): 'handled' | 'booking' | 'other' {
  if (turn.m.awaiting === 'phone') return answerPhone(turn, u, text);
  if (turn.m.awaiting === 'verification_code') return answerCode(turn, u, text);
  return 'other';
}

function answerPhone(turn: Turn, u: Understanding, text: string): 'handled' | 'booking' | 'other' {
  const visitor = visitorOf(turn);
  const phone = turn.facts.visitor?.parsePhone(text) ?? null;
  if (!phone) {
    if (TURNS_AWAY.has(u.intent)) {
      if (visitor.phoneFor === 'verification') forget(turn);
      return 'other';
    }
    turn.m.attempts += 1;
    turn.say(turn.t.didNotUnderstand);
    turn.say(identityPrompt(turn));
    return 'handled';
  }
  visitor.phone = phone;
  turn.m.attempts = 0;
  if (visitor.phoneFor === 'verification') {
    if ((visitor.codesSent ?? 0) >= MAX_CODES_PER_SESSION) {
      forget(turn);
      turn.say(turn.t.useManageLink);
      return 'handled';
    }
    sendCode(turn, phone);
    return 'handled';
  }
  delete visitor.phoneFor;
  return 'booking';
}

function answerCode(turn: Turn, u: Understanding, text: string): 'handled' | 'other' {
  const visitor = visitorOf(turn);
  const pending = visitor.verification;
  if (!pending) {
    forget(turn);
    return 'other';
  }
  const code = text.replace(/[\s-]/g, '');
  if (!CODE.test(code)) {
    if (TURNS_AWAY.has(u.intent)) {
      forget(turn);
      return 'other';
    }
    turn.say(turn.t.askCode);
    return 'handled';
  }
  if (turn.facts.now.getTime() >= Date.parse(pending.expiresAt)) {
    delete visitor.verification;
    visitor.phoneFor = 'verification';
    turn.ask('phone', turn.t.codeExpired);
    return 'handled';
  }
  if (turn.facts.visitor?.codeMatches(code)) {
    delete visitor.verification;
    turn.commands.push({ type: 'verify', phone: pending.phone });
    turn.m.awaiting = null;
    turn.m.options = [];
    turn.say(turn.t.verified);
    return 'handled';
  }
  pending.wrongCodes += 1;
  if (pending.wrongCodes >= MAX_WRONG_CODES) {
    forget(turn);
    turn.say(turn.t.tooManyWrongCodes);
    return 'handled';
  }
  turn.say(turn.t.wrongCode(MAX_WRONG_CODES - pending.wrongCodes));
  return 'handled';
}

/** The request waiting for verification, taken out of memory once the phone is verified. */
export function takeResume(turn: Turn): Understanding | undefined {
  const resume = turn.m.visitor?.resume;
  if (turn.m.visitor) delete turn.m.visitor.resume;
  return resume;
}

function sendCode(turn: Turn, phone: string): void {
  const visitor = visitorOf(turn);
  delete visitor.phoneFor;
  visitor.codesSent = (visitor.codesSent ?? 0) + 1;
  const expiresAt = new Date(turn.facts.now.getTime() + CODE_TTL_MINUTES * 60_000).toISOString();
  visitor.verification = { phone, expiresAt, wrongCodes: 0 };
  turn.commands.push({ type: 'send_code', phone });
  turn.ask('verification_code', turn.t.codeSent(phone));
}

/** Drops a verification in progress and the request that waited for it. */
function forget(turn: Turn): void {
  const visitor = visitorOf(turn);
  delete visitor.verification;
  delete visitor.resume;
  delete visitor.phoneFor;
  turn.m.awaiting = null;
  turn.m.options = [];
}
