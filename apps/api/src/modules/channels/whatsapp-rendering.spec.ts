import type { ChatOption } from '@frontdesk/contracts';
import { renderWhatsApp, type WhatsAppReplyContent, WHATSAPP_LIMITS } from './whatsapp-rendering';

function limitViolations(message: WhatsAppReplyContent): string[] {
  const L = WHATSAPP_LIMITS;
  if (message.type === 'text') return message.text.body.length <= L.textBody ? [] : ['text body too long'];
  const { interactive } = message;
  const found: string[] = [];
  if (interactive.body.text.length > L.interactiveBody) found.push('body too long');
  if (interactive.type === 'cta_url') {
    if (interactive.action.parameters.display_text.length > L.buttonTitle) found.push('url button text too long');
    return found;
  }
  if (interactive.type === 'button') {
    if (interactive.action.buttons.length > L.buttons) found.push('too many buttons');
    if (interactive.action.buttons.some((b) => b.reply.title.length > L.buttonTitle)) found.push('button title too long');
    return found;
  }
  const rows = interactive.action.sections.flatMap((s) => s.rows);
  if (rows.length > L.listRows) found.push('too many rows');
  if (rows.some((r) => r.title.length > L.rowTitle)) found.push('row title too long');
  if (rows.some((r) => (r.description?.length ?? 0) > L.rowDescription)) found.push('row description too long');
  if (interactive.action.button.length > L.listButton) found.push('list button too long');
  return found;
}

const opts = (...labels: string[]): ChatOption[] => labels.map((label, i) => ({ id: `opt:${i}`, label }));

describe('renderWhatsApp', () => {
  it('sends a reply with a link as a URL button (cta_url), the URL kept in the body', () => {
    const body = 'Please pay the $10.00 deposit here: https://checkout.test/cs_1 — until 10:30 AM.';
    const rendered = renderWhatsApp({ text: body, link: { url: 'https://checkout.test/cs_1', label: 'Pay deposit' } });
    expect(rendered).toEqual([
      {
        type: 'interactive',
        interactive: {
          type: 'cta_url',
          body: { text: body },
          action: { name: 'cta_url', parameters: { display_text: 'Pay deposit', url: 'https://checkout.test/cs_1' } },
        },
      },
    ]);
    expect(rendered.flatMap(limitViolations)).toEqual([]);
  });

  it('falls back to text when the link’s body is over the interactive limit', () => {
    const body = 'x'.repeat(WHATSAPP_LIMITS.interactiveBody + 1);
    const rendered = renderWhatsApp({ text: body, link: { url: 'https://checkout.test/cs_1', label: 'Pay deposit' } });
    expect(rendered.every((m) => m.type === 'text')).toBe(true);
  });

  it('sends plain text as a text message', () => {
    expect(renderWhatsApp({ text: 'See you then!' })).toEqual([
      { type: 'text', text: { body: 'See you then!', preview_url: false } },
    ]);
  });

  it('offers up to three short options as reply buttons carrying the option ids', () => {
    const [message] = renderWhatsApp({
      text: 'Shall I book it?',
      options: [
        { id: 'yes', label: 'Yes' },
        { id: 'no', label: 'No' },
      ],
    });
    expect(message).toEqual({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Shall I book it?' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'yes', title: 'Yes' } },
            { type: 'reply', reply: { id: 'no', title: 'No' } },
          ],
        },
      },
    });
  });

  it('uses a list for four to ten options', () => {
    const [message] = renderWhatsApp({ text: 'Which time?', options: opts('9:00 AM', '9:15 AM', '9:30 AM', '9:45 AM') });
    expect(message.type).toBe('interactive');
    if (message.type !== 'interactive' || message.interactive.type !== 'list') throw new Error('expected a list');
    expect(message.interactive.action.button).toBe('Choose');
    expect(message.interactive.action.sections[0].rows).toEqual([
      { id: 'opt:0', title: '9:00 AM' },
      { id: 'opt:1', title: '9:15 AM' },
      { id: 'opt:2', title: '9:30 AM' },
      { id: 'opt:3', title: '9:45 AM' },
    ]);
  });

  it('uses a list when a label is too long for a button, and the Spanish list button', () => {
    const [message] = renderWhatsApp({ text: '¿Cuál?', options: opts('Corte de pelo y barba', 'Tinte') }, 'es');
    if (message.type !== 'interactive' || message.interactive.type !== 'list') throw new Error('expected a list');
    expect(message.interactive.action.button).toBe('Elegir');
  });

  it('shortens a label longer than a row title and gives it whole in the description', () => {
    const label = 'Balayage with toner and blow-dry finish';
    const [message] = renderWhatsApp({ text: 'Which service?', options: opts(label, 'Cut') });
    if (message.type !== 'interactive' || message.interactive.type !== 'list') throw new Error('expected a list');
    const row = message.interactive.action.sections[0].rows[0];
    expect(row.title.length).toBeLessThanOrEqual(WHATSAPP_LIMITS.rowTitle);
    expect(row.title.endsWith('…')).toBe(true);
    expect(row.description).toBe(label);
  });

  it('uses a list rather than buttons with the same title twice', () => {
    const [message] = renderWhatsApp({ text: 'Which one?', options: opts('Alex', 'Alex') });
    expect(message.type === 'interactive' && message.interactive.type).toBe('list');
  });

  it('falls back to a numbered text beyond ten options or a body over 1024 characters', () => {
    const many = renderWhatsApp({ text: 'Which time?', options: opts(...Array.from({ length: 11 }, (_, i) => `${i + 9}:00`)) });
    expect(many).toHaveLength(1);
    expect(many[0].type).toBe('text');
    if (many[0].type !== 'text') return;
    expect(many[0].text.body).toContain('\n11) 19:00');

    const long = renderWhatsApp({ text: 'x '.repeat(600), options: opts('Yes', 'No') });
    expect(long[0].type).toBe('text');
  });

  it('keeps every message within Meta limits', () => {
    const violations: string[] = [];
    for (let n = 1; n <= 12; n++) {
      const labels = Array.from({ length: n }, (_, i) => `Option with a fairly long label number ${i}`.slice(0, 5 + i * 7));
      for (const message of renderWhatsApp({ text: 'Pick one', options: opts(...labels) })) {
        violations.push(...limitViolations(message).map((v) => `${n} options: ${v}`));
      }
    }
    expect(violations).toEqual([]);
  });

  it('splits a text longer than 4096 characters into several messages', () => {
    const messages = renderWhatsApp({ text: 'A sentence of words. '.repeat(400) });
    expect(messages.length).toBe(3);
    expect(messages.every((m) => m.type === 'text' && m.text.body.length <= WHATSAPP_LIMITS.textBody)).toBe(true);
  });
});
