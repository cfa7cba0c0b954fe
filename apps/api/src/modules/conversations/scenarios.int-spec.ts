import { DateTime } from 'luxon';
import type { Awaiting, ChatResponse, ChatState } from '@frontdesk/contracts';
import { ZONE } from '../../../../../test/booking-fixtures';
import { type Barbershop, barbershop, bookingsOfPhone, chatAs, type WeekdayKey } from '../../../../../test/chat-fixtures';
import { TestApp } from '../../../../../test/harness';
import { FixedClock } from '../../common/clock';

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

const CLOSED_OFFSET = 6;
/** Friday 27 November 2026, 10:30 in New York: {+4} is 1 December, and the shop is closed on Thursday 3 December. */
const NOW = new Date('2026-11-27T15:30:00Z');

type Check = {
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
type Turn = string | ({ say: string } & Check);

interface Booked {
  service: string;
  /** `{+N}` (any time that day), `{+N} HH:MM`, or `earliest` (the first opening when the conversation began). */
  at: string;
  status?: string;
  /** First name of the staff member. */
  staff?: string;
  /** For `at` without a time: the local time lies in [from, to). */
  between?: [string, string];
}

interface Given {
  service: string;
  at: string;
  staff?: string;
}

interface Scenario {
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

// prettier-ignore
const SCENARIOS: Scenario[] = [
  // ---------------- English: bookings in one message ----------------
  {
    name: 'en: everything in one message, then yes',
    turns: [{ say: 'Hi, can I book a haircut for {+2:cccc} at 3pm? This is Priya', state: 'CONFIRMING', awaiting: 'confirmation' }, 'yes'],
    bookings: [{ service: 'Haircut', at: '{+2} 15:00' }],
    end: { name: 'Priya', reply: 'booked' },
  },
  {
    name: 'en: "tmrw", name asked and given bare',
    turns: ['need a beard trim tmrw at 10am', { say: 'Marcus', state: 'CONFIRMING' }, 'yep'],
    bookings: [{ service: 'Beard Trim', at: '{+1} 10:00' }],
    end: { name: 'Marcus' },
  },
  {
    name: 'en: "Dec 3" date and a full name',
    turns: ['Can I get a haircut on {+3:LLL d} at 2:30pm? my name is Dana Scott', 'yes please'],
    bookings: [{ service: 'Haircut', at: '{+3} 14:30' }],
    end: { name: 'Dana Scott' },
  },
  {
    name: 'en: "12/3" numeric date',
    turns: ["haircut {+4:M/d} at 11am pls, name's Kevin", 'confirm'],
    bookings: [{ service: 'Haircut', at: '{+4} 11:00' }],
  },
  {
    name: 'en: "the 1st" across the end of the month',
    turns: ['haircut on the {+4:ord} at 10am please, this is Nadia', 'yes'],
    bookings: [{ service: 'Haircut', at: '{+4} 10:00' }],
  },
  {
    name: 'en: "the 3rd" around 11',
    turns: ['Do you have anything on the {+5:ord} around 11 for a haircut?', 'Oliver', 'yes'],
    bookings: [{ service: 'Haircut', at: '{+5} 11:00' }],
  },
  {
    name: 'en: "half past two"',
    turns: ['haircut {+2:LLL d} half past two, my name is Emma', 'yes'],
    bookings: [{ service: 'Haircut', at: '{+2} 14:30' }],
  },
  {
    name: 'en: around 11 with an introduction at the end',
    turns: ["Could I come in {+4:cccc} around 11 for a beard trim? It's Jake", 'sounds good'],
    bookings: [{ service: 'Beard Trim', at: '{+4} 11:00' }],
  },
  {
    name: 'en: with a named staff member from the start',
    turns: ["Can I book with Jordan {+2:cccc} at 3pm for a haircut? I'm Mia", 'yes'],
    bookings: [{ service: 'Haircut', at: '{+2} 15:00', staff: 'Jordan' }],
  },
  {
    name: 'en: the combo service by its name',
    turns: ["haircut and beard {+4:cccc} at 10am, name's Omar", 'yes'],
    bookings: [{ service: 'Haircut & Beard', at: '{+4} 10:00' }],
  },
  {
    name: 'en: earliest opening',
    turns: ["what's the earliest you can fit me in for a haircut?", 'Ravi', 'yes'],
    bookings: [{ service: 'Haircut', at: 'earliest' }],
  },
  {
    name: 'en: typos everywhere',
    turns: ['can i get a hiarcut tomorow at 3 pm', 'Sofia', 'yess'],
    bookings: [{ service: 'Haircut', at: '{+1} 15:00' }],
  },
  {
    name: 'en: thumbs up confirms',
    turns: ['shave on {+3:cccc} at 4:15pm, this is Victor', '👍'],
    bookings: [{ service: 'Hot Towel Shave', at: '{+3} 16:15' }],
  },
  // ---------------- English: over several turns ----------------
  {
    name: 'en: step by step, choosing an offered time by number',
    turns: [
      { say: 'hello', state: 'IDLE' },
      { say: "I'd like to book an appointment", awaiting: 'service' },
      { say: 'beard trim', awaiting: 'date' },
      { say: '{+3:cccc}', awaiting: 'slot_choice', options: 3 },
      { say: '2', awaiting: 'name' },
      { say: 'my name is Tom Baker', state: 'CONFIRMING' },
      'yes',
    ],
    bookings: [{ service: 'Beard Trim', at: '{+3}' }],
    end: { name: 'Tom Baker' },
  },
  {
    name: 'en: afternoon, then "half past two"',
    turns: [{ say: 'could I get a haircut {+2:cccc} afternoon?', awaiting: 'slot_choice' }, 'half past two', "I'm Beth", 'yes'],
    bookings: [{ service: 'Haircut', at: '{+2} 14:30' }],
  },
  {
    name: 'en: morning options, "the later one"',
    turns: [{ say: 'Any openings for a shave {+3:cccc} morning?', awaiting: 'slot_choice' }, 'the later one', 'Greg', 'yes'],
    bookings: [{ service: 'Hot Towel Shave', at: '{+3}', between: ['09:00', '12:30'] }],
  },
  {
    name: 'en: next week, first option',
    turns: [{ say: 'can I come in next week for a cut?', awaiting: 'slot_choice' }, 'the first one', 'Ana', 'yes'],
    bookings: [{ service: 'Haircut', at: '{nextweek}' }],
  },
  {
    name: 'en: after 4 on a day',
    turns: [{ say: 'Do you have anything after 4 on {+3:cccc} for a haircut?', awaiting: 'slot_choice' }, '1', 'Hannah', 'yes'],
    bookings: [{ service: 'Haircut', at: '{+3}', between: ['16:00', '18:00'] }],
  },
  {
    name: 'en: first asks the service, then date and time in one go',
    turns: [{ say: 'I want to make an appointment', awaiting: 'service' }, 'haircut', '{+4:LLL d} at 1:30pm', 'Quinn', 'yes'],
    bookings: [{ service: 'Haircut', at: '{+4} 13:30' }],
  },
  {
    name: 'en: a price question in the middle of booking',
    turns: [
      { say: 'haircut {+2:cccc}', awaiting: 'slot_choice' },
      { say: 'how much is it?', reply: '$30', awaiting: 'slot_choice' },
      'the first one',
      'Ian',
      'yes',
    ],
    bookings: [{ service: 'Haircut', at: '{+2}' }],
  },
  {
    name: 'en: none of those, the afternoon instead',
    turns: [
      { say: 'shave {+3:cccc} morning', awaiting: 'slot_choice' },
      { say: "none of those work, anything in the afternoon?", awaiting: 'slot_choice' },
      '2',
      'Will Turner',
      'yes',
    ],
    bookings: [{ service: 'Hot Towel Shave', at: '{+3}', between: ['13:30', '18:00'] }],
  },
  {
    name: 'en: "anything after 3?" narrows the offer, then a time',
    turns: [
      { say: 'hi do u have any openings tmrw for a haircut', awaiting: 'slot_choice' },
      { say: 'anything after 3?', awaiting: 'slot_choice', notReply: /\b(9|10|11):\d\d AM/ },
      '4:30 pls',
      'Dave',
      'yup',
    ],
    bookings: [{ service: 'Haircut', at: '{+1} 16:30' }],
  },
  {
    name: 'en: "first thing in the morning" takes the day\'s first opening',
    turns: ["beard trim {+4:cccc} first thing in the morning, I'm Oscar", 'ok'],
    bookings: [{ service: 'Beard Trim', at: '{+4} 09:00' }],
  },
  {
    name: 'en: "end of the day", then the latest one',
    turns: [{ say: 'can I get a shave {+3:cccc} at the end of the day?', awaiting: 'slot_choice' }, 'the latest one', 'Fiona', 'yes'],
    bookings: [{ service: 'Hot Towel Shave', at: '{+3} 17:30' }],
  },
  {
    name: 'en: "tomorrow 930" written without a colon',
    turns: ['haircut tomorrow 930 - my name is Gus', 'yes'],
    bookings: [{ service: 'Haircut', at: '{+1} 09:30' }],
  },
  {
    name: 'en: none of those, another day, the last one',
    turns: [
      'haircut {+2:cccc}',
      { say: 'none of those work', awaiting: 'date' },
      { say: '{+3:cccc} then', awaiting: 'slot_choice' },
      'the last one',
      'Zoe',
      'yes',
    ],
    bookings: [{ service: 'Haircut', at: '{+3}', between: ['17:00', '18:00'] }],
  },
  // ---------------- English: changes mid-flow ----------------
  {
    name: 'en: "actually 4pm"',
    turns: ['haircut {+2:cccc} at 10am, this is Ana', { say: 'actually 4pm', state: 'CONFIRMING' }, 'yes'],
    bookings: [{ service: 'Haircut', at: '{+2} 16:00' }],
  },
  {
    name: 'en: "make it <day>, same time"',
    turns: ['Can I book a beard trim {+2:cccc} at 1:30pm? This is Leo', 'make it {+4:cccc}, same time', 'yes'],
    bookings: [{ service: 'Beard Trim', at: '{+4} 13:30' }],
  },
  {
    name: 'en: "with Jordan instead"',
    turns: ["haircut {+3:cccc} at 11am, I'm Noah", 'with Jordan instead', 'yes'],
    bookings: [{ service: 'Haircut', at: '{+3} 11:00', staff: 'Jordan' }],
  },
  {
    name: 'en: "make that a shave"',
    turns: ['book me a haircut {+2:LLL d} at 9:30am. name is Chris', 'make that a shave', 'yes'],
    bookings: [{ service: 'Hot Towel Shave', at: '{+2} 09:30' }],
  },
  {
    name: 'en: no, then another time',
    turns: ["haircut {+3:cccc} 10am, I'm Paul", { say: 'no', state: 'COLLECTING' }, '4pm', 'yes'],
    bookings: [{ service: 'Haircut', at: '{+3} 16:00' }],
  },
  // ---------------- English: taken and closed ----------------
  {
    name: 'en: a taken time, then one of the alternatives',
    given: { taken: ['{+3} 11:00'] },
    turns: [{ say: "haircut {+3:cccc} at 11am, I'm Lee", reply: /taken/i, options: 3 }, '11:45 works', 'yes'],
    bookings: [{ service: 'Haircut', at: '{+3} 11:45' }],
  },
  {
    name: 'en: a closed day, then the next one',
    turns: [
      { say: 'can I get a haircut on {closed:cccc} at 10?', reply: /closed/i },
      'what about {+7:cccc} at 10am then',
      'Nina',
      'yes',
    ],
    bookings: [{ service: 'Haircut', at: '{+7} 10:00' }],
  },
  {
    name: 'en: outside opening hours',
    turns: [{ say: 'haircut {+2:cccc} at 7pm? this is Carl', reply: /hours/i, awaiting: 'slot_choice' }, 'the last one', 'yes'],
    bookings: [{ service: 'Haircut', at: '{+2}' }],
  },
  // ---------------- English: cancel, reschedule, appointments ----------------
  {
    name: 'en: cancel "my haircut on the 3rd" among two bookings',
    given: { mine: [{ service: 'Haircut', at: '{+4} 10:00' }, { service: 'Beard Trim', at: '{+5} 14:00' }] },
    turns: [{ say: 'I need to cancel my haircut on the {+4:ord}', state: 'CANCEL_CONFIRM' }, 'yes'],
    bookings: [
      { service: 'Haircut', at: '{+4} 10:00', status: 'cancelled' },
      { service: 'Beard Trim', at: '{+5} 14:00' },
    ],
  },
  {
    name: 'en: cancel the only booking',
    given: { mine: [{ service: 'Haircut', at: '{+3} 15:00' }] },
    turns: [{ say: 'cancel my appointment pls', state: 'CANCEL_CONFIRM' }, 'yes'],
    bookings: [{ service: 'Haircut', at: '{+3} 15:00', status: 'cancelled' }],
    end: { reply: /cancel/i },
  },
  {
    name: 'en: starts to cancel, then keeps it',
    given: { mine: [{ service: 'Haircut', at: '{+3} 15:00' }] },
    turns: ['I want to cancel', 'no'],
    bookings: [{ service: 'Haircut', at: '{+3} 15:00' }],
    end: { reply: /kept/i },
  },
  {
    name: "en: \"can't make it\" cancels",
    given: { mine: [{ service: 'Beard Trim', at: '{+2} 12:00' }] },
    turns: ["hey I can't make it on {+2:cccc}, sorry", 'yes'],
    bookings: [{ service: 'Beard Trim', at: '{+2} 12:00', status: 'cancelled' }],
  },
  {
    name: 'en: reschedule in one message',
    given: { mine: [{ service: 'Haircut', at: '{+3} 10:00' }] },
    turns: [{ say: 'can I move my appointment to {+5:cccc} at 2pm?', state: 'RESCHEDULE_CONFIRM' }, 'yes'],
    bookings: [{ service: 'Haircut', at: '{+5} 14:00' }],
  },
  {
    name: 'en: reschedule to another day, "same time"',
    given: { mine: [{ service: 'Haircut', at: '{+3} 10:00' }] },
    turns: [{ say: 'hi, I have an appointment on {+3:cccc}, can I change it to {+4:cccc} same time?', state: 'RESCHEDULE_CONFIRM' }, 'yes'],
    bookings: [{ service: 'Haircut', at: '{+4} 10:00' }],
  },
  {
    name: 'en: reschedule over several turns with typos',
    given: { mine: [{ service: 'Haircut', at: '{+3} 10:00' }] },
    turns: ['i need to resechdule my apointment', '{+4:LLL d} around 3', 'yes'],
    bookings: [{ service: 'Haircut', at: '{+4} 15:00' }],
  },
  {
    name: 'en: reschedule one of two bookings',
    given: { mine: [{ service: 'Haircut', at: '{+2} 10:00' }, { service: 'Beard Trim', at: '{+4} 11:00' }] },
    turns: [{ say: 'need to reschedule', awaiting: 'booking_choice', options: 2 }, 'the beard one', '{+5:cccc} at 11am', 'yes'],
    bookings: [
      { service: 'Haircut', at: '{+2} 10:00' },
      { service: 'Beard Trim', at: '{+5} 11:00' },
    ],
  },
  {
    name: 'en: "when is my appointment"',
    given: { mine: [{ service: 'Haircut', at: '{+3} 14:00' }] },
    turns: [{ say: 'when is my appointment?', reply: '{+3:cccc, LLL d} at 2:00 PM' }],
    bookings: [{ service: 'Haircut', at: '{+3} 14:00' }],
  },
  {
    name: 'en: books, then asks when it is',
    turns: ['haircut {+5:cccc} at noon, this is Rick', 'yes', { say: 'what time is my appt again?', reply: '{+5:LLL d} at 12:00 PM' }],
    bookings: [{ service: 'Haircut', at: '{+5} 12:00' }],
  },
  {
    name: 'en: "push my haircut to next week"',
    given: { mine: [{ service: 'Haircut', at: '{+3} 10:00' }] },
    turns: [{ say: 'I need to push my haircut to next week', state: 'RESCHEDULE_COLLECTING', awaiting: 'slot_choice' }, 'the first one', 'yes'],
    bookings: [{ service: 'Haircut', at: '{nextweek}' }],
  },
  {
    name: 'en: "move it to the afternoon" keeps the day',
    given: { mine: [{ service: 'Haircut', at: '{+3} 10:00' }] },
    turns: [{ say: 'can I move it to the afternoon?', awaiting: 'slot_choice' }, 'the 2nd one', 'yes'],
    bookings: [{ service: 'Haircut', at: '{+3}', between: ['12:00', '18:00'] }],
  },
  {
    name: 'en: "can we make it 2pm instead" moves the booking that day',
    given: { mine: [{ service: 'Beard Trim', at: '{+4} 10:00' }] },
    turns: [{ say: 'could we make it 2pm instead', state: 'RESCHEDULE_CONFIRM' }, 'yes'],
    bookings: [{ service: 'Beard Trim', at: '{+4} 14:00' }],
  },
  // ---------------- English: questions and the rest ----------------
  {
    name: 'en: lunch break is outside hours; a name given while choosing',
    turns: [
      { say: 'haircut {+3:cccc} at 12:45', reply: /outside our opening hours/i, awaiting: 'slot_choice' },
      { say: 'my name is Ahmed', reply: 'Ahmed', awaiting: 'slot_choice' },
      'the first one',
      'yes',
    ],
    bookings: [{ service: 'Haircut', at: '{+3}' }],
    end: { name: 'Ahmed' },
  },
  {
    name: 'en: "whenever works" shows the next openings',
    turns: ['book a beard trim', { say: "whenever works, i'm flexible", awaiting: 'slot_choice', options: 3 }, 'option 1', "it's for Maria", 'y'],
    bookings: [{ service: 'Beard Trim', at: 'earliest' }],
    end: { name: 'Maria', reply: /booked/i },
  },
  {
    name: 'en: open on a given day?',
    turns: [{ say: 'are you open on {closed:cccc}?', reply: 'closed on {closed:cccc}' }, { say: 'what about {+2:cccc}?', reply: /9:00 AM/ }],
    bookings: [],
  },
  {
    name: 'en: a holiday is closed, and the same time is offered on nearby days',
    given: { holidays: ['{+3}'] },
    turns: [
      { say: 'can I get a haircut on {+3:cccc} at 11am? this is Tom', reply: 'closed on {+3:cccc}', awaiting: 'slot_choice' },
      { say: 'are you open on {+3:cccc}?', reply: 'closed on {+3:cccc}' },
    ],
    bookings: [],
    end: { state: 'COLLECTING', awaiting: 'slot_choice' },
  },
  {
    name: 'es: un festivo está cerrado',
    given: { holidays: ['{+4}'] },
    turns: [{ say: 'hola, ¿abren el {+4:cccc:es}?', reply: 'estamos cerrados' }],
    bookings: [],
  },
  {
    name: 'en: price of one service',
    turns: [{ say: 'how much is a haircut?', reply: '$30' }],
    bookings: [],
  },
  {
    name: 'en: all prices',
    turns: [{ say: 'what are your prices', reply: /^(?=[\s\S]*\$30)(?=[\s\S]*\$18)(?=[\s\S]*\$35)(?=[\s\S]*\$45)/ }],
    bookings: [],
  },
  {
    name: 'en: opening hours',
    turns: [{ say: 'what are your hours?', reply: /9:00 AM.*12:30 PM.*6:00 PM.*closed/si }],
    bookings: [],
  },
  {
    name: 'en: talk to a person pauses the bot',
    turns: [{ say: 'can I talk to a real person', reply: /someone/i }, { say: 'hello?', silent: true }],
    bookings: [],
    end: { flagged: true },
  },
  {
    name: 'en: STOP, silence, START, then a booking',
    turns: [
      { say: 'STOP', reply: /unsubscribed/i },
      { say: 'hi', silent: true },
      { say: 'START', reply: /subscribed/i },
      "book a haircut {+2:cccc} at 11am, I'm Zoe",
      'yes',
    ],
    bookings: [{ service: 'Haircut', at: '{+2} 11:00' }],
    end: { optedOut: false },
  },
  {
    name: 'en: three messages not understood hand over to staff with the booking link',
    turns: ['asdfgh', 'qwerty zxcv', { say: 'lkjh poiu', reply: /book online at http\S+\/book\// }],
    bookings: [],
    end: { flagged: true },
  },
  {
    name: 'en: "never mind" mid-booking, then a fresh request',
    turns: [
      { say: 'book a haircut', awaiting: 'date' },
      { say: 'never mind', state: 'IDLE', reply: /won't book/ },
      "actually yes, beard trim {+2:cccc} at 2pm, I'm Walt",
      'yes',
    ],
    bookings: [{ service: 'Beard Trim', at: '{+2} 14:00' }],
  },
  {
    name: 'en: cancelling with nothing booked',
    turns: [{ say: 'I want to cancel my appointment', reply: /don't have any upcoming/ }],
    bookings: [],
  },
  {
    name: 'en: thanks after booking',
    turns: ['Sam here - beard trim {+4:cccc} 3:30pm', 'ok', { say: 'thanks!', reply: /welcome/i }],
    bookings: [{ service: 'Beard Trim', at: '{+4} 15:30' }],
  },

  // ---------------- Spanish: bookings in one message ----------------
  {
    name: 'es: todo en un mensaje',
    turns: [{ say: 'Hola, quiero reservar un corte de pelo para el {+2:cccc:es} a las 5 de la tarde. Soy Lucía', state: 'CONFIRMING', reply: '¿' }, 'sí'],
    bookings: [{ service: 'Haircut', at: '{+2} 17:00' }],
    end: { name: 'Lucía', reply: /reservad/i },
  },
  {
    name: 'es: mañana a las 11',
    turns: ['Necesito un afeitado mañana a las 11, soy Javier', 'si'],
    bookings: [{ service: 'Hot Towel Shave', at: '{+1} 11:00' }],
  },
  {
    name: 'es: "3 de diciembre"',
    turns: ['quiero cita para barba el {+4:d \'de\' LLLL:es} a las 10', 'Pedro Gómez', 'vale'],
    bookings: [{ service: 'Beard Trim', at: '{+4} 10:00' }],
    end: { name: 'Pedro Gómez' },
  },
  {
    name: 'es: sobre las 11',
    turns: ['¿Me puedes dar hora para un corte el {+3:cccc:es} sobre las 11? Me llamo Elena', 'sí, perfecto'],
    bookings: [{ service: 'Haircut', at: '{+3} 11:00' }],
  },
  {
    name: 'es: a las 4 y media',
    turns: ['corte el {+2:cccc:es} a las 4 y media, soy Diego', 'sí'],
    bookings: [{ service: 'Haircut', at: '{+2} 16:30' }],
  },
  {
    name: 'es: lo antes posible',
    turns: ['necesito un corte lo antes posible', 'Raúl', 'sí'],
    bookings: [{ service: 'Haircut', at: 'earliest' }],
  },
  {
    name: 'es: con faltas',
    turns: ['kiero una cita para corte mañana alas 4, soy Rosa', 'si porfa'],
    bookings: [{ service: 'Haircut', at: '{+1} 16:00' }],
  },
  {
    name: 'es: corte y barba con Jordan',
    turns: ['Hola! corte y barba con Jordan el {+5:cccc:es} a las 10:30, me llamo Hugo', 'dale'],
    bookings: [{ service: 'Haircut & Beard', at: '{+5} 10:30', staff: 'Jordan' }],
  },
  // ---------------- Spanish: over several turns ----------------
  {
    name: 'es: paso a paso, eligiendo por número',
    turns: [
      'hola',
      { say: 'quiero pedir cita', awaiting: 'service', options: 4 },
      { say: '2', awaiting: 'date' },
      { say: 'el {+2:cccc:es}', awaiting: 'slot_choice' },
      { say: '3', awaiting: 'name' },
      'Me llamo Alba Ruiz',
      'sí',
    ],
    // Services are offered in alphabetical order: Beard Trim, Haircut, Haircut & Beard, Hot Towel Shave.
    bookings: [{ service: 'Haircut', at: '{+2}' }],
    end: { name: 'Alba Ruiz' },
  },
  {
    name: 'es: el 7 por la mañana, la primera',
    turns: [{ say: '¿Tienen hueco el {+5:d} por la mañana para un corte?', awaiting: 'slot_choice' }, 'la primera', 'Andrés', 'sí'],
    bookings: [{ service: 'Haircut', at: '{+5}', between: ['09:00', '12:30'] }],
  },
  {
    name: 'es: por la tarde, la última',
    turns: [{ say: 'quisiera un corte el {+4:cccc:es} por la tarde', awaiting: 'slot_choice' }, 'la última', 'Marta', 'sí'],
    bookings: [{ service: 'Haircut', at: '{+4}', between: ['13:30', '18:00'] }],
  },
  {
    name: 'es: la semana que viene',
    turns: [{ say: '¿tienen algo la semana que viene para barba?', awaiting: 'slot_choice' }, 'la primera', 'Sergio', 'sí'],
    bookings: [{ service: 'Beard Trim', at: '{nextweek}' }],
  },
  {
    name: 'es: servicio, luego fecha y hora',
    turns: [{ say: 'buenas, quiero una cita', awaiting: 'service' }, 'un corte', 'el {+3:cccc:es} a las 12', 'Me llamo Iker', 'sí'],
    bookings: [{ service: 'Haircut', at: '{+3} 12:00' }],
  },
  {
    name: 'es: "por la mañana" acota la oferta, luego una hora',
    turns: [
      { say: 'necesito turno para el {+4:cccc:es}', awaiting: 'service' },
      { say: 'barba', awaiting: 'slot_choice' },
      { say: 'por la mañana', awaiting: 'slot_choice', notReply: /1[3-7]:\d\d/ },
      'a las 10 y cuarto',
      'Fernando',
      'ok',
    ],
    bookings: [{ service: 'Beard Trim', at: '{+4} 10:15' }],
  },
  {
    name: 'es: hora fuera de horario y nombre a mitad',
    turns: [
      { say: 'Buenas tardes, quisiera pedir cita para cortarme el pelo el {+3:cccc:es}', awaiting: 'slot_choice' },
      { say: 'a las 6 de la tarde', reply: /fuera de nuestro horario/ },
      { say: 'Soy Marina', reply: 'Gracias, Marina' },
      'la última',
      'Sí gracias',
    ],
    bookings: [{ service: 'Haircut', at: '{+3}', between: ['17:00', '18:00'] }],
    end: { name: 'Marina' },
  },
  // ---------------- Spanish: changes mid-flow ----------------
  {
    name: 'es: "mejor a las 5"',
    turns: ['corte el {+3:cccc:es} a las 10, soy Ana', { say: 'mejor a las 5', state: 'CONFIRMING' }, 'sí'],
    bookings: [{ service: 'Haircut', at: '{+3} 17:00' }],
  },
  {
    name: 'es: otro día, a la misma hora',
    turns: ['barba el {+2:cccc:es} a las 12, soy Luis', 'mejor el {+4:cccc:es}, a la misma hora', 'sí'],
    bookings: [{ service: 'Beard Trim', at: '{+4} 12:00' }],
  },
  {
    name: 'es: "con Jordan mejor"',
    turns: ['corte {+3:cccc:es} a las 11, soy Pablo', 'con Jordan mejor', 'sí'],
    bookings: [{ service: 'Haircut', at: '{+3} 11:00', staff: 'Jordan' }],
  },
  {
    name: 'es: cambia a afeitado',
    turns: ['corte mañana a las 9:30, soy Tomás', 'mejor un afeitado', 'sí'],
    bookings: [{ service: 'Hot Towel Shave', at: '{+1} 09:30' }],
  },
  // ---------------- Spanish: taken and closed ----------------
  {
    name: 'es: hora ocupada, elige una alternativa',
    given: { taken: ['{+3} 15:00'] },
    turns: [{ say: 'corte el {+3:cccc:es} a las 3, soy Irene', reply: /ocupad/i, options: 3 }, 'la primera', 'sí'],
    bookings: [{ service: 'Haircut', at: '{+3}' }],
  },
  {
    name: 'es: día cerrado, otro día',
    turns: [
      { say: '¿puedo ir el {closed:cccc:es} a las 10 para un corte?', reply: /cerrado/i },
      'vale, entonces el {+7:cccc:es} a las 10',
      'Nuria',
      'sí',
    ],
    bookings: [{ service: 'Haircut', at: '{+7} 10:00' }],
  },
  // ---------------- Spanish: cancel, reschedule, appointments ----------------
  {
    name: 'es: cancelar "mi corte del día 7" entre dos citas',
    given: { mine: [{ service: 'Haircut', at: '{+4} 10:00' }, { service: 'Beard Trim', at: '{+5} 12:00' }] },
    turns: [{ say: 'quiero cancelar mi corte del día {+4:d}', state: 'CANCEL_CONFIRM' }, 'sí'],
    bookings: [
      { service: 'Haircut', at: '{+4} 10:00', status: 'cancelled' },
      { service: 'Beard Trim', at: '{+5} 12:00' },
    ],
  },
  {
    name: 'es: cancelar la única cita, con falta',
    given: { mine: [{ service: 'Haircut', at: '{+3} 16:00' }] },
    turns: [{ say: 'ola, necesito cancelar mi sita', state: 'CANCEL_CONFIRM' }, 'si'],
    bookings: [{ service: 'Haircut', at: '{+3} 16:00', status: 'cancelled' }],
    end: { reply: /cancelad/i },
  },
  {
    name: 'es: cambiar la cita en un mensaje',
    given: { mine: [{ service: 'Haircut', at: '{+3} 10:00' }] },
    turns: [{ say: '¿puedo cambiar mi cita al {+5:cccc:es} a las 12?', state: 'RESCHEDULE_CONFIRM' }, 'sí'],
    bookings: [{ service: 'Haircut', at: '{+5} 12:00' }],
  },
  {
    name: 'es: cambiar la cita en varios pasos',
    given: { mine: [{ service: 'Haircut', at: '{+2} 10:00' }] },
    turns: ['necesito cambiar mi cita', { say: 'el {+4:cccc:es} por la tarde', awaiting: 'slot_choice' }, 'la segunda', 'sí'],
    bookings: [{ service: 'Haircut', at: '{+4}', between: ['13:30', '18:00'] }],
  },
  {
    name: 'es: "¿me la puedes pasar al …?" a la misma hora',
    given: { mine: [{ service: 'Beard Trim', at: '{+2} 11:00' }] },
    turns: [{ say: '¿me la puedes pasar al {+4:cccc:es} a la misma hora?', state: 'RESCHEDULE_CONFIRM' }, 'vale'],
    bookings: [{ service: 'Beard Trim', at: '{+4} 11:00' }],
  },
  {
    name: 'es: "cortarme la barba" es un arreglo de barba',
    turns: ['Quiero una cita para cortarme la barba el {+5:cccc:es} a las 12, me llamo Rubén', 'sí'],
    bookings: [{ service: 'Beard Trim', at: '{+5} 12:00' }],
  },
  {
    name: 'es: ¿cuándo es mi cita?',
    given: { mine: [{ service: 'Beard Trim', at: '{+3} 16:00' }] },
    turns: [{ say: '¿cuándo es mi cita?', reply: "{+3:cccc d 'de' LLLL:es} a las 16:00" }],
    bookings: [{ service: 'Beard Trim', at: '{+3} 16:00' }],
  },
  {
    name: 'es: "cuando tengo la cita" tras cambiarla',
    given: { mine: [{ service: 'Haircut', at: '{+2} 10:00' }] },
    turns: ['quiero cambiar mi corte al {+4:cccc:es} a las 11', 'sí', { say: 'cuando tengo la cita?', reply: "{+4:cccc d 'de' LLLL:es} a las 11:00" }],
    bookings: [{ service: 'Haircut', at: '{+4} 11:00' }],
  },
  // ---------------- Spanish: questions and the rest ----------------
  {
    name: 'es: ¿a qué hora abrís el día cerrado y otro día?',
    turns: [
      { say: '¿A qué hora abrís el {closed:cccc:es}?', reply: /cerrados/ },
      { say: '¿y el {+2:cccc:es}?', reply: /09:00–12:30, 13:30–18:00/ },
    ],
    bookings: [],
  },
  {
    name: 'es: precio del corte',
    turns: [{ say: '¿cuánto cuesta el corte?', reply: /30/ }],
    bookings: [],
  },
  {
    name: 'es: horario',
    turns: [{ say: '¿qué horario tienen?', reply: /09:00.*12:30.*18:00.*cerrado/s }],
    bookings: [],
  },
  {
    name: 'es: hablar con una persona',
    turns: [{ say: 'quiero hablar con una persona', reply: /equipo/i }, { say: '¿hola?', silent: true }],
    bookings: [],
    end: { flagged: true },
  },
  {
    name: 'es: BAJA y ALTA',
    turns: [
      { say: 'BAJA', reply: /baja/i },
      { say: 'hola', silent: true },
      { say: 'ALTA', reply: /suscrit/i },
      'corte el {+2:cccc:es} a las 11, soy Eva',
      'sí',
    ],
    bookings: [{ service: 'Haircut', at: '{+2} 11:00' }],
    end: { optedOut: false },
  },
  {
    name: 'es: pregunta el precio a mitad de reserva',
    turns: [
      { say: 'quiero un afeitado el {+3:cccc:es}', awaiting: 'slot_choice' },
      { say: '¿cuánto cuesta?', reply: /35/, awaiting: 'slot_choice' },
      'la segunda',
      'Mateo',
      'sí',
    ],
    bookings: [{ service: 'Hot Towel Shave', at: '{+3}' }],
  },
];

// ---------------- the runner ----------------

interface Clock {
  today: DateTime;
  closedDay: WeekdayKey;
}

const WEEKDAY_KEYS: WeekdayKey[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function clock(): Clock {
  const today = DateTime.fromJSDate(NOW, { zone: ZONE }).startOf('day');
  return { today, closedDay: WEEKDAY_KEYS[today.plus({ days: CLOSED_OFFSET }).weekday - 1] };
}

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** Expands `{+N}`, `{+N:format}`, `{+N:format:es}`, `{+N:ord}` and `{closed…}`. */
function fill(template: string, c: Clock): string {
  return template.replace(/\{(\+\d+|closed)(?::([^}:]+))?(?::(es))?\}/g, (_, offset: string, format?: string, es?: string) => {
    const days = offset === 'closed' ? CLOSED_OFFSET : Number(offset.slice(1));
    const day = c.today.plus({ days }).setLocale(es ? 'es-ES' : 'en-US');
    if (!format) return day.toISODate()!;
    if (format === 'ord') return ordinal(day.day);
    return day.toFormat(format);
  });
}

const localOf = (instant: Date | string) => DateTime.fromJSDate(new Date(instant), { zone: ZONE });

function expectAnswer(answer: ChatResponse, check: Check, c: Clock, where: string): void {
  const text = answer.replies.map((r) => r.text).join('\n');
  const context = `${where}: ${JSON.stringify({ state: answer.state, awaiting: answer.awaiting, replies: answer.replies })}`;
  if (check.state !== undefined) expect({ context, state: answer.state }).toEqual({ context, state: check.state });
  if (check.awaiting !== undefined) expect({ context, awaiting: answer.awaiting }).toEqual({ context, awaiting: check.awaiting });
  if (check.reply !== undefined) {
    const pattern = typeof check.reply === 'string' ? new RegExp(escape(fill(check.reply, c)), 'i') : check.reply;
    expect({ context, matches: pattern.test(text) }).toEqual({ context, matches: true });
  }
  if (check.notReply) expect({ context, matches: check.notReply.test(text) }).toEqual({ context, matches: false });
  if (check.options !== undefined) {
    expect({ context, options: answer.replies.flatMap((r) => r.options ?? []).length }).toEqual({
      context,
      options: check.options,
    });
  }
  if (check.silent) expect({ context, replies: answer.replies.length }).toEqual({ context, replies: 0 });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The customer's bookings in the table, released holds left out, against what the scenario expects. */
async function expectBookings(t: TestApp, phone: string, bookings: Booked[], earliestBefore: Map<string, string>, c: Clock) {
  const rows = (await bookingsOfPhone(t, phone)).filter((r) => r.status !== 'expired');
  const actual = rows.map((r) => ({
    service: r.service,
    status: r.status,
    date: localOf(r.start_at).toISODate(),
    time: localOf(r.start_at).toFormat('HH:mm'),
    staff: r.staff.split(' ')[0],
  }));
  const expected = bookings.map((e, i) => {
    const got = actual[i];
    let date: unknown;
    let time: unknown;
    if (e.at === 'earliest') {
      const first = localOf(earliestBefore.get(e.service)!);
      [date, time] = [first.toISODate(), first.toFormat('HH:mm')];
    } else if (e.at === '{nextweek}') {
      const monday = c.today.startOf('week').plus({ weeks: 1 });
      const inNextWeek =
        got !== undefined && got.date! >= monday.toISODate()! && got.date! <= monday.plus({ days: 6 }).toISODate()!;
      [date, time] = [inNextWeek ? got.date : `between ${monday.toISODate()} and the Sunday after`, got?.time];
    } else {
      const [day, exact] = fill(e.at, c).split(' ');
      date = day;
      if (exact) time = exact;
      else if (!e.between) time = got?.time;
      else time = got && got.time >= e.between[0] && got.time < e.between[1] ? got.time : `in [${e.between.join(', ')})`;
    }
    return { service: e.service, status: e.status ?? 'confirmed', date, time, staff: e.staff ?? got?.staff };
  });
  expect(actual).toEqual(expected);
}

interface CustomerFacts {
  flagged?: boolean;
  optedOut?: boolean;
  name?: string;
}

/** What the scenario says about the customer record and the conversation, where it says anything. */
async function expectCustomer(t: TestApp, phone: string, wanted: CustomerFacts) {
  const [row] = await t.sql<Required<CustomerFacts>>(
    `select c.name, c.opted_out as "optedOut", cv.flagged_for_staff as flagged
       from customers c left join conversations cv on cv.customer_id = c.id where c.phone = $1`,
    [phone],
  );
  const keys = (Object.keys(wanted) as (keyof CustomerFacts)[]).filter((k) => wanted[k] !== undefined);
  expect(Object.fromEntries(keys.map((k) => [k, row[k]]))).toEqual(Object.fromEntries(keys.map((k) => [k, wanted[k]])));
}

describe('chat scenarios: realistic conversations, English and Spanish', () => {
  let t: TestApp;
  let phones = 0;

  beforeAll(async () => {
    t = await TestApp.start({}, undefined, new FixedClock(NOW));
  });
  afterAll(() => t.close());

  async function book(shop: Barbershop, given: Given, c: Clock, customer: { name: string; phone: string }, staffId?: string) {
    const [date, time] = fill(given.at, c).split(' ');
    const res = await t.request('POST', `/api/v1/public/${shop.tenant.slug}/bookings`, {
      body: {
        serviceId: shop.services[given.service],
        start: shop.at(date, time),
        staffId: staffId ?? (given.staff ? shop.staff[given.staff] : undefined),
        customer,
      },
    });
    if (res.status !== 201) throw new Error(`given booking failed: ${res.status} ${JSON.stringify(res.body)}`);
  }

  async function earliest(shop: Barbershop, service: string, c: Clock): Promise<string> {
    const res = await t.request(
      'GET',
      `/api/v1/public/${shop.tenant.slug}/availability?serviceId=${shop.services[service]}&from=${c.today.toISODate()}&to=${c.today.plus({ days: 7 }).toISODate()}`,
    );
    return res.body.slots[0].start as string;
  }

  it.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
    const c = clock();
    const shop = await barbershop(t, c.closedDay);
    const phone = `+1212556${String(1000 + phones++)}`;
    for (const at of scenario.given?.taken ?? []) {
      for (const staffId of Object.values(shop.staff)) {
        await book(
          shop,
          { service: 'Haircut', at },
          c,
          { name: 'Someone Else', phone: `+1212557${String(1000 + phones++)}` },
          staffId,
        );
      }
    }
    for (const holiday of scenario.given?.holidays ?? []) {
      const res = await t.request('POST', '/api/v1/overrides', {
        token: shop.ownerToken,
        body: { date: fill(holiday, c), kind: 'closed', staffId: null, note: 'Holiday' },
      });
      if (res.status !== 201) throw new Error(`holiday override failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    for (const given of scenario.given?.mine ?? []) {
      await book(shop, given, c, { name: scenario.given?.customerName ?? 'Sam Rivers', phone });
    }
    const earliestBefore = new Map<string, string>();
    for (const expected of scenario.bookings) {
      if (expected.at === 'earliest') earliestBefore.set(expected.service, await earliest(shop, expected.service, c));
    }

    let answer: ChatResponse | undefined;
    for (const [i, turn] of scenario.turns.entries()) {
      const { say, ...check } = typeof turn === 'string' ? { say: turn } : turn;
      const text = fill(say, c);
      answer = await chatAs(t, shop, phone, text);
      expectAnswer(answer, check, c, `turn ${i + 1} "${text}"`);
    }

    const { flagged, optedOut, name, ...endCheck } = scenario.end ?? {};
    expectAnswer(answer!, { state: 'IDLE', ...endCheck }, c, 'the end');

    await expectBookings(t, phone, scenario.bookings, earliestBefore, c);
    await expectCustomer(t, phone, { flagged, optedOut, name });
  });
});
