import type { Awaiting, Channel, ChatReply, ChatState, LocalDate, LocalTime, WeeklyHours } from '@frontdesk/contracts';
import type { Understanding } from '../understanding';

export type Language = 'en' | 'es';

/** What one offered option stands for. */
export type OptionValue =
  | { kind: 'slot'; start: string; staffId: string }
  | { kind: 'service'; serviceId: string }
  | { kind: 'booking'; bookingId: string }
  | { kind: 'yes' }
  | { kind: 'no' };

export interface OfferedOption {
  id: string;
  label: string;
  value: OptionValue;
}

/** The details gathered so far for a booking or a reschedule. */
export interface Draft {
  serviceId?: string;
  staffId?: string;
  date?: LocalDate;
  dateRange?: { from: LocalDate; to: LocalDate };
  time?: LocalTime;
  approximate?: boolean;
  /** `time` bounds the search ("after 5", "before noon") rather than naming a time. */
  timeBound?: 'after' | 'before';
  timeOfDay?: 'morning' | 'afternoon' | 'evening';
  earliest?: boolean;
  /** The concrete slot chosen (held while confirming a booking). */
  slot?: { start: string; staffId: string };
  /** The booking being cancelled or rescheduled (with `serviceId` other than its own: changed to that service). */
  targetBookingId?: string;
  /** The new service asked for while the customer picks which booking to change to it. */
  newServiceId?: string;
}

/** Everything the bot remembers of a conversation between messages. */
export interface Memory {
  state: ChatState;
  awaiting: Awaiting | null;
  language: Language;
  draft: Draft;
  options: OfferedOption[];
  /** Failed attempts at the current question. */
  attempts: number;
  /** The booking the conversation is about (the hold while confirming, the last one booked). */
  bookingId: string | null;
  /** The side question answered last turn, so "and Saturday?" after the hours asks about hours. */
  lastTopic?: 'hours';
  /** The service the last answer was about (its price, its duration): "book me for Friday at 3" means it. */
  topicServiceId?: string;
  /** An anonymous web visitor's own details and phone verification (see visitor.ts). */
  visitor?: VisitorMemory;
  /** The deposit the booking in `bookingId` waits for, while the state is PAYMENT_PENDING. */
  payment?: PendingPayment;
}

/** A booking created `pending_payment`: the Checkout link and its deadline, as the booking command answered. */
export interface PendingPayment {
  bookingId: string;
  serviceId: string;
  /** ISO instants. */
  start: string;
  depositCents: number;
  paymentUrl: string;
  paymentExpiresAt: string;
}

/** What an anonymous web visitor told the bot, kept on their session only (never on a customer record). */
export interface VisitorMemory {
  name?: string;
  email?: string;
  /** The phone number they gave: a new booking's contact, and the number a code goes to. */
  phone?: string;
  /** Why the bot asked for the phone: to book, or to verify it before touching earlier bookings. */
  phoneFor?: 'booking' | 'verification';
  /** Codes sent in this session so far. */
  codesSent?: number;
  /** A code sent and not yet entered. */
  verification?: { phone: string; expiresAt: string; wrongCodes: number };
  /** The request that needed a verified phone, carried out once the code is entered. */
  resume?: Understanding;
}

export interface FactSlot {
  /** ISO instants. */
  start: string;
  end: string;
  staffIds: string[];
}

/**
 * One answer of the slot engine: whole local dates from the search's `from`, up to a size
 * limit; `nextFrom` is the date to search from next, `null` when the range is done.
 */
export interface FactSlotPage {
  slots: FactSlot[];
  nextFrom: LocalDate | null;
}

export interface SlotSearch {
  serviceId: string;
  staffId?: string;
  from: LocalDate;
  to: LocalDate;
  /** The booking being moved: its own time does not block it. */
  excludeBookingId?: string;
}

export interface UpcomingBooking {
  id: string;
  serviceId: string;
  staffId: string;
  /** ISO instant. */
  start: string;
  status: 'held' | 'pending_payment' | 'confirmed';
  /** The deposit paid for it, and whether cancelling it now gives it back (the business's refund rule). */
  paidDeposit?: { cents: number; refundedOnCancel: boolean } | null;
}

/** What the backend knows, loaded by the shell before each step. */
export interface Facts {
  now: Date;
  business: {
    name: string;
    timezone: string;
    currency: string;
    /** Where a customer can book without the bot. */
    bookingUrl: string;
    hours: WeeklyHours;
    maxAdvanceDays: number;
    cancellationNoticeHours: number;
  };
  services: { id: string; name: string; durationMinutes: number; priceCents: number }[];
  staff: { id: string; name: string }[];
  customer: {
    name: string | null;
    optedOut: boolean;
    /** Staff took the conversation over: the bot stays quiet. */
    botPaused: boolean;
  };
  /** The customer's active bookings from now on, soonest first. */
  upcoming: UpcomingBooking[];
  /** Offered slots (the scheduling engine over freshly loaded data), ordered by start, a page at a time. */
  findSlots(search: SlotSearch): FactSlotPage;
  /** The whole business is closed that local date by an override (a holiday, say). */
  closedAllDay(date: LocalDate): boolean;
  /**
   * Present for a web chat session: the visitor is anonymous until they prove a phone number.
   * Absent when the channel vouches for the number (SMS, WhatsApp, staff talking as a phone).
   */
  visitor?: VisitorFacts;
  /** The channel the message came on: over `sms` the carrier's opt-out keywords apply. Absent: not a phone channel. */
  channel?: Channel;
  /** The last reminder sent to the customer and still about an upcoming booking (see reminder-reply.ts), or none. */
  lastReminder?: LastReminder | null;
}

export interface LastReminder {
  bookingId: string;
  /** It is the last message we sent in the conversation: a bare "C", "yes" or "X" answers it. */
  awaitingReply: boolean;
}

export interface VisitorFacts {
  /** The phone verified in this session, or null. */
  verifiedPhone: string | null;
  /** The business has a working channel to send a code by (SMS or WhatsApp). */
  canSendCode: boolean;
  /** The text as an E.164 phone number in the business's country, or null when it is none. */
  parsePhone(text: string): string | null;
  /** Whether `code` is the one last sent in this session (compared by the shell against its stored hash). */
  codeMatches(code: string): boolean;
}

export type Input =
  /** `optionId`: the id of a button the customer tapped (a reminder's buttons are never among the memory's options). */
  | { kind: 'message'; text: string; understanding: Understanding; optionId?: string }
  /** A command of the previous step could not be carried out. */
  /** `payment_unavailable`: a confirm needed a deposit and Stripe could not open its Checkout page; the booking let its slot go. */
  | { kind: 'command_failed'; command: Command; reason: CommandRefusal }
  /** The previous step's `verify` was carried out: the facts are now the verified customer's. */
  | { kind: 'verified' }
  /** The previous step's `confirm` left the booking `pending_payment`: the deposit must be paid first. */
  | { kind: 'payment_required'; payment: PendingPayment };

/**
 * `service_not_offered`: nobody who could take it at that time offers the new service;
 * `deposit_required`: the new service asks for a larger deposit than the booking holds.
 */
export type CommandRefusal =
  'slot_unavailable' | 'too_late' | 'not_active' | 'payment_unavailable' | 'service_not_offered' | 'deposit_required';

export type Command =
  /** `contact`: a web visitor's booking, under the name and phone they typed (else the conversation's own). */
  | { type: 'hold'; serviceId: string; staffId: string; start: string; contact?: { name: string; phone: string; email?: string } }
  | { type: 'release'; bookingId: string }
  | { type: 'confirm'; bookingId: string }
  | { type: 'cancel'; bookingId: string }
  /** The customer gives up a booking still waiting for its deposit: the slot goes free, the Checkout Session ends. */
  | { type: 'abandon_payment'; bookingId: string }
  /** `serviceId`: the booking changes to this service too (its end follows from the new service). */
  | { type: 'reschedule'; bookingId: string; start: string; staffId: string; serviceId?: string }
  | { type: 'update_customer'; name?: string; email?: string; language?: Language }
  /** The customer confirmed, answering a reminder, that they will come (idempotent). */
  | { type: 'confirm_attendance'; bookingId: string }
  /** `sms_opt_out`: a carrier opt-out keyword (STOP, CANCEL, …) over SMS; the carrier now blocks our texts. */
  | { type: 'flag_for_staff'; reason: 'three_failed_attempts' | 'asked_for_a_person' | 'sms_opt_out'; pauseBot: boolean }
  | { type: 'opt_out' }
  | { type: 'opt_in' }
  /** Send a fresh verification code to `phone` (the shell makes, stores the hash of, and sends the code). */
  | { type: 'send_code'; phone: string }
  /** The code was right: bind `phone` to this session. */
  | { type: 'verify'; phone: string };

export interface StepResult {
  memory: Memory;
  replies: ChatReply[];
  commands: Command[];
}

export const initialMemory = (language: Language): Memory => ({
  state: 'IDLE',
  awaiting: null,
  language,
  draft: {},
  options: [],
  attempts: 0,
  bookingId: null,
});
