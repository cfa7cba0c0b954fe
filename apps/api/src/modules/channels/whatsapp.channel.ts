import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig, Secret } from '../../config/config';
import { DeliveryError, type MessagingChannel, networkFailure, type OutboundMessage, type SendResult } from './messaging-channel';
import { renderWhatsApp, renderWhatsAppTemplate, type WhatsAppContent } from './whatsapp-rendering';

export const WHATSAPP_TIMEOUT_MS = 10_000;

/**
 * Graph API error codes that mean "not now" rather than "never": throttling and temporary
 * unavailability (https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes).
 */
const TEMPORARY_ERRORS = new Set([1, 2, 4, 17, 341, 80007, 130429, 131016, 133004]);

/** WhatsApp through Meta's Cloud API: `POST {base}/{phone_number_id}/messages` with the platform token. */
@Injectable()
export class WhatsAppChannel implements MessagingChannel {
  readonly kind = 'whatsapp' as const;
  readonly disabledReason: string | null;
  private readonly token: Secret | undefined;
  private readonly baseUrl: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.token = config.whatsapp.accessToken;
    this.baseUrl = config.whatsapp.apiBaseUrl;
    this.disabledReason = this.token ? null : 'WhatsApp sending is not configured';
  }

  /** Usually one request; a text too long for one message goes as several, in order. */
  async send(message: OutboundMessage): Promise<SendResult> {
    if (!this.token) throw new DeliveryError(this.disabledReason ?? 'WhatsApp sending is not configured', 'rejected');
    const contents = message.template
      ? [renderWhatsAppTemplate(message.template)]
      : renderWhatsApp({ text: message.text, options: message.options, link: message.link ?? undefined }, message.language);
    if (contents.length === 0) throw new DeliveryError('The message is empty', 'rejected');
    let first: string | undefined;
    for (const [i, content] of contents.entries()) {
      try {
        const id = await this.post(message.from, message.to, content);
        first ??= id;
      } catch (error) {
        const failure = error instanceof DeliveryError ? error : networkFailure(error, 'WhatsApp');
        if (i === 0) throw failure;
        throw new DeliveryError(`Sent ${i} of ${contents.length} parts, then: ${failure.message}`, 'unknown');
      }
    }
    return { providerMessageId: first! };
  }

  private async post(phoneNumberId: string, to: string, content: WhatsAppContent): Promise<string> {
    const response = await fetch(`${this.baseUrl}/${encodeURIComponent(phoneNumberId)}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token!.reveal()}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: to.replace(/^\+/, ''),
        ...content,
      }),
      signal: AbortSignal.timeout(WHATSAPP_TIMEOUT_MS),
    });
    const text = await response.text();
    const body = parse(text);
    if (!response.ok) {
      const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
      const code = typeof error?.code === 'number' ? error.code : undefined;
      const detail = `WhatsApp answered ${response.status}${code !== undefined ? ` (error ${code})` : ''}: ${typeof error?.message === 'string' ? error.message : text.slice(0, 200)}`;
      const temporary = response.status === 429 || response.status >= 500 || (code !== undefined && TEMPORARY_ERRORS.has(code));
      throw new DeliveryError(detail, temporary ? 'retry' : 'rejected');
    }
    const id = (body as { messages?: { id?: unknown }[] } | undefined)?.messages?.[0]?.id;
    // Accepted, but we cannot tell which message it became: do not send it again.
    if (typeof id !== 'string') throw new DeliveryError('WhatsApp accepted the message without giving its id', 'unknown');
    return id;
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
