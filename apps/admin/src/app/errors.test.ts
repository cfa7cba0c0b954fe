import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { messagePath, splitErrors } from './errors';

const validation = (...message: string[]) => new ApiError(400, { statusCode: 400, code: 'validation_failed', message });

describe('messagePath', () => {
  it.each([
    ['durationMinutes must not be less than 1', 'durationMinutes'],
    ['hours.tue[1]: overlaps 09:00–12:00', 'hours.tue[1]'],
    ['customer.phone: 123 is not a valid phone number', 'customer.phone'],
    ['owner.password must be longer than or equal to 8 characters', 'owner.password'],
    ['A value is out of its allowed range', 'A'],
    ['', null],
  ])('%s → %s', (message, path) => {
    expect(messagePath(message)).toBe(path);
  });
});

describe('splitErrors', () => {
  const fields = ['name', 'durationMinutes', 'customer.phone', 'weekly'] as const;
  it.each([
    ['nothing', null, {}, []],
    [
      'one field',
      validation('durationMinutes must not be less than 1'),
      { durationMinutes: ['durationMinutes must not be less than 1'] },
      [],
    ],
    [
      'a nested path goes to its field',
      validation('weekly.tue[1]: overlaps 09:00–12:00'),
      { weekly: ['weekly.tue[1]: overlaps 09:00–12:00'] },
      [],
    ],
    ['a prefix that is not a path segment does not match', validation('names must be unique'), {}, ['names must be unique']],
    [
      'unknown paths go to the form',
      validation('A value is out of its allowed range'),
      {},
      ['A value is out of its allowed range'],
    ],
    [
      'several at once',
      validation('name should not be empty', 'customer.phone: 12 is not a valid phone number'),
      { name: ['name should not be empty'], 'customer.phone': ['customer.phone: 12 is not a valid phone number'] },
      [],
    ],
    [
      'not a validation error',
      new ApiError(409, { statusCode: 409, code: 'slot_unavailable', message: 'name that slot is taken' }),
      {},
      ['name that slot is taken'],
    ],
    ['not an API error', new Error('offline'), {}, ['offline']],
  ])('%s', (_case, error, fieldMessages, formMessages) => {
    expect(splitErrors(error, fields)).toEqual({ fields: fieldMessages, form: formMessages });
  });

  it('puts an error of a given code on its field', () => {
    const taken = new ApiError(409, { statusCode: 409, code: 'slug_taken', message: 'The slug demo is taken' });
    expect(splitErrors(taken, ['slug'], { slug_taken: 'slug' })).toEqual({
      fields: { slug: ['The slug demo is taken'] },
      form: [],
    });
  });
});
