import { type MiddlewareConsumer, Module, type NestModule, type OnModuleInit, RequestMethod } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { ConversationsModule } from '../conversations/conversations.module';
import { ChannelRouting } from './channel-routing';
import { EarlyDeliveryStatusSweeper } from './early-delivery-status-sweeper';
import { MESSAGING_CHANNELS, type MessagingChannel } from './messaging-channel';
import { OutboxSender } from './outbox-sender';
import { TwilioSmsChannel } from './twilio-sms.channel';
import { TwilioWebhookController } from './twilio-webhook.controller';
import { WhatsAppChannel } from './whatsapp.channel';
import { WhatsAppInboundService } from './whatsapp-inbound.service';
import { readWhatsAppBodyRaw, WHATSAPP_RAW_BODY_TYPE, WhatsAppWebhookController } from './whatsapp-webhook.controller';

/** SMS (Twilio) and WhatsApp (Cloud API): provider webhooks in, the outbox sender out. */
@Module({
  imports: [ConversationsModule],
  controllers: [TwilioWebhookController, WhatsAppWebhookController],
  providers: [
    TwilioSmsChannel,
    WhatsAppChannel,
    {
      provide: MESSAGING_CHANNELS,
      useFactory: (sms: TwilioSmsChannel, whatsapp: WhatsAppChannel): MessagingChannel[] => [sms, whatsapp],
      inject: [TwilioSmsChannel, WhatsAppChannel],
    },
    ChannelRouting,
    OutboxSender,
    WhatsAppInboundService,
    EarlyDeliveryStatusSweeper,
  ],
  exports: [OutboxSender, MESSAGING_CHANNELS],
})
export class ChannelsModule implements NestModule, OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(readWhatsAppBodyRaw).forRoutes({ path: 'webhooks/whatsapp', method: RequestMethod.POST });
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addContentTypeParser(WHATSAPP_RAW_BODY_TYPE, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  }
}
