import { DateTime } from 'luxon';
import type { Awaiting, ChatReply, ChatState, WeeklyHours } from '@frontdesk/contracts';
import { WEEKDAYS } from '@frontdesk/contracts';
import type { Understanding } from '../understanding';
import {
  addDays,
  formatDate,
  formatHours,
  formatIntervals,
  formatMoney,
  formatWhen,
  localDateOf,
  localTimeOf,
  minutesOfDay,
  slotLabel,
  todayIn,
} from './format';
import { TEXTS, type Texts } from './texts';
import type { Command, Draft, Facts, FactSlot, Input, Memory, OfferedOption, StepResult, UpcomingBooking } from './types';

/** Failed attempts at one question before the bot hands over to a person. */
export const MAX_ATTEMPTS = 3;
const MAX_OPTIONS = 3;
/** How far past a requested day the bot looks for the nearest openings. */
const SEARCH_AHEAD_DAYS = 14;

const PARTS_OF_DAY = {
  morning: [0, 12 * 60],
  afternoon: [12 * 60, 17 * 60],
  evening: [17 * 60, 24 * 60],
} as const;

/**
 * The conversation engine: given what the bot remembers, the customer's message (already
 * understood) and what the backend knows, decide the replies, the new memory and the commands
 * for the backend to carry out. Pure: no clock, no I/O.
 */
export function step(memory: Memory, input: Input, facts: Facts): StepResult {
  const turn = new Turn(memory, facts);
  if (input.kind === 'command_failed') turn.commandFailed(input.command, input.reason);
  else turn.message(input.understanding);
  return turn.result();
}

class Turn {
  private readonly m: Memory;
  private readonly replies: ChatReply[] = [];
  private readonly commands: Command[] = [];
  private readonly zone: string;
  private knownName: string | null;
  /** The hold released earlier in this turn: its time is free again for the new search. */
  private released: string | undefined;

  constructor(
    memory: Memory,
    private readonly facts: Facts,
  ) {
    this.m = structuredClone(memory);
    this.zone = facts.business.timezone;
    this.knownName = facts.customer.name;
  }

  result(): StepResult {
    return { memory: this.m, replies: this.replies, commands: this.commands };
  }

  private get t(): Texts {
    return TEXTS[this.m.language];
  }

  // ---- entry points ----

  message(u: Understanding): void {
    const lastTopic = this.m.lastTopic;
    delete this.m.lastTopic;
    if (u.language !== this.m.language) {
      this.m.language = u.language;
      this.commands.push({ type: 'update_customer', language: u.language });
    }
    if (u.name || u.email) {
      if (u.name) this.knownName = u.name;
      this.commands.push({
        type: 'update_customer',
        ...(u.name ? { name: u.name } : {}),
        ...(u.email ? { email: u.email } : {}),
      });
    }

    switch (u.intent) {
      case 'stop':
        this.abandonHold();
        this.reset();
        this.commands.push({ type: 'opt_out' });
        return this.say(this.t.stopped);
      case 'start':
        this.commands.push({ type: 'opt_in' });
        return this.say(this.t.started);
      case 'human':
        this.abandonHold();
        this.reset();
        this.commands.push({ type: 'flag_for_staff', reason: 'asked_for_a_person', pauseBot: true });
        return this.say(this.t.handOff);
      case 'help':
        this.say(this.t.help(this.facts.business.name));
        return this.reprompt();
      case 'ask_services':
      case 'ask_prices':
        this.answerServices(u);
        return this.reprompt();
      case 'ask_hours':
        this.answerHours(u);
        return this.reprompt();
      case 'ask_appointment':
        this.answerAppointments();
        return this.reprompt();
      case 'cancel':
        if (this.m.state === 'CONFIRMING' || (this.m.state === 'COLLECTING' && !this.mentionsBooking(u))) {
          this.abandonHold();
          this.reset();
          return this.say(this.t.letGo);
        }
        return this.startCancel(u);
      case 'reschedule':
        this.abandonHold();
        return this.startReschedule(u);
      case 'greeting':
      case 'thanks':
        if (this.m.state === 'IDLE' && !hasBookingDetails(u)) {
          return this.say(u.intent === 'greeting' ? this.t.greeting(this.facts.business.name) : this.t.thanks);
        }
        break;
      case 'inform':
      case 'change':
        // "and Saturday?" right after the hours were given asks for that day's hours.
        if (lastTopic === 'hours' && this.m.state === 'IDLE' && u.date && !u.serviceId && !u.time && !u.staffId) {
          return this.answerHours(u);
        }
        if (u.intent === 'change') break;
        // Only a name, given while the bot asked something else: noted, and the question stands.
        if (u.name && !hasBookingDetails(u) && u.optionIndex === undefined && this.m.awaiting !== 'name') {
          this.say(this.t.gotName(u.name));
          if (this.m.state === 'IDLE') return this.say(this.t.capabilities);
          return this.reprompt();
        }
        break;
      case 'book':
      case 'yes':
      case 'no':
      case 'choose':
      case 'unknown':
        break;
    }
    this.continueFlow(u);
  }

  commandFailed(command: Command, reason: 'slot_unavailable' | 'too_late' | 'not_active'): void {
    if (reason === 'too_late') {
      this.reset();
      return this.say(this.t.tooLate(this.facts.business.cancellationNoticeHours));
    }
    if (reason === 'not_active') {
      this.reset();
      return this.say(this.t.noLongerActive);
    }
    // The slot went to someone else between our offer and the hold (or the hold expired).
    this.say(this.t.justTaken);
    const wanted = 'start' in command ? command.start : this.m.draft.slot?.start;
    this.m.bookingId = command.type === 'reschedule' ? this.m.bookingId : null;
    if (this.m.state === 'CONFIRMING') this.m.state = 'COLLECTING';
    if (this.m.state === 'RESCHEDULE_CONFIRM') this.m.state = 'RESCHEDULE_COLLECTING';
    delete this.m.draft.slot;
    delete this.m.draft.time;
    const serviceId = this.m.draft.serviceId;
    if (!serviceId || !wanted) return this.advance();
    this.offer(this.nearest(serviceId, wanted), this.t.closest);
  }

  // ---- flows ----

  private continueFlow(u: Understanding): void {
    const state = this.m.state;
    switch (state) {
      case 'IDLE':
        if (u.intent === 'book' || hasBookingDetails(u)) return this.startBooking(u);
        if (u.intent === 'yes' || u.intent === 'no' || u.intent === 'thanks') return this.say(this.t.capabilities);
        return this.failed();
      case 'COLLECTING':
      case 'RESCHEDULE_COLLECTING':
        return this.collect(u);
      case 'CONFIRMING':
        return this.confirming(u);
      case 'RESCHEDULE_CONFIRM':
        return this.confirmingReschedule(u);
      case 'CANCEL_CONFIRM':
        return this.confirmingCancel(u);
      case 'PAYMENT_PENDING':
        return this.say(this.t.paymentPending);
      default:
        return assertNever(state);
    }
  }

  private startBooking(u: Understanding): void {
    this.m.state = 'COLLECTING';
    this.m.draft = {};
    this.m.attempts = 0;
    this.merge(u);
    this.advance();
  }

  /** Collecting details for a booking or a reschedule: take what the message gives, then move on. */
  private collect(u: Understanding): void {
    const awaiting = this.m.awaiting;
    const option = this.pickedOption(u);
    if (option?.value.kind === 'service') {
      // "a haircut with Alex tomorrow at 5:30" names the offered service and more: keep it all.
      this.merge({ ...u, serviceId: option.value.serviceId });
      this.m.attempts = 0;
      return this.advance();
    }
    if (option) return this.takeOption(option);
    if (awaiting === 'name' && u.name) return this.advance();
    // "never mind", "forget it", "no" to an open question: the customer lets the whole request go.
    if (u.intent === 'no' && !hasBookingDetails(u) && awaiting !== 'slot_choice' && awaiting !== 'time') {
      const rescheduling = this.m.state === 'RESCHEDULE_COLLECTING';
      this.reset();
      return this.say(rescheduling ? this.t.keptBooking : this.t.letGo);
    }
    if (u.intent === 'no' && (awaiting === 'slot_choice' || awaiting === 'time')) {
      delete this.m.draft.time;
      delete this.m.draft.slot;
      this.m.attempts = 0;
      return this.ask('date', this.t.notBooked);
    }
    if (u.intent === 'yes' && awaiting === 'slot_choice' && this.m.options.length === 1) {
      return this.takeOption(this.m.options[0]);
    }
    if (this.merge(u)) {
      this.m.attempts = 0;
      return this.advance();
    }
    this.failed();
  }

  private confirming(u: Understanding): void {
    const option = this.pickedOption(u);
    const yes = u.intent === 'yes' || option?.value.kind === 'yes';
    const no = u.intent === 'no' || option?.value.kind === 'no';
    if (yes && this.m.bookingId && this.m.draft.slot) {
      this.commands.push({ type: 'confirm', bookingId: this.m.bookingId });
      const service = this.serviceName(this.m.draft.serviceId);
      this.say(this.t.booked(service, formatWhen(this.m.draft.slot.start, this.zone, this.m.language)));
      this.m.state = 'IDLE';
      this.m.awaiting = null;
      this.m.options = [];
      this.m.draft = {};
      this.m.attempts = 0;
      return;
    }
    if (no && !hasBookingDetails(u)) {
      this.abandonHold();
      delete this.m.draft.slot;
      delete this.m.draft.time;
      this.m.state = 'COLLECTING';
      this.m.attempts = 0;
      return this.ask('date', this.t.notBooked);
    }
    if (hasBookingDetails(u)) {
      this.abandonHold();
      this.m.state = 'COLLECTING';
      delete this.m.draft.slot;
      this.merge(u);
      this.m.attempts = 0;
      return this.advance();
    }
    this.failed();
  }

  private confirmingReschedule(u: Understanding): void {
    const option = this.pickedOption(u);
    const yes = u.intent === 'yes' || option?.value.kind === 'yes';
    const no = u.intent === 'no' || option?.value.kind === 'no';
    const target = this.target();
    const slot = this.m.draft.slot;
    if (yes && target && slot) {
      this.commands.push({ type: 'reschedule', bookingId: target.id, start: slot.start, staffId: slot.staffId });
      this.say(this.t.rescheduled(this.serviceName(target.serviceId), formatWhen(slot.start, this.zone, this.m.language)));
      this.m.bookingId = target.id;
      return this.reset(false);
    }
    if (no && !hasBookingDetails(u)) {
      delete this.m.draft.slot;
      delete this.m.draft.time;
      this.m.state = 'RESCHEDULE_COLLECTING';
      this.m.attempts = 0;
      return this.ask('date', this.t.notBooked);
    }
    if (hasBookingDetails(u)) {
      this.m.state = 'RESCHEDULE_COLLECTING';
      delete this.m.draft.slot;
      this.merge(u);
      this.m.attempts = 0;
      return this.advance();
    }
    this.failed();
  }

  private confirmingCancel(u: Understanding): void {
    const option = this.pickedOption(u);
    if (this.m.awaiting === 'booking_choice') {
      const chosen = option?.value.kind === 'booking' ? option.value.bookingId : this.matchBooking(u)?.id;
      if (chosen) return this.askCancelConfirmation(chosen);
      return this.failed();
    }
    const yes = u.intent === 'yes' || option?.value.kind === 'yes';
    const no = u.intent === 'no' || option?.value.kind === 'no';
    const target = this.target();
    if (yes && target) {
      this.commands.push({ type: 'cancel', bookingId: target.id });
      this.say(this.t.cancelled(this.describeBooking(target)));
      this.m.bookingId = target.id;
      return this.reset(false);
    }
    if (no) {
      this.reset();
      return this.say(this.t.keptBooking);
    }
    this.failed();
  }

  private startCancel(u: Understanding): void {
    this.reset();
    const upcoming = this.facts.upcoming.filter((b) => b.status !== 'held');
    if (upcoming.length === 0) return this.say(this.t.noUpcoming);
    const match = this.matchBooking(u) ?? (upcoming.length === 1 ? upcoming[0] : undefined);
    this.m.state = 'CANCEL_CONFIRM';
    if (match) return this.askCancelConfirmation(match.id);
    this.offerBookings('cancel', upcoming);
  }

  private askCancelConfirmation(bookingId: string): void {
    this.m.state = 'CANCEL_CONFIRM';
    this.m.draft = { targetBookingId: bookingId };
    this.m.bookingId = bookingId;
    const target = this.target()!;
    this.askYesNo(this.t.confirmCancel(this.describeBooking(target)));
  }

  private startReschedule(u: Understanding): void {
    this.reset();
    const upcoming = this.facts.upcoming.filter((b) => b.status !== 'held');
    if (upcoming.length === 0) return this.say(this.t.noUpcoming);
    this.m.state = 'RESCHEDULE_COLLECTING';
    const match = this.matchBooking(u) ?? (upcoming.length === 1 ? upcoming[0] : undefined);
    if (!match) return this.offerBookings('reschedule', upcoming);
    this.m.draft = { targetBookingId: match.id, serviceId: match.serviceId, staffId: match.staffId };
    this.m.bookingId = match.id;
    // Details in the same message describe the new time, unless they only named the booking.
    const named = u.date && localDateOf(match.start, this.zone) === u.date && !u.time;
    if (!named && this.merge(u, { keepService: true })) return this.advance();
    this.ask('date', this.t.askNewTime(this.describeBooking(match)));
  }

  // ---- moving a booking or reschedule forward ----

  /** Asks for whatever is missing, or offers, holds or confirms a slot. */
  private advance(): void {
    const d = this.m.draft;
    const rescheduling = this.m.state === 'RESCHEDULE_COLLECTING';
    if (rescheduling && !this.target()) {
      return this.offerBookings(
        'reschedule',
        this.facts.upcoming.filter((b) => b.status !== 'held'),
      );
    }
    if (!d.serviceId) {
      if (this.facts.services.length === 1) d.serviceId = this.facts.services[0].id;
      else return this.askService();
    }
    if (d.slot) return this.chooseSlot(d.slot);
    const today = todayIn(this.facts.now, this.zone);
    if (!d.date && !d.dateRange && !d.earliest) {
      if (!d.time && !d.timeOfDay) return this.ask('date', this.t.askDate);
      // A time alone moves a booking within its own day ("can I move it to 4pm?"); a new booking means today.
      const target = rescheduling ? this.target() : undefined;
      d.date = target ? maxDate(localDateOf(target.start, this.zone), today) : today;
    }
    const lastDay = addDays(today, this.facts.business.maxAdvanceDays);
    if (d.date && d.date > lastDay) {
      this.say(this.t.tooFar(this.facts.business.maxAdvanceDays));
      delete d.date;
      return this.ask('date', this.t.askDate);
    }
    const from = d.date ?? d.dateRange?.from ?? today;
    const to = d.date ?? (d.dateRange ? minDate(d.dateRange.to, lastDay) : lastDay);
    const slots = this.slots(d.serviceId, from, to);

    if (d.time && d.timeBound) {
      // "after 5", "before noon": a bound on the time, not a wish for that exact time.
      const bound = d.time;
      const within = slots.filter((s) =>
        d.timeBound === 'after' ? localTimeOf(s.start, this.zone) >= bound : localTimeOf(s.start, this.zone) < bound,
      );
      if (within.length > 0) {
        if (d.earliest) return this.chooseSlot(this.pickStaff(within[0]));
        return d.date
          ? this.offer(spread(within), this.t.askWhichTime(formatDate(d.date, this.zone, this.m.language)))
          : this.offer(firstPerDay(within, this.zone), this.t.askWhichTimeAcrossDays);
      }
    }
    if (d.time && d.date && !d.timeBound) {
      const exact = slots.find((s) => localTimeOf(s.start, this.zone) === d.time);
      if (exact) return this.chooseSlot(this.pickStaff(exact));
      const requested = this.instantOf(d.date, d.time);
      if (d.approximate) {
        const near = this.nearest(d.serviceId, requested).filter(
          (s) => Math.abs(Date.parse(s.start) - Date.parse(requested)) <= 90 * 60_000,
        );
        if (near.length > 0) return this.offer(near, this.t.askWhichTime(formatDate(d.date, this.zone, this.m.language)));
      }
      this.say(this.unavailableReason(d.date, d.time, slots));
      // Nothing at all that day (closed, full): the same time of day on the nearest days that have it.
      if (slots.length === 0) return this.offer(this.sameTimeOnNearbyDays(d.serviceId, d.date, d.time), this.t.closest);
      return this.offer(this.nearest(d.serviceId, requested), this.t.closest);
    }

    const part = d.timeOfDay;
    const inPart = part ? slots.filter((s) => inPartOfDay(localTimeOf(s.start, this.zone), part)) : slots;
    if (d.earliest && inPart.length > 0) return this.chooseSlot(this.pickStaff(inPart[0]));
    if (inPart.length === 0) {
      if (d.date) {
        const day = formatDate(d.date, this.zone, this.m.language);
        if (slots.length === 0 && this.closedOn(d.date)) this.say(this.t.closedOn(day));
        else this.say(part ? this.t.noOpeningsInPart(day, this.t[part]) : this.t.noOpenings(day));
        const later = this.slots(d.serviceId, addDays(d.date, 1), minDate(addDays(d.date, SEARCH_AHEAD_DAYS), lastDay));
        const laterInPart = part ? later.filter((s) => inPartOfDay(localTimeOf(s.start, this.zone), part)) : later;
        return this.offer(firstPerDay(laterInPart.length ? laterInPart : later, this.zone), this.t.askWhichTimeAcrossDays);
      }
      this.say(this.t.nothingAtAll);
      return this.ask('date', this.t.askDate);
    }
    if (d.date) return this.offer(spread(inPart), this.t.askWhichTime(formatDate(d.date, this.zone, this.m.language)));
    this.offer(firstPerDay(inPart, this.zone), this.t.askWhichTimeAcrossDays);
  }

  /** A concrete slot: ask the name if needed, then hold it and ask for confirmation. */
  private chooseSlot(slot: { start: string; staffId: string }): void {
    const d = this.m.draft;
    d.slot = slot;
    d.date = localDateOf(slot.start, this.zone);
    d.time = localTimeOf(slot.start, this.zone);
    this.m.attempts = this.m.awaiting === 'name' ? this.m.attempts : 0;
    if (this.m.state === 'RESCHEDULE_COLLECTING') {
      const target = this.target()!;
      this.m.state = 'RESCHEDULE_CONFIRM';
      return this.askYesNo(
        this.t.confirmReschedule(
          this.serviceName(target.serviceId),
          formatWhen(target.start, this.zone, this.m.language),
          formatWhen(slot.start, this.zone, this.m.language),
        ),
      );
    }
    if (!this.knownName) return this.ask('name', this.t.askName);
    const service = this.facts.services.find((s) => s.id === d.serviceId)!;
    this.commands.push({ type: 'hold', serviceId: service.id, staffId: slot.staffId, start: slot.start });
    this.m.state = 'CONFIRMING';
    const staff = d.staffId ? (this.facts.staff.find((s) => s.id === d.staffId)?.name ?? null) : null;
    this.askYesNo(
      this.t.confirmBooking(
        service.name,
        formatWhen(slot.start, this.zone, this.m.language),
        staff,
        formatMoney(service.priceCents, this.facts.business.currency, this.m.language),
      ),
    );
  }

  // ---- understanding the answer ----

  /** Folds the message's details into the draft; false when it carried none that matter here. */
  private merge(u: Understanding, options: { keepService?: boolean } = {}): boolean {
    const d: Draft = this.m.draft;
    let changed = false;
    if (u.serviceId && !options.keepService && u.serviceId !== d.serviceId) {
      d.serviceId = u.serviceId;
      changed = true;
    }
    if (u.staffId) {
      d.staffId = u.staffId;
      changed = true;
    } else if (u.anyStaff && d.staffId) {
      delete d.staffId;
      changed = true;
    }
    if (u.date) {
      d.date = u.date;
      delete d.dateRange;
      delete d.earliest;
      changed = true;
    } else if (u.dateRange) {
      d.dateRange = u.dateRange;
      delete d.date;
      delete d.earliest;
      changed = true;
    }
    if (u.time) {
      d.time = u.time;
      d.approximate = u.approximate ?? false;
      if (u.timeBound) d.timeBound = u.timeBound;
      else delete d.timeBound;
      delete d.timeOfDay;
      changed = true;
    } else if (u.timeOfDay) {
      d.timeOfDay = u.timeOfDay;
      delete d.time;
      changed = true;
    }
    // "Sunday, same time" when moving a booking: the booking's own time.
    if (!u.time && u.sameTime && !d.time && this.target()) {
      d.time = localTimeOf(this.target()!.start, this.zone);
      changed = true;
    }
    // A new day without a time keeps the time already asked for ("make it Saturday").
    if (u.earliest) {
      d.earliest = true;
      // "Friday, first thing" is the earliest that day; "the earliest you have" is the earliest of all.
      if (!u.date && !u.dateRange) {
        delete d.date;
        delete d.dateRange;
      }
      delete d.time;
      changed = true;
    }
    if (changed) delete d.slot;
    if (u.name && this.m.awaiting === 'name') changed = true;
    return changed;
  }

  private pickedOption(u: Understanding): OfferedOption | undefined {
    if (u.optionIndex === undefined) return undefined;
    return this.m.options[u.optionIndex];
  }

  private takeOption(option: OfferedOption): void {
    const value = option.value;
    switch (value.kind) {
      case 'slot':
        this.m.attempts = 0;
        return this.chooseSlot({ start: value.start, staffId: this.m.draft.staffId ?? value.staffId });
      case 'service':
        this.m.draft.serviceId = value.serviceId;
        this.m.attempts = 0;
        return this.advance();
      case 'booking': {
        const booking = this.facts.upcoming.find((b) => b.id === value.bookingId);
        if (!booking) return this.failed();
        this.m.draft = { targetBookingId: booking.id, serviceId: booking.serviceId, staffId: booking.staffId };
        this.m.bookingId = booking.id;
        this.m.attempts = 0;
        return this.ask('date', this.t.askNewTime(this.describeBooking(booking)));
      }
      case 'yes':
      case 'no':
        return this.failed();
      default:
        return assertNever(value);
    }
  }

  private matchBooking(u: Understanding): UpcomingBooking | undefined {
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

  private mentionsBooking(u: Understanding): boolean {
    return this.matchBooking(u) !== undefined || /appointment|booking|cita|reserva/i.test(JSON.stringify(u));
  }

  // ---- asking and offering ----

  private ask(awaiting: Awaiting, text: string, options: OfferedOption[] = []): void {
    this.m.awaiting = awaiting;
    this.m.options = options;
    this.say(text, options);
  }

  private askYesNo(text: string): void {
    this.ask('confirmation', text, [
      { id: 'yes', label: this.t.yes, value: { kind: 'yes' } },
      { id: 'no', label: this.t.no, value: { kind: 'no' } },
    ]);
  }

  private askService(): void {
    const options = this.facts.services
      .slice(0, 10)
      .map((s) => ({ id: `service:${s.id}`, label: s.name, value: { kind: 'service' as const, serviceId: s.id } }));
    this.m.state = this.m.state === 'IDLE' ? 'COLLECTING' : this.m.state;
    this.ask('service', this.t.askService, options);
  }

  private offer(slots: FactSlot[], intro: string): void {
    if (slots.length === 0) {
      this.say(this.t.nothingAtAll);
      return this.ask('date', this.t.askDate);
    }
    const chosen = slots.slice(0, MAX_OPTIONS);
    const sameDay = new Set(chosen.map((s) => localDateOf(s.start, this.zone))).size === 1;
    const options = chosen.map((s) => {
      const picked = this.pickStaff(s);
      return {
        id: `slot:${s.start}`,
        label: slotLabel(s.start, this.zone, this.m.language, sameDay),
        value: { kind: 'slot' as const, start: s.start, staffId: picked.staffId },
      };
    });
    this.ask('slot_choice', intro, options);
  }

  private offerBookings(verb: 'cancel' | 'reschedule', bookings: UpcomingBooking[]): void {
    const options = bookings.slice(0, 10).map((b) => ({
      id: `booking:${b.id}`,
      label: this.describeBooking(b),
      value: { kind: 'booking' as const, bookingId: b.id },
    }));
    this.ask('booking_choice', this.t.whichBooking(verb), options);
  }

  /** Says the current question again (after answering a side question). */
  private reprompt(): void {
    const awaiting = this.m.awaiting;
    if (this.m.state === 'IDLE' || !awaiting) return;
    const last = this.lastPrompt();
    if (last) this.say(last.text, this.m.options);
  }

  private lastPrompt(): { text: string } | undefined {
    switch (this.m.awaiting) {
      case 'service':
        return { text: this.t.askService };
      case 'date':
      case 'time':
        return { text: this.t.askDate };
      case 'name':
        return { text: this.t.askName };
      case 'slot_choice':
        return { text: this.t.askWhichOption };
      case 'booking_choice':
        return { text: this.t.whichBooking(this.m.state === 'CANCEL_CONFIRM' ? 'cancel' : 'reschedule') };
      case 'confirmation':
        return { text: this.confirmationQuestion() };
      case 'staff':
      case 'payment':
      case null:
        return undefined;
      default:
        return assertNever(this.m.awaiting);
    }
  }

  private confirmationQuestion(): string {
    const slot = this.m.draft.slot;
    const target = this.target();
    if (this.m.state === 'CANCEL_CONFIRM' && target) return this.t.confirmCancel(this.describeBooking(target));
    if (this.m.state === 'RESCHEDULE_CONFIRM' && target && slot) {
      return this.t.confirmReschedule(
        this.serviceName(target.serviceId),
        formatWhen(target.start, this.zone, this.m.language),
        formatWhen(slot.start, this.zone, this.m.language),
      );
    }
    if (slot) {
      const service = this.facts.services.find((s) => s.id === this.m.draft.serviceId);
      if (service) {
        return this.t.confirmBooking(
          service.name,
          formatWhen(slot.start, this.zone, this.m.language),
          null,
          formatMoney(service.priceCents, this.facts.business.currency, this.m.language),
        );
      }
    }
    return this.t.capabilities;
  }

  /** One more failed attempt at the current question; the third hands over to a person. */
  private failed(): void {
    this.m.attempts += 1;
    if (this.m.attempts >= MAX_ATTEMPTS) {
      this.abandonHold();
      this.reset();
      this.commands.push({ type: 'flag_for_staff', reason: 'three_failed_attempts', pauseBot: false });
      return this.say(this.t.strikeOut(this.facts.business.bookingUrl));
    }
    if (this.m.state === 'IDLE') return this.say(this.t.capabilities);
    this.say(this.t.didNotUnderstand);
    this.reprompt();
  }

  // ---- answers to questions ----

  private answerServices(u: Understanding): void {
    const lang = this.m.language;
    const currency = this.facts.business.currency;
    const service = u.serviceId ? this.facts.services.find((s) => s.id === u.serviceId) : undefined;
    if (service)
      return this.say(this.t.price(service.name, formatMoney(service.priceCents, currency, lang), service.durationMinutes));
    const list = this.facts.services
      .map((s) => `${s.name} (${formatMoney(s.priceCents, currency, lang)}, ${s.durationMinutes} min)`)
      .join(', ');
    this.say(this.t.services(list));
  }

  /** The hours of the day asked about ("are you open Saturday?"), else the whole week. */
  private answerHours(u: Understanding): void {
    const lang = this.m.language;
    if (this.m.state === 'IDLE') this.m.lastTopic = 'hours';
    if (!u.date) return this.say(this.t.hours(formatHours(this.facts.business.hours, lang)));
    const day = formatDate(u.date, this.zone, lang);
    if (this.closedOn(u.date)) return this.say(this.t.closedOn(day));
    const weekday = WEEKDAYS[DateTime.fromISO(u.date, { zone: 'utc' }).weekday - 1];
    this.say(this.t.hoursOn(day, formatIntervals(this.facts.business.hours[weekday], lang)));
  }

  private answerAppointments(): void {
    const upcoming = this.facts.upcoming.filter((b) => b.status !== 'held');
    if (upcoming.length === 0) return this.say(this.t.noUpcoming);
    if (upcoming.length === 1) return this.say(this.t.upcomingOne(this.describeBooking(upcoming[0])));
    this.say(this.t.upcomingMany(upcoming.map((b) => this.describeBooking(b)).join('; ')));
  }

  // ---- helpers ----

  private slots(serviceId: string, from: string, to: string): FactSlot[] {
    return this.facts.findSlots({
      serviceId,
      staffId: this.m.draft.staffId,
      from,
      to,
      excludeBookingId: this.m.state.startsWith('RESCHEDULE') ? this.m.draft.targetBookingId : this.released,
    });
  }

  /** Up to three slots nearest a wanted instant, within two weeks either side. */
  private nearest(serviceId: string, wanted: string): FactSlot[] {
    const today = todayIn(this.facts.now, this.zone);
    const day = localDateOf(wanted, this.zone);
    const from = maxDate(addDays(day, -SEARCH_AHEAD_DAYS), today);
    const to = minDate(addDays(day, SEARCH_AHEAD_DAYS), addDays(today, this.facts.business.maxAdvanceDays));
    if (from > to) return [];
    const target = Date.parse(wanted);
    return this.slots(serviceId, from, to)
      .map((s) => ({ s, distance: Math.abs(Date.parse(s.start) - target) }))
      .sort((a, b) => a.distance - b.distance || Date.parse(a.s.start) - Date.parse(b.s.start))
      .slice(0, MAX_OPTIONS)
      .map((x) => x.s)
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  }

  /** For a day with no openings: on each of the nearest days that have some, the one closest to the wanted time. */
  private sameTimeOnNearbyDays(serviceId: string, date: string, time: string): FactSlot[] {
    const today = todayIn(this.facts.now, this.zone);
    const from = maxDate(addDays(date, -SEARCH_AHEAD_DAYS), today);
    const to = minDate(addDays(date, SEARCH_AHEAD_DAYS), addDays(today, this.facts.business.maxAdvanceDays));
    if (from > to) return [];
    const wanted = minutesOfDay(time);
    const bestPerDay = new Map<string, { slot: FactSlot; distance: number }>();
    for (const slot of this.slots(serviceId, from, to)) {
      const day = localDateOf(slot.start, this.zone);
      const distance = Math.abs(minutesOfDay(localTimeOf(slot.start, this.zone)) - wanted);
      const best = bestPerDay.get(day);
      if (!best || distance < best.distance) bestPerDay.set(day, { slot, distance });
    }
    const dayDistance = (day: string) => Math.abs(DateTime.fromISO(day).diff(DateTime.fromISO(date), 'days').days);
    return (
      [...bestPerDay.entries()]
        // Nearest days first; of two equally near, the later one (people move forward more than back).
        .sort(([a], [b]) => dayDistance(a) - dayDistance(b) || (a < b ? 1 : -1))
        .slice(0, MAX_OPTIONS)
        .map(([, best]) => best.slot)
        .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
    );
  }

  /** The business does not open that day: never on that weekday, or closed by an override. */
  private closedOn(date: string): boolean {
    const weekday = WEEKDAYS[DateTime.fromISO(date, { zone: 'utc' }).weekday - 1];
    return this.facts.business.hours[weekday].length === 0 || this.facts.closedAllDay(date);
  }

  private pickStaff(slot: FactSlot): { start: string; staffId: string } {
    const preferred = this.m.draft.staffId;
    return { start: slot.start, staffId: preferred && slot.staffIds.includes(preferred) ? preferred : slot.staffIds[0] };
  }

  private unavailableReason(date: string, time: string, slotsThatDay: FactSlot[]): string {
    const when = formatWhen(this.instantOf(date, time), this.zone, this.m.language);
    const today = todayIn(this.facts.now, this.zone);
    if (date < today || (date === today && Date.parse(this.instantOf(date, time)) <= this.facts.now.getTime()))
      return this.t.tooSoon(when);
    if (slotsThatDay.length === 0) {
      const day = formatDate(date, this.zone, this.m.language);
      return this.closedOn(date) ? this.t.closedOn(day) : this.t.noOpenings(day);
    }
    // Outside hours when the appointment would not fit in the weekly hours (before opening, over lunch, past closing).
    const duration = this.facts.services.find((s) => s.id === this.m.draft.serviceId)?.durationMinutes ?? 1;
    if (!fitsInsideHours(this.facts.business.hours, date, time, duration)) return this.t.outsideHours(when);
    return this.t.taken(when);
  }

  private instantOf(date: string, time: string): string {
    return localInstant(date, time, this.zone);
  }

  private target(): UpcomingBooking | undefined {
    const id = this.m.draft.targetBookingId;
    return id ? this.facts.upcoming.find((b) => b.id === id) : undefined;
  }

  private describeBooking(b: UpcomingBooking): string {
    return `${this.serviceName(b.serviceId)} — ${formatWhen(b.start, this.zone, this.m.language)}`;
  }

  private serviceName(id: string | undefined): string {
    return this.facts.services.find((s) => s.id === id)?.name ?? '';
  }

  private abandonHold(): void {
    if (this.m.state === 'CONFIRMING' && this.m.bookingId) {
      this.commands.push({ type: 'release', bookingId: this.m.bookingId });
      this.released = this.m.bookingId;
      this.m.bookingId = null;
    }
  }

  /** Back to idle; `forgetBooking: false` keeps the booking the conversation was about. */
  private reset(forgetBooking = true): void {
    const state: ChatState = 'IDLE';
    this.m.state = state;
    this.m.awaiting = null;
    this.m.options = [];
    this.m.draft = {};
    this.m.attempts = 0;
    if (forgetBooking && this.m.bookingId && !this.facts.upcoming.some((b) => b.id === this.m.bookingId)) this.m.bookingId = null;
  }

  private say(text: string, options: OfferedOption[] = []): void {
    this.replies.push(options.length ? { text, options: options.map(({ id, label }) => ({ id, label })) } : { text });
  }
}

// ---- small pure helpers ----

function localInstant(date: string, time: string, zone: string): string {
  return DateTime.fromISO(`${date}T${time}`, { zone }).toUTC().toISO()!;
}

function fitsInsideHours(hours: WeeklyHours, date: string, time: string, durationMinutes: number): boolean {
  const weekday = WEEKDAYS[DateTime.fromISO(date, { zone: 'utc' }).weekday - 1];
  const start = minutesOfDay(time);
  return hours[weekday].some((iv) => minutesOfDay(iv.start) <= start && start + durationMinutes <= minutesOfDay(iv.end));
}

function inPartOfDay(time: string, part: keyof typeof PARTS_OF_DAY): boolean {
  const m = minutesOfDay(time);
  const [from, to] = PARTS_OF_DAY[part];
  return m >= from && m < to;
}

/** Three choices across the day rather than three in a row. */
function spread(slots: FactSlot[]): FactSlot[] {
  if (slots.length <= MAX_OPTIONS) return slots;
  const middle = slots[Math.floor(slots.length / 2)];
  return [slots[0], middle, slots[slots.length - 1]];
}

/** The first opening of each of the next days. */
function firstPerDay(slots: FactSlot[], zone: string): FactSlot[] {
  const seen = new Set<string>();
  const picked: FactSlot[] = [];
  for (const s of slots) {
    const day = localDateOf(s.start, zone);
    if (seen.has(day)) continue;
    seen.add(day);
    picked.push(s);
    if (picked.length === MAX_OPTIONS) break;
  }
  return picked;
}

const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);

function hasBookingDetails(u: Understanding): boolean {
  return Boolean(u.serviceId || u.date || u.dateRange || u.time || u.timeOfDay || u.earliest || u.staffId);
}

function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
