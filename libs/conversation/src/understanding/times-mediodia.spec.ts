import { BASE_CONTEXT } from './fixtures';
import { understand } from './understand';

// "del mediodía" after a time is that time's part of the day, not noon: the minutes stay (issue 14,
// class 1; found by the taken-times paraphrase class).
describe('understand: a time "del mediodía"', () => {
  it.each([
    ['¿y a las 12:30 del mediodía?', '12:30'],
    ['a la 1:30 del mediodía', '13:30'],
    ['a las doce y media del mediodía', '12:30'],
    ['a la una y cuarto del mediodía', '13:15'],
    ['a las 12 del mediodía', '12:00'],
    ['al mediodía', '12:00'],
  ])('%s is %s', (text, time) => {
    expect(understand(text, { ...BASE_CONTEXT, languageHint: 'es' }).time).toBe(time);
  });
});
