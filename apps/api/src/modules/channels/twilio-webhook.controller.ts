import { Controller, Headers, HttpCode, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { twiml } from 'twilio';
import { Public } from '../../common/access/access.decorators';
import { forbidden, notFound, validationFailed } from '../../common/errors/app-error';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { ConversationService } from '../conversations/conversation.service';
import { ChannelRouting, tenantSuspended } from './channel-routing';
import { renderSms } from './sms-rendering';
import { twilioSignatureValid } from './webhook-signatures';
import { replaceableBy, twilioDeliveryReport } from './outbox-policy';
import { Db } from '../../common/db/db.service';

/** TwiML answering an inbound SMS with these texts, one <Message> each; none: an empty <Response/>. */
export function twimlReply(texts: string[]): string {
  const response = new twiml.MessagingResponse();
  for (const text of texts) response.message(text);
  return response.toString();
}

/**
 * Twilio's inbound SMS webhook. Authenticated by Twilio's signature rather than a token, so
 * public; the replies go back in the answer (TwiML), already split for SMS.
 */
@ApiTags('webhooks')
@Controller('webhooks/twilio')
export class TwilioWebhookController {
  private readonly logger = new Logger(TwilioWebhookController.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly routing: ChannelRouting,
    private readonly conversations: ConversationService,
    private readonly db: Db,
  ) {}

  @Post('sms')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: "Twilio's inbound SMS (form-encoded, X-Twilio-Signature); answers TwiML" })
  async sms(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('x-twilio-signature') signature: string | undefined,
  ): Promise<string> {
    const params = this.signedParams(request, signature);
    const to = text(params.To);
    const from = text(params.From);
    const messageSid = text(params.MessageSid) ?? text(params.SmsSid);
    if (!to || !from || !messageSid) throw validationFailed(['To, From and MessageSid are required']);

    const result = await this.routing.withTenant('sms', to, (tenant, route) => {
      // An unknown number is a misconfigured Twilio number: a 404 shows up in Twilio's debugger.
      if (!tenant) throw notFound('Business for this number');
      if (tenant.status !== 'active') {
        this.logger.log(`SMS ${messageSid} to suspended tenant ${tenant.id} not taken`);
        throw tenantSuspended();
      }
      return this.conversations.receive({
        tenantId: tenant.id,
        channel: 'sms',
        from,
        text: typeof params.Body === 'string' ? params.Body : '',
        providerMessageId: messageSid,
        repliesInline: true,
        route,
      });
    });
    void reply.type('text/xml; charset=utf-8');
    // A repeated MessageSid: already answered, so nothing new.
    if (result.duplicate) return twimlReply([]);
    return twimlReply(result.replies.flatMap((r) => renderSms(r)));
  }

  /**
   * Twilio's status callback for a message the outbox sent (its `StatusCallback`): moves the
   * message forward (`sent`, `delivered`, `read`, `failed`), never backwards, whatever the order
   * or number of reports; one that comes before the send is recorded is kept until it is.
   */
  @Post('status')
  @HttpCode(204)
  @Public()
  @ApiOperation({ summary: "Twilio's message status callback (form-encoded, X-Twilio-Signature)" })
  async status(@Req() request: FastifyRequest, @Headers('x-twilio-signature') signature: string | undefined): Promise<void> {
    const params = this.signedParams(request, signature);
    const messageSid = text(params.MessageSid) ?? text(params.SmsSid);
    const messageStatus = text(params.MessageStatus) ?? text(params.SmsStatus);
    if (!messageSid || !messageStatus) throw validationFailed(['MessageSid and MessageStatus are required']);
    const report = twilioDeliveryReport(messageStatus);
    if (!report) return;
    const outcome = await this.db.recordDeliveryStatus('sms', messageSid, report, replaceableBy(report));
    this.logger.log(`SMS ${messageSid} reported ${messageStatus}: ${outcome}`);
  }

  /** The form Twilio posted, once its signature is checked (403 otherwise, nothing read). */
  private signedParams(request: FastifyRequest, signature: string | undefined): Record<string, unknown> {
    const params = isRecord(request.body) ? request.body : {};
    // Twilio signs the URL it called: our public base URL with the path and query it used.
    // Without an auth token nothing can be verified, so nothing is accepted.
    const url = `${this.config.publicBaseUrl}${request.url}`;
    if (!twilioSignatureValid(this.config.twilio.authToken?.reveal(), signature, url, params)) {
      throw forbidden('The Twilio signature is missing or wrong');
    }
    return params;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** A field Twilio sent, trimmed; without U+0000, which Postgres cannot store (the engine drops it from texts). */
function text(value: unknown): string | undefined {
  const trimmed = typeof value === 'string' ? value.replaceAll('\u0000', '').trim() : '';
  return trimmed.length > 0 ? trimmed : undefined;
}
