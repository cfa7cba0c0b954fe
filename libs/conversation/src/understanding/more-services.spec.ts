import { BASE_CONTEXT } from './fixtures';
import { understand } from './understand';

// Two services named apart are both kept, for a question about each; a combined one stays one.
describe('understand: several services in one message', () => {
  it.each([
    ['how much are a haircut and a beard trim?', 'haircut', ['beard']],
    ['¿cuánto cuestan un corte y un tinte?', 'haircut', ['color']],
    ['prices for shave, color and kids cut', 'kids', ['shave', 'color']],
  ])('%s', (text, first, more) => {
    const u = understand(text, BASE_CONTEXT);
    expect([u.serviceId, ...(u.moreServiceIds ?? [])].sort()).toEqual([first, ...more].sort());
  });

  it.each([
    ['a haircut tomorrow at 3', { ...BASE_CONTEXT }],
    [
      'cut and beard on friday',
      {
        ...BASE_CONTEXT,
        services: [...BASE_CONTEXT.services, { id: 'combo', name: 'Haircut & Beard', aliases: ['cut and beard'] }],
      },
    ],
  ])('%s names one', (text, context) => {
    expect(understand(text, context).moreServiceIds).toBeUndefined();
  });
});
