import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MESSAGING_CHANNELS, type MessagingChannel } from '../channels/messaging-channel';

/** Where a tenant's codes go out: its SMS number, else its WhatsApp number, on a configured provider. */
export interface CodeRoute {
  channel: MessagingChannel;
  from: string;
}

/** A code to send once the transaction that stored its hash has committed. */
export interface CodeToSend {
  route: CodeRoute;
  to: string;
  code: string;
  business: string;
  language: 'en' | 'es';
}

const TEXT = {
  en: (business: string, code: string) => `${code} is your ${business} verification code. It's valid for 10 minutes.`,
  es: (business: string, code: string) => `${code} es tu código de verificación de ${business}. Vale 10 minutos.`,
};

/**
 * Sends web chat verification codes through the tenant's own channels (the `MessagingChannel`
 * adapters the outbox uses), directly rather than through the outbox so that the code itself is
 * never stored, and always outside any database transaction.
 */
@Injectable()
export class CodeSender {
  private readonly logger = new Logger(CodeSender.name);

  constructor(@Inject(MESSAGING_CHANNELS) private readonly channels: MessagingChannel[]) {}

  /** The tenant's route for codes, or null when it has no channel that can send one. */
  async routeFor(m: EntityManager): Promise<CodeRoute | null> {
    const [tenant] = await m.query<{ smsNumber: string | null; whatsappId: string | null }[]>(
      `select sms_number as "smsNumber", whatsapp_phone_number_id as "whatsappId" from tenants`,
    );
    const usable = (kind: 'sms' | 'whatsapp') => this.channels.find((c) => c.kind === kind && c.disabledReason === null);
    const sms = usable('sms');
    if (tenant?.smsNumber && sms) return { channel: sms, from: tenant.smsNumber };
    const whatsapp = usable('whatsapp');
    if (tenant?.whatsappId && whatsapp) return { channel: whatsapp, from: tenant.whatsappId };
    return null;
  }

  /** Sends the code; a failure is logged (the visitor can ask again), never thrown. */
  async send(message: CodeToSend): Promise<void> {
    try {
      await message.route.channel.send({
        from: message.route.from,
        to: message.to,
        text: TEXT[message.language](message.business, message.code),
        options: [],
        language: message.language,
      });
    } catch (error) {
      this.logger.warn(
        `Verification code by ${message.route.channel.kind} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
