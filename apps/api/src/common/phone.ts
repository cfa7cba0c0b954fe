import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { LRUCache } from 'lru-cache';

/**
 * Numbers already read, by the country national numbers are read in (the same customers write
 * again and again, and parsing one costs about 2% of a chat message's CPU); `null` for input
 * that cannot be a number.
 */
const read = new LRUCache<string, { e164: string | null }>({ max: 10_000 });

/**
 * E.164 form of `input`, national numbers read in `defaultCountry`; null when it cannot be one.
 * Possible (right length for its country) is enough: demo and test numbers such as
 * +1 555 123 4567 are not assigned, so strict validity would refuse them.
 */
function e164Of(input: string, defaultCountry?: string): string | null {
  const key = `${defaultCountry ?? ''} ${input}`;
  let known = read.get(key);
  if (!known) {
    const parsed = parsePhoneNumberFromString(input, defaultCountry as CountryCode | undefined);
    known = { e164: parsed?.isPossible() ? parsed.number : null };
    read.set(key, known);
  }
  return known.e164;
}

/**
 * E.164 form of a number written in international form (+…), which reads the same whatever the
 * tenant's country; undefined for any other input, or one that cannot be a number.
 */
export function internationalPhone(input: string): string | undefined {
  const trimmed = input.trim();
  return trimmed.startsWith('+') ? (e164Of(trimmed) ?? undefined) : undefined;
}

/** E.164 form of a phone number, reading national numbers in the tenant's country; null when it cannot be one. */
export function normalisePhone(input: string, defaultCountry: string): string | null {
  return e164Of(input.trim(), defaultCountry);
}
