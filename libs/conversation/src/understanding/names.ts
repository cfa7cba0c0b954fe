import { CANONICAL, FUNCTION_WORDS, KNOWN_WORDS, NAME_PARTICLES } from './lexicon';
import { canonicalWord } from './text';
import type { Word } from './text';

export interface NameFinding {
  name: string;
  /** Word indices [start, end) the name occupies, kept out of staff and service matching. */
  start: number;
  end: number;
}

/** Introductions. `strong` ones ("my name is") take any word that can be a name; weak ones ("I'm", "soy") only unusual words. */
const INTRODUCTIONS: readonly { words: string[]; strong: boolean }[] = [
  { words: ['my', 'name', 'is'], strong: true },
  { words: ['my', 'names'], strong: true },
  { words: ['name', 'is'], strong: true },
  { words: ['me', 'llamo'], strong: true },
  { words: ['mi', 'nombre', 'es'], strong: true },
  { words: ['de', 'parte', 'de'], strong: true },
  { words: ['a', 'nombre', 'de'], strong: true },
  { words: ['under', 'the', 'name'], strong: true },
  { words: ['under', 'the', 'name', 'of'], strong: true },
  { words: ['its', 'for'], strong: false },
  { words: ['it', 'is', 'for'], strong: false },
  { words: ['under'], strong: false },
  { words: ['this', 'is'], strong: false },
  { words: ['it', 'is'], strong: false },
  { words: ['its'], strong: false },
  { words: ['names'], strong: false },
  { words: ['name'], strong: false },
  { words: ['nombre'], strong: false },
  { words: ['i', 'am'], strong: false },
  { words: ['im'], strong: false },
  { words: ['call', 'me'], strong: false },
  { words: ['soy'], strong: false },
  { words: ['habla'], strong: false },
  { words: ['aqui'], strong: false },
];

const NAME_SHAPE = /^[\p{L}\p{M}][\p{L}\p{M}'’.-]*$/u;
/** Endings of words that describe rather than name ("running", "excited", "ridiculous", "seriously"). */
const NOT_NAME_ENDING = /(ing|ed|ly|ous|ful|able|ible|ive|less|ness|ment|mente|ado|ada|ido|ida|cion|sion)$/;

const hasPunctuationBetween = (raw: string, a: Word, b: Word): boolean => /[,.!?;:()\n]/.test(raw.slice(a.end, b.start));

function titleCase(word: string): string {
  return word
    .split(/([-'’])/)
    .map((part) => (part.length > 0 ? part[0].toLocaleUpperCase() + part.slice(1).toLocaleLowerCase() : part))
    .join('');
}

/**
 * Keeps the customer's own capitals; a name typed all in lower or upper case is title-cased
 * ("priya" → "Priya"), also when only its first letter is a capital, as phones write it ("Sam friday").
 */
export function presentName(words: readonly Word[]): string {
  const text = words.map((w) => w.raw).join(' ');
  const letters = text.replace(/[^\p{L}]/gu, '');
  const rest = letters.slice(1);
  const uniformCase = rest === rest.toLocaleLowerCase() || letters === letters.toLocaleUpperCase();
  if (!uniformCase) return text;
  return words.map((w, i) => (i > 0 && NAME_PARTICLES.has(w.f) ? w.raw.toLocaleLowerCase() : titleCase(w.raw))).join(' ');
}

function canBeName(word: Word, strong: boolean, messageHasCapitals: boolean): boolean {
  if (!NAME_SHAPE.test(word.raw) || word.f.length < 2) return false;
  if (FUNCTION_WORDS.has(word.f)) return false;
  if (strong) return true;
  if (KNOWN_WORDS.has(word.f)) return false;
  // Someone who writes with capitals capitalises their name.
  const capitalised = word.raw[0] !== word.raw[0].toLocaleLowerCase();
  // A capital in a mixed-case message marks a name even with a describing ending ("Ahmed", "Emily", "Frida").
  if (capitalised && messageHasCapitals) return true;
  if (NOT_NAME_ENDING.test(word.f)) return false;
  return capitalised || !messageHasCapitals;
}

/**
 * Whether the customer capitalises words of their own accord: a capital that is not the pronoun
 * "I" nor the first word of a sentence (phones capitalise those), in a message not all in capitals.
 */
function writesWithCapitals(raw: string, words: readonly Word[]): boolean {
  if (raw === raw.toLocaleUpperCase()) return false;
  return words.some((w, i) => {
    if (!/^\p{Lu}/u.test(w.raw) || /^(?:i|im|id|ill|ive)$/.test(w.f)) return false;
    const sentenceStart = i === 0 || /[.!?¿¡]\s*$/u.test(raw.slice(words[i - 1].end, w.start));
    return !sentenceStart;
  });
}

/** Reads up to four words of a name from `from`, stopping at punctuation or a word that cannot be part of one. */
function readName(raw: string, words: readonly Word[], from: number, strong: boolean): NameFinding | undefined {
  const messageHasCapitals = writesWithCapitals(raw, words);
  if (from >= words.length || !canBeName(words[from], strong, messageHasCapitals)) return undefined;
  let end = from + 1;
  while (end < words.length && end - from < 4 && !hasPunctuationBetween(raw, words[end - 1], words[end])) {
    const next = words[end];
    if (NAME_PARTICLES.has(next.f) && next.f !== 'y') {
      const after = words[end + 1];
      if (
        after &&
        !hasPunctuationBetween(raw, next, after) &&
        canBeName(after, false, messageHasCapitals) &&
        /^\p{Lu}/u.test(after.raw)
      ) {
        end += 2;
        continue;
      }
      break;
    }
    // Later words of a name must look like names even after "my name is" ("my name is Ana and …"),
    // unless a lowercase surname that is also a word ends the clause: "i'm sam friday, …".
    if (!canBeName(next, false, messageHasCapitals) && !endsNameLikeSurname(raw, words, from, end, messageHasCapitals)) break;
    end++;
  }
  return { name: presentName(words.slice(from, end)), start: from, end };
}

/** Words that start the next clause after a name typed without punctuation: "im sam friday can i book …". */
// prettier-ignore
const CLAUSE_STARTS = new Set([
  'can', 'could', 'would', 'i', 'im', 'id', 'and', 'y', 'e', 'quiero', 'quisiera', 'necesito', 'me', 'puedo', 'please',
  'pls', 'por', 'here', 'want', 'need', 'gracias', 'thanks', 'hi', 'hola', 'tengo', 'do', 'is', 'are',
]);

/**
 * "i'm sam friday", "soy ana mañana": in a message typed without capitals, a word that is also a
 * day, a month or another word ends a name when it closes the clause (punctuation, the end of the
 * message or the start of another clause follows) and the name so far is no word at all.
 * Followed by more ("i'm sam friday at 3"), it stays a day.
 */
function endsNameLikeSurname(
  raw: string,
  words: readonly Word[],
  from: number,
  at: number,
  messageHasCapitals: boolean,
): boolean {
  const word = words[at];
  if (
    messageHasCapitals ||
    !NAME_SHAPE.test(word.raw) ||
    FUNCTION_WORDS.has(word.f) ||
    CLAUSE_STARTS.has(word.f) ||
    word.f.length < 2
  )
    return false;
  const after = words[at + 1];
  const closesClause = !after || hasPunctuationBetween(raw, word, after) || CLAUSE_STARTS.has(after.f);
  return closesClause && words.slice(from, at).some(isNameEvidence);
}

/**
 * A word that only a name explains: in no word list (English or Spanish), not a spelling of one
 * ("tmrw", "tomorow", "yesss") and not a typo of one ("wensday"). "Sam", "Rosas", "Cruz" are;
 * "Friday", "Will", "mañana", "booking" are not.
 */
export function isNameEvidence(word: Word): boolean {
  const f = word.f;
  if (!/^\p{L}+$/u.test(f) || f.length < 2 || KNOWN_WORDS.has(f) || CANONICAL[f] !== undefined) return false;
  return canonicalWord(f, true) === f;
}

/** Words that may lead an answer to "what name?" before the name itself. */
const ANSWER_LEADS = new Set(['hi', 'hello', 'hey', 'hola', 'buenas', 'ok', 'okay', 'sure', 'claro', 'vale', 'oh']);

/** Courtesy after the name: "sam friday, thanks", "ana mañana por favor". */
const ANSWER_TAILS = new Set(['thanks', 'thx', 'please', 'pls', 'plz', 'gracias', 'porfa']);
const ANSWER_TAIL_PAIRS = new Set(['thank you', 'por favor']);

/**
 * The answer to "what name should I put it under?": the whole message but an introduction
 * ("i'm", "soy", "me llamo", "my name is", "it's", "a nombre de") and a greeting before it, when
 * that rest has the shape of a name (see `findBareName`). Whether it is taken for one is the
 * caller's decision: it may also be a day, a time or a service.
 */
export function findNameAnswer(raw: string, words: readonly Word[]): NameFinding | undefined {
  let from = 0;
  while (from < words.length - 1 && ANSWER_LEADS.has(words[from].f) && !introductionAt(words, from)) from++;
  from += introductionAt(words, from);
  let end = words.length;
  while (end - 1 > from && ANSWER_TAILS.has(words[end - 1].f)) end--;
  if (end - 2 > from && ANSWER_TAIL_PAIRS.has(`${words[end - 2].f} ${words[end - 1].f}`)) end -= 2;
  if (from >= end) return undefined;
  const found = findBareName(raw.slice(words[from].start, words[end - 1].end), words.slice(from, end));
  return found && { name: found.name, start: from, end };
}

/** How many words an introduction at `at` takes (the longest that matches), or 0. */
function introductionAt(words: readonly Word[], at: number): number {
  let longest = 0;
  for (const intro of INTRODUCTIONS) {
    const n = intro.words.length;
    if (n > longest && at + n <= words.length && intro.words.every((w, k) => words[at + k].f === w)) longest = n;
  }
  return longest;
}

/** "this is Priya", "my name is John Smith", "I'm Ana", "soy Lucía", "me llamo …", "Priya here". */
export function findIntroducedName(raw: string, words: readonly Word[]): NameFinding | undefined {
  const limit = Math.min(words.length, 60);
  for (let i = 0; i < limit; i++) {
    for (const intro of INTRODUCTIONS) {
      const n = intro.words.length;
      if (i + n > words.length) continue;
      let matches = true;
      for (let k = 0; k < n; k++) {
        if (words[i + k].f !== intro.words[k]) {
          matches = false;
          break;
        }
      }
      if (!matches) continue;
      const found = readName(raw, words, i + n, intro.strong);
      if (found) return found;
    }
  }
  // "Name's Sam"
  if (words.length >= 2 && words[0].f === 'names') {
    const found = readName(raw, words, 1, true);
    if (found) return found;
  }
  // "Priya here"
  if (words.length >= 2 && words.length <= 8 && words[1].f === 'here' && !hasPunctuationBetween(raw, words[0], words[1])) {
    const found = readName(raw, words, 0, false);
    if (found && found.end === 1) return found;
  }
  return undefined;
}

/**
 * A message that is nothing but a name, read only when the bot asked for one:
 * up to four words that can be names, no digits, no question.
 */
export function findBareName(raw: string, words: readonly Word[]): NameFinding | undefined {
  if (words.length === 0 || words.length > 4 || /[\d?@]/.test(raw)) return undefined;
  if (raw.replace(/[\p{L}\p{M}\s'’.,!-]/gu, '').trim().length > 0) return undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!NAME_SHAPE.test(w.raw) || FUNCTION_WORDS.has(w.f)) {
      if (!(i > 0 && i < words.length - 1 && NAME_PARTICLES.has(w.f))) return undefined;
    }
  }
  if (words.every((w) => w.f.length < 2)) return undefined;
  return { name: presentName(words), start: 0, end: words.length };
}
