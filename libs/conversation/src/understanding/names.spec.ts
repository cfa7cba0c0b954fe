import { BASE_CONTEXT, type Fixture } from './fixtures';
import { understand } from './understand';
import type { UnderstandingContext } from './types';

// Lowercase names whose words are also words (issue 14): "sam friday" is a name when the bot asked
// for one, not a wish for Friday; "paz corte" is no haircut. Today is Monday 23 Nov 2026.

const ASK_NAME: Partial<UnderstandingContext> = { awaiting: 'name' };
const ASK_NAME_ES: Partial<UnderstandingContext> = { awaiting: 'name', languageHint: 'es' };

const NAMES: Fixture[] = [
  // Answering "what name?": every word kept, no day, time or service read from them.
  { text: 'sam friday', context: ASK_NAME, expect: { intent: 'inform', name: 'Sam Friday', date: undefined } },
  { text: 'Sam friday', context: ASK_NAME, expect: { name: 'Sam Friday', date: undefined } },
  { text: 'bill sunday', context: ASK_NAME, expect: { name: 'Bill Sunday', date: undefined } },
  { text: "i'm sam friday", context: ASK_NAME, expect: { name: 'Sam Friday', date: undefined } },
  { text: 'my name is leo monday', context: ASK_NAME, expect: { name: 'Leo Monday', date: undefined } },
  { text: 'mark cutting', context: ASK_NAME, expect: { name: 'Mark Cutting', serviceId: undefined } },
  { text: 'paz corte', context: ASK_NAME_ES, expect: { name: 'Paz Corte', serviceId: undefined } },
  { text: 'soy jesus cortes', context: ASK_NAME_ES, expect: { name: 'Jesus Cortes', serviceId: undefined } },
  { text: 'ana mañana', context: ASK_NAME, expect: { name: 'Ana Mañana', date: undefined, language: 'en' } },
  { text: 'me llamo rosa tarde', context: ASK_NAME_ES, expect: { name: 'Rosa Tarde', timeOfDay: undefined } },
  { text: 'maria rosas', context: ASK_NAME_ES, expect: { name: 'Maria Rosas' } },
  { text: 'john wells', context: ASK_NAME, expect: { name: 'John Wells' } },
  { text: 'grace hall, thanks', context: ASK_NAME, expect: { intent: 'inform', name: 'Grace Hall' } },
  { text: 'tom banks please', context: ASK_NAME, expect: { name: 'Tom Banks' } },
  { text: 'ana cruz gracias', context: ASK_NAME_ES, expect: { name: 'Ana Cruz' } },
  { text: "i'm will may", context: ASK_NAME, expect: { name: 'Will May' } },
  { text: 'soy june march', context: ASK_NAME_ES, expect: { name: 'June March' } },
  { text: 'name is june march', context: ASK_NAME, expect: { name: 'June March' } },
  { text: 'a nombre de will may gracias', context: ASK_NAME_ES, expect: { name: 'Will May' } },
  { text: 'luz del mar', context: ASK_NAME_ES, expect: { name: 'Luz del Mar' } },
  { text: 'a nombre de ana de la cruz', context: ASK_NAME_ES, expect: { name: 'Ana de la Cruz' } },
  { text: 'ok leo marks', context: ASK_NAME, expect: { name: 'Leo Marks' } },
  // …but a day, a service, a typo of one or a courtesy alone is no name.
  { text: 'friday', context: ASK_NAME, expect: { name: undefined, date: '2026-11-27' } },
  { text: 'friday instead', context: ASK_NAME, expect: { name: undefined, date: '2026-11-27' } },
  { text: 'tomorow', context: ASK_NAME, expect: { name: undefined, date: '2026-11-24' } },
  { text: 'hiarcut', context: ASK_NAME, expect: { name: undefined, serviceId: 'haircut' } },
  { text: 'no thanks', context: ASK_NAME, expect: { name: undefined } },
  { text: 'Thanks, Dan', context: ASK_NAME, expect: { intent: 'thanks', name: undefined } },
  { text: 'cancel', context: ASK_NAME, expect: { intent: 'cancel', name: undefined } },
  // Introduced in a request: a surname that is also a word ends the clause.
  {
    text: "hi i'm sam friday, can i book a haircut tomorrow at 3pm",
    expect: { intent: 'book', name: 'Sam Friday', date: '2026-11-24', time: '15:00' },
  },
  {
    text: 'im dawn knight can i book a haircut tomorrow at 3pm',
    expect: { intent: 'book', name: 'Dawn Knight', date: '2026-11-24', time: '15:00' },
  },
  {
    text: 'hola soy ana mañana, quiero un corte el jueves a las 5',
    expect: { intent: 'book', name: 'Ana Mañana', date: '2026-11-26', time: '17:00', language: 'es' },
  },
  {
    text: 'me llamo pedro lunes y quisiera una cita el viernes a las 10',
    expect: { name: 'Pedro Lunes', date: '2026-11-27', time: '10:00' },
  },
  { text: 'haircut tomorrow at 3pm please, my name is omar sunday', expect: { name: 'Omar Sunday', date: '2026-11-24' } },
  // Followed by a time, the day is a day.
  { text: "i'm sam friday at 3", expect: { name: 'Sam', date: '2026-11-27', time: '15:00' } },
  { text: 'This is Sam. Friday at 3 please', expect: { name: 'Sam', date: '2026-11-27', time: '15:00' } },
];

describe('understand: lowercase names made of words', () => {
  it.each(NAMES.map((f) => [`${f.text}${f.context?.awaiting ? ' (asked for a name)' : ''}`, f] as const))(
    '%s',
    (_label, fixture) => {
      const result = understand(fixture.text, { ...BASE_CONTEXT, ...fixture.context });
      const got = Object.fromEntries(Object.keys(fixture.expect).map((k) => [k, result[k as keyof typeof result]]));
      expect(got).toEqual(fixture.expect);
    },
  );
});
