import { Controller, Get, Headers, HttpCode, Inject, Logger, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { Public } from '../../common/access/access.decorators';
import { forbidden } from '../../common/errors/app-error';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { tenantSuspended } from './channel-routing';
import { metaSignatureValid } from './webhook-signatures';
import { WhatsAppInboundService } from './whatsapp-inbound.service';
import { parseWhatsAppNotification } from './whatsapp-notification';

/**
 * The media type the WhatsApp notification route reads its body as: the exact bytes, which
 * the signature covers and which must be acknowledged even when they are not JSON.
 */
export const WHATSAPP_RAW_BODY_TYPE = 'application/x-frontdesk-whatsapp-notification';

/**
 * Nest middleware for `POST /webhooks/whatsapp` (it runs before Fastify parses the body):
 * sends the body to the raw parser instead of the global JSON parser, whose 400 for a
 * malformed body would make Meta redeliver it for days.
 */
export function readWhatsAppBodyRaw(request: IncomingMessage, _response: ServerResponse, next: () => void): void {
  request.headers['content-type'] = WHATSAPP_RAW_BODY_TYPE;
  next();
}

/** Meta's WhatsApp Cloud API webhook: the verification handshake and notifications. */
@ApiTags('webhooks')
@Controller('webhooks/whatsapp')
export class WhatsAppWebhookController {
  private readonly logger = new Logger(WhatsAppWebhookController.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inbound: WhatsAppInboundService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: "Meta's verification handshake: echoes hub.challenge for the right verify token" })
  verify(
    @Query('hub.mode') mode: unknown,
    @Query('hub.verify_token') token: unknown,
    @Query('hub.challenge') challenge: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): string {
    const expected = this.config.whatsapp.verifyToken?.reveal();
    if (
      mode !== 'subscribe' ||
      typeof token !== 'string' ||
      !expected ||
      !sameText(token, expected) ||
      typeof challenge !== 'string'
    ) {
      throw forbidden('The verify token is missing or wrong');
    }
    void reply.type('text/plain; charset=utf-8');
    return challenge;
  }

  @Post()
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: "Meta's notifications (messages, delivery statuses), signed with X-Hub-Signature-256" })
  async notification(
    @Req() request: FastifyRequest,
    @Headers('x-hub-signature-256') signature: string | undefined,
  ): Promise<void> {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    if (!metaSignatureValid(raw, signature, this.config.whatsapp.appSecret?.reveal())) {
      throw forbidden('The X-Hub-Signature-256 signature is missing or wrong');
    }
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString('utf8'));
    } catch {
      // Signed by Meta but unreadable: redelivering it would not make it readable.
      this.logger.warn(`WhatsApp notification of ${raw.length} bytes is not JSON; acknowledged and dropped`);
      return;
    }
    const { refusedSuspended } = await this.inbound.handle(parseWhatsAppNotification(payload));
    if (refusedSuspended) throw tenantSuspended();
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
