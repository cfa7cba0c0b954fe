import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { LRUCache } from 'lru-cache';

/**
 * Numbers already read in international form (the same customers write again and again, and
 * parsing one costs about 2% of a chat message's CPU); `null` for input that is not one.
 */
const international = new LRUCache<string, { e164: string | null }>({ max: 10_000 });

/**
 * E.164 form of a number written in international form (+…), which reads the same whatever the
 * tenant's country; undefined for any other input, or one that cannot be a number.
 */
export function internationalPhone(input: string): string | undefined {
  const trimmed = input.trim();
  if (!trimmed.startsWith('+')) return undefined;
  let known = international.get(trimmed);
  if (!known) {
    const parsed = parsePhoneNumberFromString(trimmed);
    known = { e164: parsed?.isPossible() ? parsed.number : null };
    international.set(trimmed, known);
  }
  return known.e164 ?? undefined;
}

/**
 * E.164 form of a phone number, reading national numbers in the tenant's country; null when
 * it cannot be one. Possible (right length for its country) is enough: demo and test numbers
 * such as +1 555 123 4567 are not assigned, so strict validity would refuse them.
 */
export function normalisePhone(input: string, defaultCountry: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultCountry as CountryCode);
  return parsed?.isPossible() ? parsed.number : null;
}
