import type { ChatOption, ChatReply } from '@frontdesk/contracts';
import type { WhatsAppTemplate } from './messaging-channel';
import { smsText, splitText } from './sms-rendering';

/** Meta's limits for Cloud API messages (https://developers.facebook.com/docs/whatsapp/cloud-api/messages). */
export const WHATSAPP_LIMITS = {
  textBody: 4096,
  interactiveBody: 1024,
  buttons: 3,
  buttonTitle: 20,
  buttonId: 256,
  listRows: 10,
  rowTitle: 24,
  rowDescription: 72,
  rowId: 200,
  listButton: 20,
} as const;

type Language = 'en' | 'es';

const LIST_BUTTON: Record<Language, string> = { en: 'Choose', es: 'Elegir' };

export type WhatsAppText = { type: 'text'; text: { body: string; preview_url: false } };
export type WhatsAppButtons = {
  type: 'interactive';
  interactive: {
    type: 'button';
    body: { text: string };
    action: { buttons: { type: 'reply'; reply: { id: string; title: string } }[] };
  };
};
export type WhatsAppList = {
  type: 'interactive';
  interactive: {
    type: 'list';
    body: { text: string };
    action: { button: string; sections: { rows: { id: string; title: string; description?: string }[] }[] };
  };
};
/** WhatsApp's URL button: one button that opens `url` (the deposit's Checkout page). */
export type WhatsAppUrlButton = {
  type: 'interactive';
  interactive: {
    type: 'cta_url';
    body: { text: string };
    action: { name: 'cta_url'; parameters: { display_text: string; url: string } };
  };
};
export type WhatsAppTemplateMessage = {
  type: 'template';
  template: {
    name: string;
    language: { code: string };
    components: { type: 'body'; parameters: { type: 'text'; text: string }[] }[];
  };
};
/** The message-specific part of a `POST /{phone_number_id}/messages` body. */
export type WhatsAppContent = WhatsAppReplyContent | WhatsAppTemplateMessage;
/** What a reply (text and options) is rendered as. */
export type WhatsAppReplyContent = WhatsAppText | WhatsAppButtons | WhatsAppList | WhatsAppUrlButton;

/**
 * An approved template message: the only kind WhatsApp delivers outside the 24-hour
 * customer-service window. Its text is Meta's copy of the template; we send the parameters.
 */
export function renderWhatsAppTemplate(template: WhatsAppTemplate): WhatsAppTemplateMessage {
  return {
    type: 'template',
    template: {
      name: template.name,
      language: { code: template.language },
      components: [{ type: 'body', parameters: template.bodyParameters.map((text) => ({ type: 'text', text })) }],
    },
  };
}

/**
 * A reply rendered as WhatsApp messages, sent in order. Options become reply buttons (up to 3
 * short titles) or a list (up to 10 rows), whose ids are the options' ids so a tap comes back
 * as that option; anything Meta would refuse as interactive (more than 10 options, a body
 * over 1024 characters) falls back to text with a numbered list, which the engine also reads.
 */
export function renderWhatsApp(reply: ChatReply, language: Language = 'en'): WhatsAppReplyContent[] {
  const options = reply.options ?? [];
  const body = reply.text.trim();
  if (options.length > 0 && body.length > 0 && body.length <= WHATSAPP_LIMITS.interactiveBody) {
    const interactive = asButtons(body, options) ?? asList(body, options, language);
    if (interactive) return [interactive];
  }
  if (reply.link && options.length === 0) {
    const button = asUrlButton(body, reply.link);
    if (button) return [button];
  }
  return splitText(smsText(reply), WHATSAPP_LIMITS.textBody).map(text);
}

/** A link with a short label and a body Meta accepts becomes a URL button; else the URL stays in the text. */
function asUrlButton(body: string, link: { url: string; label: string }): WhatsAppUrlButton | undefined {
  if (body.length === 0 || body.length > WHATSAPP_LIMITS.interactiveBody) return undefined;
  if (link.label.length === 0 || link.label.length > WHATSAPP_LIMITS.buttonTitle) return undefined;
  return {
    type: 'interactive',
    interactive: {
      type: 'cta_url',
      body: { text: body },
      action: { name: 'cta_url', parameters: { display_text: link.label, url: link.url } },
    },
  };
}

function text(body: string): WhatsAppText {
  return { type: 'text', text: { body, preview_url: false } };
}

function asButtons(body: string, options: ChatOption[]): WhatsAppButtons | undefined {
  if (options.length > WHATSAPP_LIMITS.buttons) return undefined;
  const titles = options.map((o) => o.label.trim());
  if (titles.some((t) => t.length === 0 || t.length > WHATSAPP_LIMITS.buttonTitle)) return undefined;
  // Meta refuses two buttons with one title.
  if (new Set(titles).size !== titles.length) return undefined;
  if (options.some((o) => o.id.length > WHATSAPP_LIMITS.buttonId)) return undefined;
  return {
    type: 'interactive',
    interactive: {
      type: 'button',
      body: { text: body },
      action: { buttons: options.map((o, i) => ({ type: 'reply', reply: { id: o.id, title: titles[i] } })) },
    },
  };
}

function asList(body: string, options: ChatOption[], language: Language): WhatsAppList | undefined {
  if (options.length > WHATSAPP_LIMITS.listRows) return undefined;
  if (options.some((o) => o.id.length > WHATSAPP_LIMITS.rowId || o.label.trim().length === 0)) return undefined;
  const rows = options.map((o) => {
    const label = o.label.trim();
    if (label.length <= WHATSAPP_LIMITS.rowTitle) return { id: o.id, title: label };
    // A long label is shortened in the title and given whole (as far as it fits) below it.
    return {
      id: o.id,
      title: ellipsis(label, WHATSAPP_LIMITS.rowTitle),
      description: ellipsis(label, WHATSAPP_LIMITS.rowDescription),
    };
  });
  return {
    type: 'interactive',
    interactive: { type: 'list', body: { text: body }, action: { button: LIST_BUTTON[language], sections: [{ rows }] } },
  };
}

function ellipsis(value: string, max: number): string {
  if (value.length <= max) return value;
  const chars = Array.from(value);
  let out = '';
  for (const char of chars) {
    if (out.length + char.length > max - 1) break;
    out += char;
  }
  return `${out.trimEnd()}…`;
}
