import type { ChatReply } from '@frontdesk/contracts';

/** Twilio refuses a message body longer than this. */
export const TWILIO_MAX_BODY = 1600;
/**
 * Parts of a reply answered inline (TwiML): a few SMS segments each, so a long reply arrives
 * as a handful of readable texts instead of one wall.
 */
export const SMS_PART_LENGTH = 320;

/** The reply's text, with its options as a numbered list the customer can answer with a number. */
export function smsText(reply: ChatReply): string {
  const lines = (reply.options ?? []).map((option, i) => `${i + 1}) ${option.label}`);
  return [reply.text.trim(), ...lines].filter((line) => line.length > 0).join('\n');
}

/**
 * A reply rendered for SMS: numbered options, split into parts of at most `maxPartLength`
 * characters, at line breaks where possible, else between sentences, else between words.
 */
export function renderSms(reply: ChatReply, maxPartLength = SMS_PART_LENGTH): string[] {
  return splitText(smsText(reply), maxPartLength);
}

interface Piece {
  text: string;
  /** What joins it to the piece before it, when both land in one part. */
  joiner: string;
}

/** Splits text into parts no longer than `max`, preferring line, then sentence, then word boundaries. */
export function splitText(text: string, max: number): string[] {
  if (max < 1) throw new RangeError('max must be positive');
  const pieces: Piece[] = [];
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((line, lineIndex) => {
      const joiner = lineIndex === 0 ? '' : '\n';
      if (line.length <= max) {
        pieces.push({ text: line, joiner });
        return;
      }
      sentences(line).forEach((sentence, sentenceIndex) => {
        const sentenceJoiner = sentenceIndex === 0 ? joiner : ' ';
        if (sentence.length <= max) {
          pieces.push({ text: sentence, joiner: sentenceJoiner });
          return;
        }
        words(sentence, max).forEach((word, wordIndex) =>
          pieces.push({ text: word, joiner: wordIndex === 0 ? sentenceJoiner : ' ' }),
        );
      });
    });

  const parts: string[] = [];
  let current = '';
  for (const piece of pieces) {
    const joined = current.length === 0 ? piece.text : current + piece.joiner + piece.text;
    if (joined.length <= max) {
      current = joined;
    } else {
      parts.push(current);
      current = piece.text;
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part.length > 0);
}

/** Sentences of a line, each keeping its closing punctuation. */
function sentences(line: string): string[] {
  return line.split(/(?<=[.!?…])\s+/).filter((s) => s.length > 0);
}

/** Words of a sentence; a word longer than `max` is cut, never inside a character. */
function words(sentence: string, max: number): string[] {
  return sentence
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .flatMap((word) => (word.length <= max ? [word] : cut(word, max)));
}

function cut(word: string, max: number): string[] {
  const chunks: string[] = [];
  let chunk = '';
  for (const char of word) {
    if (chunk.length > 0 && chunk.length + char.length > max) {
      chunks.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) chunks.push(chunk);
  return chunks;
}
