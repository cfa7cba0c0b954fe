import fc from 'fast-check';
import { AWAITING } from '@frontdesk/contracts';
import { understand, understandUnguarded } from './understand';
import { BASE_CONTEXT, FIXTURES, SERVICES, STAFF } from './fixtures';
import { isUnderstanding } from './types';
import type { Understanding, UnderstandingContext } from './types';

// prettier-ignore
const VOCABULARY = [
  'tmrw', 'tomorrow', 'mañana', 'manana', 'pasado', 'at', 'a las', 'around', 'sobre las', '3', '3pm', '4:30', '12/3', '3/12',
  'the 3rd', 'el 3', 'de', 'diciembre', 'Dec', 'next', 'this', 'friday', 'viernes', 'week', 'semana', 'weekend', 'y media',
  'half past', 'quarter to', 'noon', 'mediodía', 'ish', 'cancel', 'cancelar', 'reschedule', 'book', 'cita', 'haircut', 'corte',
  'beard', 'barba', 'with', 'con', 'Jordan', 'María', 'instead', 'actually', 'mejor', 'yes', 'no', 'sí', 'the', 'second', 'one',
  'la', 'segunda', '#2', 'option', 'this is', 'soy', 'me llamo', 'Priya', 'a@b.co', 'STOP', 'help', 'human', '?', '!', ',',
  '👍', '🙏', '😀', '0', '99', '24:00', '13am', '31/2', '2/31', '00:00', '-', ':', '/', '.', '@', '~', '$', "'",
];
const ZONES = ['America/New_York', 'Europe/Madrid', 'Asia/Kolkata', 'Pacific/Kiritimati', 'UTC', 'Not/AZone', ''];

const wordSalad = fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 40 }).map((words) => words.join(' '));
const emoji = fc
  .array(
    fc.constantFrom(
      '👍',
      '👍🏽',
      '😀',
      '🙏',
      '👨‍👩‍👧',
      '🇪🇸',
      '\u0301',
      '\u200d',
      '\ufe0f',
      '\ud83d',
      '\u0000',
      'ñ',
      'İ',
      'ß',
      'ﬁ',
      '３',
      '½',
    ),
    {
      maxLength: 60,
    },
  )
  .map((parts) => parts.join(''));
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  wordSalad,
  emoji,
  fc.constantFrom(...FIXTURES.map((f) => f.text)),
  // Long pastes: a real request repeated, or noise, up to 5,000 characters.
  fc
    .tuple(wordSalad, fc.integer({ min: 1, max: 5000 }))
    .map(([text, n]) => (text + ' ').repeat(Math.ceil(n / (text.length + 1))).slice(0, n)),
  fc.string({ unit: 'binary', minLength: 4000, maxLength: 5000 }),
);

/** A catalog id: any text, never blank (real ids are uuids; an Understanding refuses a blank id). */
const anyId = fc.string({ minLength: 1, maxLength: 8 }).filter((id) => id.trim().length > 0);
const option = fc.record({ id: fc.string({ maxLength: 10 }), label: fc.oneof(fc.string({ maxLength: 40 }), wordSalad) });
const anyContext: fc.Arbitrary<UnderstandingContext> = fc.record({
  now: fc.oneof(
    fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
    fc.constant(new Date(NaN)),
  ),
  timezone: fc.constantFrom(...ZONES),
  country: fc.constantFrom('US', 'ES', 'MX', 'GB', '', 'us'),
  services: fc.oneof(
    fc.constant(SERVICES),
    fc.array(
      fc.record({
        id: anyId,
        name: fc.string({ maxLength: 30 }),
        aliases: fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
      }),
      { maxLength: 8 },
    ),
  ),
  staff: fc.oneof(fc.constant(STAFF), fc.array(fc.record({ id: anyId, name: fc.string({ maxLength: 30 }) }), { maxLength: 6 })),
  options: fc.oneof(fc.constant(null), fc.array(option, { maxLength: 12 })),
  awaiting: fc.constantFrom(null, undefined, ...AWAITING),
  languageHint: fc.constantFrom('en' as const, 'es' as const, null, undefined),
});

function expectInvariants(result: Understanding, context: UnderstandingContext): void {
  expect(isUnderstanding(result)).toBe(true);
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  if (result.serviceId !== undefined) expect(context.services.some((s) => s.id === result.serviceId)).toBe(true);
  if (result.staffId !== undefined) expect(context.staff.some((s) => s.id === result.staffId)).toBe(true);
  if (result.optionIndex !== undefined) expect(result.optionIndex).toBeLessThan(context.options?.length ?? 0);
}

describe('understand: any input', () => {
  it('never throws and always returns a valid, JSON-stable Understanding that names only known ids', () => {
    fc.assert(
      fc.property(anyText, anyContext, (text, context) => {
        // Unguarded: the catch-all in `understand` must never be what keeps this green.
        expectInvariants(understandUnguarded(text, context), context);
      }),
      { numRuns: 1500 },
    );
  });

  it('survives inputs that break the declared types', () => {
    const broken = [undefined, null, 42, {}, [], Symbol.iterator] as unknown as string[];
    const contexts = [
      undefined,
      null,
      {},
      { ...BASE_CONTEXT, services: null, staff: 'x', options: 'y', now: 'today' },
    ] as unknown as UnderstandingContext[];
    for (const text of [...broken, 'tomorrow at 3']) {
      for (const context of contexts) {
        expect(isUnderstanding(understandUnguarded(text, context))).toBe(true);
        expect(isUnderstanding(understand(text, context))).toBe(true);
      }
    }
  });

  it('reads only the start of a long message, and stays fast', () => {
    const request = 'can I get a cut tmrw around 3? ';
    const long = request + 'blah '.repeat(1000);
    expect(long.length).toBeGreaterThan(5000);
    expect(understand(long, BASE_CONTEXT)).toMatchObject({
      intent: 'book',
      serviceId: 'haircut',
      date: '2026-11-24',
      time: '15:00',
    });

    const samples = fc.sample(anyText, { numRuns: 600, seed: 42 });
    const contexts = [
      BASE_CONTEXT,
      {
        ...BASE_CONTEXT,
        awaiting: 'slot_choice' as const,
        options: [
          { id: 'a', label: 'Tue Nov 24, 2:00 PM' },
          { id: 'b', label: 'Wed Nov 25, 10:00 AM' },
        ],
      },
    ];
    for (const text of samples.slice(0, 20)) understand(text, BASE_CONTEXT); // warm-up
    let total = 0;
    let worst = 0;
    let characters = 0;
    for (const [i, text] of samples.entries()) {
      const start = performance.now();
      understand(text, contexts[i % contexts.length]);
      const elapsed = performance.now() - start;
      total += elapsed;
      worst = Math.max(worst, elapsed);
      characters += text.length;
    }
    console.log(
      `understand timing: ${samples.length} messages (avg ${Math.round(characters / samples.length)} chars), ` +
        `mean ${(total / samples.length).toFixed(3)} ms, worst ${worst.toFixed(2)} ms`,
    );
    expect(total).toBeGreaterThan(0);
  });
});
