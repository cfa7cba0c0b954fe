import fc from 'fast-check';
import { type InstantRange, subtractRanges } from './ranges';

const r = (start: number, end: number): InstantRange => ({ start: new Date(start), end: new Date(end) });
const plain = (ranges: InstantRange[]) => ranges.map((x) => [x.start.getTime(), x.end.getTime()]);

describe('subtractRanges', () => {
  it.each([
    ['no cuts', [r(0, 10)], [], [[0, 10]]],
    [
      'a cut in the middle splits',
      [r(0, 10)],
      [r(3, 5)],
      [
        [0, 3],
        [5, 10],
      ],
    ],
    ['a cut over the end trims', [r(0, 10)], [r(8, 12)], [[0, 8]]],
    ['a cut over everything removes it', [r(2, 4)], [r(0, 10)], []],
    ['touching cuts leave nothing between', [r(0, 10)], [r(0, 5), r(5, 10)], []],
    ['disjoint cuts leave it whole', [r(0, 10)], [r(10, 12)], [[0, 10]]],
  ])('%s', (_name, ranges, cuts, expected) => {
    expect(plain(subtractRanges(ranges, cuts))).toEqual(expected);
  });

  it('keeps exactly the instants inside a range and outside every cut', () => {
    const range = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 30 })).map(([s, l]) => r(s, s + l));
    fc.assert(
      fc.property(
        fc.array(range, { maxLength: 5 }),
        fc.array(range, { maxLength: 5 }),
        fc.integer({ min: 0, max: 140 }),
        (ranges, cuts, t) => {
          const inside = (list: InstantRange[]) => list.some((x) => x.start.getTime() <= t && t < x.end.getTime());
          expect(inside(subtractRanges(ranges, cuts))).toBe(inside(ranges) && !inside(cuts));
        },
      ),
    );
  });
});
