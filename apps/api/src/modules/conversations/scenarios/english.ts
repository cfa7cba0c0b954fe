import type { Scenario } from './scenario';

/** The English conversations (and one Spanish question about a holiday, with them). */
// prettier-ignore
export const ENGLISH_SCENARIOS: Scenario[] = [
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
];
