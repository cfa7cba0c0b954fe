import type { Awaiting, ChatState } from '@frontdesk/contracts';

/*
 * Realistic conversations with the front desk, in English and Spanish, each run over HTTP against
 * its own barbershop (see test/chat-fixtures.ts) and checked against the bookings table.
 *
 * The app runs on a fixed clock (`NOW`), so a run means the same on every calendar day (one CI
 * run once failed on one date only); its week crosses the end of a month. Dates are written
 * relative to that today in the shop's zone: `{+3}` is the ISO date three days from today, `{+3:LLL d}` that day
 * in a Luxon format ("Dec 5"), `{+3:cccc:es}` in Spanish ("sábado"), `{+3:ord}` its day of the
 * month as an ordinal ("5th"). The shop is closed on the weekday of `{+6}` (also written
 * `{closed}`), so scenarios that should find the shop open use +1…+5 and +7…+12.
 */

export const CLOSED_OFFSET = 6;
/** Friday 27 November 2026, 10:30 in New York: {+4} is 1 December, and the shop is closed on Thursday 3 December. */
export const NOW = new Date('2026-11-27T15:30:00Z');

export type Check = {
  state?: ChatState;
  awaiting?: Awaiting | null;
  /** Every reply text joined must match (a string: contain it, case-insensitive). */
  reply?: RegExp | string;
  /** …and must not match. */
  notReply?: RegExp;
  /** How many options the bot offered. */
  options?: number;
  /** The bot said nothing (opted out, or paused for staff). */
  silent?: boolean;
};
export type Turn = string | ({ say: string } & Check);

export interface Booked {
  service: string;
  /** `{+N}` (any time that day), `{+N} HH:MM`, or `earliest` (the first opening when the conversation began). */
  at: string;
  status?: string;
  /** First name of the staff member. */
  staff?: string;
  /** For `at` without a time: the local time lies in [from, to). */
  between?: [string, string];
}

export interface Given {
  service: string;
  at: string;
  staff?: string;
}

export interface Scenario {
  name: string;
  given?: {
    /** The customer's own upcoming bookings (made on the web, under `customerName`). */
    mine?: Given[];
    customerName?: string;
    /** Times booked by others with every staff member. */
    taken?: string[];
    /** Days the whole shop is closed by an override (a holiday), `{+N}`. */
    holidays?: string[];
  };
  turns: Turn[];
  /** The customer's bookings (released holds left out), in start order. */
  bookings: Booked[];
  /** Checked after the last turn; state defaults to IDLE. */
  end?: Check & { flagged?: boolean; optedOut?: boolean; name?: string };
}
