import type { Awaiting, ChatReply, ChatState, LocalDate, LocalTime, WeeklyHours } from '@frontdesk/contracts';
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
  /** The booking being cancelled or rescheduled. */
  targetBookingId?: string;
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
}

export type Input =
  | { kind: 'message'; text: string; understanding: Understanding }
  /** A command of the previous step could not be carried out. */
  | { kind: 'command_failed'; command: Command; reason: 'slot_unavailable' | 'too_late' | 'not_active' };

export type Command =
  | { type: 'hold'; serviceId: string; staffId: string; start: string }
  | { type: 'release'; bookingId: string }
  | { type: 'confirm'; bookingId: string }
  | { type: 'cancel'; bookingId: string }
  | { type: 'reschedule'; bookingId: string; start: string; staffId: string }
  | { type: 'update_customer'; name?: string; email?: string; language?: Language }
  | { type: 'flag_for_staff'; reason: 'three_failed_attempts' | 'asked_for_a_person'; pauseBot: boolean }
  | { type: 'opt_out' }
  | { type: 'opt_in' };

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
