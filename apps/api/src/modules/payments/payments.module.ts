import { forwardRef, type MiddlewareConsumer, Module, type NestModule, type OnModuleInit, RequestMethod } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { BookingsModule } from '../bookings/bookings.module';
import { DepositSettingsService } from './deposit-settings.service';
import { PAYMENT_GATEWAY } from './payment-gateway';
import { PaymentSettingsController } from './payment-settings.controller';
import { PaymentSettingsService } from './payment-settings.service';
import { StripeEventsService } from './stripe-events.service';
import { StripeGateway } from './stripe.gateway';
import { readStripeBodyRaw, STRIPE_RAW_BODY_TYPE, StripeWebhookController } from './stripe-webhook.controller';

/** Deposits through Stripe: the gateway, deposit and payment settings, Connect onboarding, the webhook. */
@Module({
  imports: [forwardRef(() => BookingsModule)],
  controllers: [PaymentSettingsController, StripeWebhookController],
  providers: [
    { provide: PAYMENT_GATEWAY, useClass: StripeGateway },
    DepositSettingsService,
    PaymentSettingsService,
    StripeEventsService,
  ],
  exports: [PAYMENT_GATEWAY, DepositSettingsService, StripeEventsService],
})
export class PaymentsModule implements NestModule, OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(readStripeBodyRaw).forRoutes({ path: 'webhooks/stripe', method: RequestMethod.POST });
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addContentTypeParser(STRIPE_RAW_BODY_TYPE, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  }
}
