import { Inject, Injectable } from '@nestjs/common';
import twilio from 'twilio';
import RequestClient from 'twilio/lib/base/RequestClient';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig, ConfigError } from '../../config/config';
import { DeliveryError, type MessagingChannel, networkFailure, type OutboundMessage, type SendResult } from './messaging-channel';
import { renderSms, TWILIO_MAX_BODY } from './sms-rendering';

/** Twilio's delivery reports (status callbacks) come here. */
export const TWILIO_STATUS_PATH = '/webhooks/twilio/status';

/** How long one call to Twilio may take; the outbox holds its claim on the message meanwhile. */
export const TWILIO_TIMEOUT_MS = 10_000;

/**
 * Twilio's own HTTP client, pointed at another origin (TWILIO_API_BASE_URL): the SDK builds
 * `https://api.twilio.com/2010-04-01/…` and this keeps the path and query.
 */
class RebasedRequestClient extends RequestClient {
  constructor(private readonly baseUrl: URL) {
    super({ timeout: TWILIO_TIMEOUT_MS });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const original = new URL(opts.uri);
    const rebased = new URL(`${this.baseUrl.pathname.replace(/\/+$/, '')}${original.pathname}${original.search}`, this.baseUrl);
    return super.request<TData>({ ...opts, uri: rebased.href });
  }
}

/** SMS through Twilio's Messages API, with the platform account, from the business's own number. */
@Injectable()
export class TwilioSmsChannel implements MessagingChannel {
  readonly kind = 'sms' as const;
  readonly disabledReason: string | null;
  private readonly client: twilio.Twilio | undefined;
  /** Where Twilio reports each message's delivery (`POST /webhooks/twilio/status`). */
  private readonly statusCallback: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { accountSid, authToken, apiBaseUrl } = config.twilio;
    this.statusCallback = `${config.publicBaseUrl}${TWILIO_STATUS_PATH}`;
    if (!accountSid || !authToken) {
      this.disabledReason = 'SMS sending is not configured';
      return;
    }
    this.disabledReason = null;
    try {
      this.client = twilio(accountSid, authToken.reveal(), {
        httpClient: apiBaseUrl
          ? new RebasedRequestClient(new URL(apiBaseUrl))
          : new RequestClient({ timeout: TWILIO_TIMEOUT_MS }),
        // Never retried inside the SDK: the outbox decides, knowing what was sent.
        autoRetry: false,
      });
    } catch (error) {
      // The SDK checks the account SID's shape ("must start with AC"): fail the boot naming the variable.
      throw new ConfigError(
        `Invalid configuration:\n  TWILIO_ACCOUNT_SID: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * One Twilio message per 1600 characters (Twilio joins the segments on the phone, in
   * order); separate texts could arrive out of order, and a failure between them would
   * leave half a message. Replies answered inline (TwiML) are split shorter instead.
   */
  async send(message: OutboundMessage): Promise<SendResult> {
    if (!this.client) throw new DeliveryError(this.disabledReason ?? 'SMS sending is not configured', 'rejected');
    const bodies = renderSms({ text: message.text, options: message.options }, TWILIO_MAX_BODY);
    if (bodies.length === 0) throw new DeliveryError('The message is empty', 'rejected');
    let first: string | undefined;
    for (const [i, body] of bodies.entries()) {
      try {
        const sent = await this.client.messages.create({
          from: message.from,
          to: message.to,
          body,
          statusCallback: this.statusCallback,
        });
        first ??= sent.sid;
      } catch (error) {
        const failure = classify(error);
        if (i === 0) throw failure;
        throw new DeliveryError(`Sent ${i} of ${bodies.length} parts, then: ${failure.message}`, 'unknown');
      }
    }
    return { providerMessageId: first! };
  }
}

/** Twilio answered with an error (a RestException, or the SDK's RFC 9457 TwilioServiceException). */
function classify(error: unknown): DeliveryError {
  const { status, code, message } = (error ?? {}) as { status?: unknown; code?: unknown; message?: unknown };
  if (error instanceof Error && typeof status === 'number') {
    const detail = `Twilio answered ${status}${typeof code === 'number' ? ` (error ${code})` : ''}: ${String(message)}`;
    // Rate limited or failing on Twilio's side: nothing was sent, later may work.
    return new DeliveryError(detail, status === 429 || status >= 500 ? 'retry' : 'rejected');
  }
  return networkFailure(error, 'Twilio');
}
