import { closest } from './fuzzy';
import { CANONICAL, FUZZY_TARGETS, KNOWN_WORDS } from './lexicon';

/**
 * Only the start of a message is read for details: a customer's request sits
 * in its first sentences, and the cap keeps a 5,000-character paste as cheap
 * as a short text.
 */
export const MAX_CHARS = 500;
/** Tokens past this many are not typo-corrected (the costliest step per token). */
const MAX_FUZZY_TOKENS = 80;

export interface Word {
  /** As typed, accents and case kept: names are taken from here. */
  raw: string;
  /** Folded: lower case, no accents, no apostrophes, runs of 3+ letters squeezed. */
  f: string;
  start: number;
  end: number;
}

export interface Analysis {
  /** The capped message with e-mail addresses and links blanked out. */
  raw: string;
  /** Folded, canonical words ("tmrw" → "tomorrow"), light punctuation kept for times and dates. */
  clean: string;
  words: Word[];
  email?: string;
}

const MARKS = /\p{M}+/gu;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
const EMAILS = new RegExp(EMAIL.source, 'gu');
const LINKS = /\b(?:https?:\/\/|www\.)\S+/giu;
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*/gu;
const TOKEN = /[\p{L}\p{N}]+/gu;
const LETTERS_ONLY = /^\p{L}+$/u;

/** Emoji with a plain meaning in a booking chat. */
const EMOJI_WORDS: readonly [RegExp, string][] = [
  [/👍|👌|✅|✔|☑|🆗|💯|🤙/gu, ' yes '],
  [/👎|❌|✖|🚫|⛔/gu, ' no '],
  [/🙏/gu, ' thanks '],
  [/👋/gu, ' hello '],
];

/** Lower case, accents stripped ("Mañana" → "manana"), full-width and ligature forms unfolded. */
export function fold(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(MARKS, '');
}

/** "yesss" → "yes", "pleeease" → "please": runs of three or more letters become one. */
export function squeezeRuns(text: string): string {
  return text.replace(/(\p{L})\1{2,}/gu, '$1');
}

const squeezeAll = (word: string): string => word.replace(/(\p{L})\1+/gu, '$1');

/** Words whose doubled letters may be dropped or repeated ("bok", "yess", "hii") → their known spelling. */
const BY_SQUEEZED: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string | null>();
  for (const word of KNOWN_WORDS) {
    const key = squeezeAll(word);
    if (key === word) continue;
    map.set(key, map.has(key) && map.get(key) !== word ? null : word);
  }
  const result = new Map<string, string>();
  for (const [key, word] of map) if (word && !KNOWN_WORDS.has(key)) result.set(key, word);
  return result;
})();

export function canonicalWord(token: string, allowFuzzy: boolean): string {
  const mapped = CANONICAL[token];
  if (mapped !== undefined) return mapped;
  if (KNOWN_WORDS.has(token) || !LETTERS_ONLY.test(token)) return token;
  const squeezed = squeezeAll(token);
  const bySqueeze = BY_SQUEEZED.get(squeezed) ?? (KNOWN_WORDS.has(squeezed) ? squeezed : undefined);
  if (bySqueeze !== undefined) return CANONICAL[bySqueeze] ?? bySqueeze;
  if (allowFuzzy && token.length >= 5) {
    const index = closest(token, FUZZY_TARGETS);
    if (index >= 0) return FUZZY_TARGETS[index];
  }
  return token;
}

/** Greetings that name a part of the day must not read as one ("good morning" is not a wish for a morning slot). */
const DAY_GREETINGS = /\b(?:good (?:morning|afternoon|evening|night|day)|buen(?:os)? dias?|buenas (?:tardes|noches))\b/g;

export function cleanText(text: string): string {
  let s = text;
  for (const [pattern, word] of EMOJI_WORDS) s = s.replace(pattern, word);
  s = fold(s)
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/(\p{L})'(?=\p{L})/gu, '$1')
    .replace(/\b([ap])\.\s?m\b\.?/g, '$1m')
    .replace(/[^\p{L}\p{N}\s:/#@.,!?;~$+-]/gu, ' ');
  s = squeezeRuns(s);
  let count = 0;
  s = s.replace(TOKEN, (token) => canonicalWord(token, ++count <= MAX_FUZZY_TOKENS));
  return s.replace(/\s+/g, ' ').trim().replace(DAY_GREETINGS, 'hello');
}

export function analyse(text: string): Analysis {
  let raw = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const emailMatch = EMAIL.exec(raw);
  const email = emailMatch ? emailMatch[0].replace(/\.+$/, '').toLowerCase() : undefined;
  raw = raw.replace(EMAILS, ' ').replace(LINKS, ' ');
  const words: Word[] = [];
  for (const match of raw.matchAll(WORD)) {
    const f = squeezeRuns(fold(match[0]).replace(/['’]/g, ''));
    words.push({ raw: match[0], f, start: match.index, end: match.index + match[0].length });
  }
  const analysis: Analysis = { raw, clean: cleanText(raw), words };
  if (email !== undefined && email.length <= 254) analysis.email = email;
  return analysis;
}

/** Splits text the way `Word.f` is built, for service names, aliases and option labels. */
export function foldedTokens(text: string): string[] {
  return Array.from(fold(text).matchAll(TOKEN), (m) => squeezeRuns(m[0]));
}
