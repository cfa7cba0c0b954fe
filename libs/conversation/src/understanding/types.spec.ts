import { isUnderstanding, toUnderstanding, UNDERSTANDING_JSON_SCHEMA, UNDERSTANDING_KEYS } from './types';
import { editDistance } from './fuzzy';

describe('isUnderstanding', () => {
  it.each([
    [{ intent: 'book', language: 'en' }],
    [{ intent: 'choose', language: 'es', optionIndex: 0 }],
    [
      {
        intent: 'inform',
        language: 'en',
        date: '2028-02-29',
        time: '23:59',
        approximate: true,
        dateRange: { from: '2026-01-01', to: '2026-01-01' },
      },
    ],
    [{ intent: 'book', language: 'en', time: '09:00', timeBound: 'after', earliest: false, serviceId: undefined }],
  ])('accepts %j', (value) => {
    expect(isUnderstanding(value)).toBe(true);
  });

  it.each([
    [null],
    ['book'],
    [[]],
    [{ intent: 'purchase', language: 'en' }],
    [{ intent: 'book', language: 'fr' }],
    [{ intent: 'book' }],
    [{ intent: 'book', language: 'en', extra: 1 }],
    [{ intent: 'book', language: 'en', date: '2026-02-30' }],
    [{ intent: 'book', language: 'en', date: '26-12-01' }],
    [{ intent: 'book', language: 'en', time: '24:00' }],
    [{ intent: 'book', language: 'en', time: '9:00' }],
    [{ intent: 'book', language: 'en', approximate: true }],
    [{ intent: 'book', language: 'en', timeBound: 'after' }],
    [{ intent: 'book', language: 'en', dateRange: { from: '2026-02-02', to: '2026-02-01' } }],
    [{ intent: 'book', language: 'en', dateRange: { from: '2026-02-02', to: '2026-02-03', extra: 1 } }],
    [{ intent: 'choose', language: 'en' }],
    [{ intent: 'choose', language: 'en', optionIndex: -1 }],
    [{ intent: 'choose', language: 'en', optionIndex: 1.5 }],
    [{ intent: 'book', language: 'en', serviceId: '' }],
    [{ intent: 'book', language: 'en', serviceId: null }],
    [{ intent: 'book', language: 'en', email: 'not an email' }],
    [{ intent: 'book', language: 'en', timeOfDay: 'night' }],
  ])('rejects %j', (value) => {
    expect(isUnderstanding(value)).toBe(false);
  });
});

describe('toUnderstanding', () => {
  it('drops nulls, false flags and qualifiers without a time, keeping only known keys', () => {
    expect(
      toUnderstanding({ intent: 'book', language: 'en', serviceId: null, approximate: true, earliest: false, time: null }),
    ).toEqual({
      intent: 'book',
      language: 'en',
    });
  });

  it('still rejects what is wrong', () => {
    expect(toUnderstanding({ intent: 'book', language: 'en', surprise: 1 })).toBeUndefined();
    expect(toUnderstanding('{"intent":"book"}')).toBeUndefined();
  });
});

describe('UNDERSTANDING_JSON_SCHEMA', () => {
  it('describes exactly the keys the validator knows', () => {
    expect(Object.keys(UNDERSTANDING_JSON_SCHEMA.properties).sort()).toEqual([...UNDERSTANDING_KEYS].sort());
  });
});

describe('editDistance', () => {
  it.each([
    ['haircut', 'haircut', 2, 0],
    ['haircutt', 'haircut', 2, 1],
    ['hiarcut', 'haircut', 2, 1],
    ['haricut', 'haircut', 2, 1],
    ['cancle', 'cancel', 1, 1],
    ['wensday', 'wednesday', 2, 2],
    ['shave', 'have', 1, 1],
    ['monday', 'sunday', 1, 2],
    ['', 'abc', 5, 3],
    ['abc', '', 1, 2],
  ])('%s → %s (max %i) is %i', (a, b, max, expected) => {
    expect(editDistance(a, b, max)).toBe(expected);
  });
});
