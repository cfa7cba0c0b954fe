import { understand } from './understand';
import { BASE_CONTEXT, ENGLISH_COUNT, FIXTURES, SPANISH_COUNT } from './fixtures';
import type { Fixture } from './fixtures';
import { isUnderstanding } from './types';
import type { Understanding } from './types';

const run = (fixture: Fixture): Understanding => understand(fixture.text, { ...BASE_CONTEXT, ...fixture.context });

/** The keys of `expect` that the result gets wrong, as `key: got … wanted …`. */
function mismatches(fixture: Fixture, result: Understanding): string[] {
  const wrong: string[] = [];
  for (const [key, wanted] of Object.entries(fixture.expect)) {
    const got = (result as unknown as Record<string, unknown>)[key];
    if (JSON.stringify(got) !== JSON.stringify(wanted))
      wrong.push(`${key}: got ${JSON.stringify(got)}, wanted ${JSON.stringify(wanted)}`);
  }
  return wrong;
}

const label = (fixture: Fixture): string => {
  const awaiting = fixture.context?.awaiting;
  return `${JSON.stringify(fixture.text)}${awaiting ? ` (awaiting ${awaiting})` : ''}`;
};

describe('understand: labelled fixtures', () => {
  it('has at least 250 fixtures, about 60% English and 40% Spanish', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(250);
    const spanishShare = SPANISH_COUNT / (ENGLISH_COUNT + SPANISH_COUNT);
    expect(spanishShare).toBeGreaterThanOrEqual(0.35);
    expect(spanishShare).toBeLessThanOrEqual(0.45);
  });

  it.each(FIXTURES.map((f) => [label(f), f] as const))('%s', (_label, fixture) => {
    const result = run(fixture);
    expect(isUnderstanding(result)).toBe(true);
    expect(mismatches(fixture, result)).toEqual([]);
  });

  it('is at least 95% accurate over the whole table', () => {
    const failures = FIXTURES.map((f) => ({ f, wrong: mismatches(f, run(f)) })).filter((x) => x.wrong.length > 0);
    const accuracy = 1 - failures.length / FIXTURES.length;
    console.log(
      `understanding accuracy: ${(accuracy * 100).toFixed(1)}% (${FIXTURES.length - failures.length}/${FIXTURES.length} fixtures fully right)` +
        failures.map(({ f, wrong }) => `\n  ${label(f)}: ${wrong.join('; ')}`).join(''),
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });
});
