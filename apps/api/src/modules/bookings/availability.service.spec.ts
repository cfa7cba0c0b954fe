import { nextWindowDays } from './availability.service';

describe('nextWindowDays: how many more dates an answer reads', () => {
  it.each([
    ['nothing found in 7 dates: all the rest', 0, 7, 25, 25],
    ['a quarter of the room in 7 dates: what the rest of the room suggests, a quarter more, and one', 0.25, 7, 25, 25],
    ['half the room in 2 dates: 2 more, a quarter more (3), and one', 0.5, 2, 30, 4],
    ['nearly full: the date that may not fit, and one', 0.99, 7, 25, 2],
    ['never more than is left', 0.1, 7, 3, 3],
  ])('%s', (_name, filled, daysRead, daysLeft, expected) => {
    expect(nextWindowDays(filled, daysRead, daysLeft)).toBe(expected);
  });
});
