import { DateTime } from 'luxon';
import type { Awaiting, ChatReply, ChatState } from '@frontdesk/contracts';
import { WEEKDAYS } from '@frontdesk/contracts';
import type { Understanding } from '../understanding';
import { formatWhen, localDateOf, localTimeOf } from './format';
import { TEXTS, type Texts } from './texts';
import type { Command, Facts, Memory, OfferedOption, StepResult, UpcomingBooking } from './types';

/**
 * One step in progress: the memory being changed, the replies and commands so far, and what
 * every flow needs of them (saying, asking, resetting, looking up bookings). The flows
 * (booking.ts, reschedule.ts, cancel.ts, answers.ts, slot-search.ts) are functions of a turn.
 */
export class Turn {
  readonly m: Memory;
  readonly replies: ChatReply[] = [];
  readonly commands: Command[] = [];
  readonly zone: string;
  knownName: string | null;
  /** The hold released earlier in this turn: its time is free again for the new search. */
  released: string | undefined;

  constructor(
    memory: Memory,
    readonly facts: Facts,
  ) {
    this.m = structuredClone(memory);
    this.zone = facts.business.timezone;
    // A web visitor not yet verified is known by the name they typed in this session only.
    this.knownName = facts.visitor && !facts.visitor.verifiedPhone ? (memory.visitor?.name ?? null) : facts.customer.name;
  }

  result(): StepResult {
    return { memory: this.m, replies: this.replies, commands: this.commands };
  }

  get t(): Texts {
    return TEXTS[this.m.language];
  }

  // ---- saying and asking ----

  say(text: string, options: OfferedOption[] = []): void {
    this.replies.push(options.length ? { text, options: options.map(({ id, label }) => ({ id, label })) } : { text });
  }

  ask(awaiting: Awaiting, text: string, options: OfferedOption[] = []): void {
    this.m.awaiting = awaiting;
    this.m.options = options;
    this.say(text, options);
  }

  askYesNo(text: string): void {
    this.ask('confirmation', text, [
      { id: 'yes', label: this.t.yes, value: { kind: 'yes' } },
      { id: 'no', label: this.t.no, value: { kind: 'no' } },
    ]);
  }

  // ---- letting go ----

  abandonHold(): void {
    if (this.m.state === 'CONFIRMING' && this.m.bookingId) {
      this.commands.push({ type: 'release', bookingId: this.m.bookingId });
      this.released = this.m.bookingId;
      this.m.bookingId = null;
    }
  }

  /** Back to idle; `forgetBooking: false` keeps the booking the conversation was about. */
  reset(forgetBooking = true): void {
    const state: ChatState = 'IDLE';
    this.m.state = state;
    this.m.awaiting = null;
    this.m.options = [];
    this.m.draft = {};
    this.m.attempts = 0;
    if (forgetBooking && this.m.bookingId && !this.facts.upcoming.some((b) => b.id === this.m.bookingId)) this.m.bookingId = null;
  }

  // ---- looking things up ----

  pickedOption(u: Understanding): OfferedOption | undefined {
    if (u.optionIndex === undefined) return undefined;
    return this.m.options[u.optionIndex];
  }

  /** The answer to a yes/no question, said or tapped; undefined when the message is neither. */
  yesOrNo(u: Understanding): 'yes' | 'no' | undefined {
    const kind = this.pickedOption(u)?.value.kind;
    if (u.intent === 'yes' || kind === 'yes') return 'yes';
    if (u.intent === 'no' || kind === 'no') return 'no';
    return undefined;
  }

  /** The one upcoming booking the message's details point at, if they narrow it down to one. */
  matchBooking(u: Understanding): UpcomingBooking | undefined {
    const candidates = this.facts.upcoming.filter(
      (b) =>
        b.status !== 'held' &&
        (!u.serviceId || b.serviceId === u.serviceId) &&
        (!u.date || localDateOf(b.start, this.zone) === u.date) &&
        (!u.time || localTimeOf(b.start, this.zone) === u.time),
    );
    const narrowed = u.serviceId || u.date || u.time;
    return narrowed && candidates.length === 1 ? candidates[0] : undefined;
  }

  /** The booking being cancelled or rescheduled. */
  target(): UpcomingBooking | undefined {
    const id = this.m.draft.targetBookingId;
    return id ? this.facts.upcoming.find((b) => b.id === id) : undefined;
  }

  describeBooking(b: UpcomingBooking): string {
    return `${this.serviceName(b.serviceId)} — ${formatWhen(b.start, this.zone, this.m.language)}`;
  }

  serviceName(id: string | undefined): string {
    return this.facts.services.find((s) => s.id === id)?.name ?? '';
  }

  /** The business does not open that day: never on that weekday, or closed by an override. */
  closedOn(date: string): boolean {
    const weekday = WEEKDAYS[DateTime.fromISO(date, { zone: 'utc' }).weekday - 1];
    return this.facts.business.hours[weekday].length === 0 || this.facts.closedAllDay(date);
  }
}

export function hasBookingDetails(u: Understanding): boolean {
  return Boolean(u.serviceId || u.date || u.dateRange || u.time || u.timeOfDay || u.earliest || u.staffId);
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
