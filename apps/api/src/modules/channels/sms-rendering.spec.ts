import { renderSms, SMS_PART_LENGTH, smsText, splitText, TWILIO_MAX_BODY } from './sms-rendering';

describe('smsText', () => {
  it.each([
    ['text alone', { text: 'See you then!' }, 'See you then!'],
    [
      'options as a numbered list under the text',
      {
        text: 'Which time works?',
        options: [
          { id: 'slot:a', label: '9:00 AM' },
          { id: 'slot:b', label: '9:15 AM' },
        ],
      },
      'Which time works?\n1) 9:00 AM\n2) 9:15 AM',
    ],
    ['an empty options list', { text: 'Hi', options: [] }, 'Hi'],
    ['options without text', { text: '  ', options: [{ id: 'yes', label: 'Yes' }] }, '1) Yes'],
  ])('renders %s', (_name, reply, expected) => {
    expect(smsText(reply)).toBe(expected);
  });
});

describe('splitText', () => {
  const sentence = (n: number) => `Sentence number ${n} is here.`;

  it('keeps a short text whole', () => {
    expect(splitText('Hello there', 320)).toEqual(['Hello there']);
  });

  it('splits between lines first, packing as many lines as fit', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `${i + 1}) Option ${i + 1}`);
    const parts = splitText(lines.join('\n'), 100);
    expect(parts.every((p) => p.length <= 100)).toBe(true);
    // No line is cut: every part is made of whole lines.
    expect(parts.flatMap((p) => p.split('\n'))).toEqual(lines);
  });

  it('splits a long line between sentences', () => {
    const line = Array.from({ length: 20 }, (_, i) => sentence(i)).join(' ');
    const parts = splitText(line, 100);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(100);
      expect(part).toMatch(/^Sentence number \d+ is here\.( Sentence number \d+ is here\.)*$/);
    }
    expect(parts.join(' ')).toBe(line);
  });

  it('splits a long sentence between words, and cuts a word longer than a part', () => {
    const parts = splitText(`${'word '.repeat(50)}${'x'.repeat(25)}`, 20);
    expect(parts.every((p) => p.length <= 20)).toBe(true);
    expect(parts.join(' ').replace(/\s+/g, ' ')).toContain('word word');
    expect(parts.slice(-2)).toEqual(['x'.repeat(20), 'x'.repeat(5)]);
  });

  it('never cuts inside a character made of two code units', () => {
    const parts = splitText('😀'.repeat(15), 5);
    expect(parts.every((p) => p.length <= 5 && !/[\uD800-\uDBFF]$/.test(p))).toBe(true);
    expect(parts.join('')).toBe('😀'.repeat(15));
  });

  it('drops empty parts and surrounding blank space', () => {
    expect(splitText('\n\nHello\n\n', 320)).toEqual(['Hello']);
    expect(splitText('', 320)).toEqual([]);
  });

  it('keeps every character of the text, in order, within the limit (a long mixed reply)', () => {
    const text = [
      Array.from({ length: 12 }, (_, i) => sentence(i)).join(' '),
      '',
      Array.from({ length: 10 }, (_, i) => `${i + 1}) Tuesday, Dec ${i + 1} at 10:00 AM`).join('\n'),
    ].join('\n');
    const parts = splitText(text, SMS_PART_LENGTH);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= SMS_PART_LENGTH)).toBe(true);
    expect(parts.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });
});

describe('renderSms', () => {
  it('gives one part for a usual reply with options', () => {
    const reply = {
      text: 'Which time works on Tuesday?',
      options: ['9:00 AM', '9:15 AM', '9:30 AM'].map((label, i) => ({ id: `s${i}`, label })),
    };
    expect(renderSms(reply)).toEqual(['Which time works on Tuesday?\n1) 9:00 AM\n2) 9:15 AM\n3) 9:30 AM']);
  });

  it('splits a long reply into parts of at most 320 characters, or 1600 for one Twilio message', () => {
    const reply = { text: 'Here is everything you need to know. '.repeat(40).trim() };
    const short = renderSms(reply);
    expect(short.length).toBeGreaterThan(4);
    expect(short.every((p) => p.length <= SMS_PART_LENGTH)).toBe(true);
    const long = renderSms(reply, TWILIO_MAX_BODY);
    expect(long).toHaveLength(1);
    expect(long[0].length).toBeLessThanOrEqual(TWILIO_MAX_BODY);
  });
});
