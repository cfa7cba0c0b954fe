import { Controller, Headers, HttpCode, Inject, Logger, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Public } from '../../common/access/access.decorators';
import { Metrics } from '../metrics/metrics.service';
import { Db } from '../../common/db/db.service';
import { validationFailed } from '../../common/errors/app-error';
import { PAYMENT_GATEWAY, type GatewayEvent, type PaymentGateway, WebhookSignatureError } from './payment-gateway';
import { StripeEventsService } from './stripe-events.service';

/** The media type the Stripe webhook route reads its body as: the exact bytes the signature covers. */
export const STRIPE_RAW_BODY_TYPE = 'application/x-frontdesk-stripe-event';

/** Nest middleware for `POST /webhooks/stripe`: the body goes to the raw parser, not the JSON one. */
export function readStripeBodyRaw(request: IncomingMessage, _response: ServerResponse, next: () => void): void {
  request.headers['content-type'] = STRIPE_RAW_BODY_TYPE;
  next();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Stripe's webhook (platform and Connect events). Signed events are recorded by id and handled
 * once; an event it cannot use is recorded with why and answered 200, so Stripe stops sending it.
 */
@ApiTags('webhooks')
@Controller('webhooks/stripe')
export class StripeWebhookController {
  private readonly logger = new Logger(StripeWebhookController.name);

  constructor(
    private readonly db: Db,
    private readonly events: StripeEventsService,
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
    private readonly metrics: Metrics,
  ) {}

  @Post()
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: "Stripe's events, signed with Stripe-Signature (300 s tolerance)" })
  async receive(
    @Req() request: FastifyRequest,
    @Headers('stripe-signature') signature: string | undefined,
  ): Promise<{ received: true }> {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    let event: GatewayEvent;
    try {
      event = this.gateway.verifyWebhook(raw, signature);
    } catch (error) {
      if (error instanceof WebhookSignatureError) throw validationFailed(error.message);
      throw error;
    }
    const tenantId = await this.tenantOf(event);
    if (!tenantId) {
      const fresh = await this.db.recordStripeEvent({ ...record(event, null), outcome: 'ignored: no business for this event' });
      if (fresh) this.logger.warn(`Stripe event ${event.id} (${event.type}) belongs to no business; recorded and ignored`);
      this.metrics.stripeEvent(event.type, fresh ? 'no_business' : 'duplicate');
      return { received: true };
    }
    const handled = await this.db.asTenant(tenantId, async (m) => {
      if (!(await this.db.recordStripeEvent(record(event, tenantId), m))) return false;
      const outcome = await this.events.handle(m, tenantId, event);
      await m.query('update stripe_events set outcome = $2 where id = $1', [event.id, outcome.slice(0, 500)]);
      return true;
    });
    this.metrics.stripeEvent(event.type, handled ? 'handled' : 'duplicate');
    return { received: true };
  }

  /**
   * A Connect event names its account, which names the business; a platform event about one of
   * our objects carries the business in the metadata we gave it.
   */
  private async tenantOf(event: GatewayEvent): Promise<string | null> {
    const account = accountOf(event);
    if (account) return this.db.tenantForStripeAccount(account);
    const metadata = event.object.metadata as Record<string, unknown> | undefined;
    const tenantId = stringOrNull(metadata?.tenantId);
    if (!tenantId || !UUID.test(tenantId)) return null;
    return (await this.db.tenantStatus(tenantId)) ? tenantId : null;
  }
}

const stringOrNull = (value: unknown) => (typeof value === 'string' ? value : null);

/** The connected account an event is about: the one it happened on, or the account it describes. */
const accountOf = (event: GatewayEvent) =>
  event.account ?? (event.object.object === 'account' ? stringOrNull(event.object.id) : null);

const record = (event: GatewayEvent, tenantId: string | null) => ({
  id: event.id,
  type: event.type,
  account: accountOf(event),
  tenantId,
  payload: event.payload,
});
