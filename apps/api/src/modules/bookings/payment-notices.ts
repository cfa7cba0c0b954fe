import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AvailableSlot, Booking } from '@frontdesk/contracts';
import { DateTime } from 'luxon';

type Language = 'en' | 'es';

export type PaymentNotice =
  { kind: 'confirmed' } | { kind: 'expired' } | { kind: 'refunded_slot_taken'; alternatives: AvailableSlot[] };

/**
 * Tells a customer what became of their deposit, on the channel they booked through (SMS,
 * WhatsApp), through the outbox in the caller's transaction. A booking made on the web page
 * or by the business has no channel to push to: nothing is written.
 */
@Injectable()
export class PaymentNotices {
  async tell(m: EntityManager, booking: Booking, notice: PaymentNotice): Promise<boolean> {
    if (booking.source !== 'sms' && booking.source !== 'whatsapp') return false;
    const [target] = await m.query<{ conversationId: string; language: Language | null; timezone: string; business: string }[]>(
      `select cv.id as "conversationId", c.language, t.timezone, t.name as business
         from customers c
         join conversations cv on cv.tenant_id = c.tenant_id and cv.customer_id = c.id
         join tenants t on t.id = c.tenant_id
        where c.id = $1 and not c.opted_out`,
      [booking.customer.id],
    );
    if (!target) return false;
    const when = (iso: string) =>
      DateTime.fromISO(iso, { zone: target.timezone })
        .setLocale(target.language ?? 'en')
        .toFormat('ccc d LLL, HH:mm');
    await m.query(
      `insert into messages (tenant_id, conversation_id, direction, author, channel, body, status, next_attempt_at)
       select tenant_id, id, 'outbound', 'bot', $2, $3, 'pending', now() from conversations where id = $1`,
      [
        target.conversationId,
        booking.source,
        noticeText(notice, target.language ?? 'en', target.business, when(booking.start), when),
      ],
    );
    return true;
  }
}

function noticeText(notice: PaymentNotice, language: Language, business: string, start: string, when: (iso: string) => string) {
  const es = language === 'es';
  switch (notice.kind) {
    case 'confirmed':
      return es
        ? `Recibimos tu depósito. Tu cita en ${business} el ${start} está confirmada.`
        : `We received your deposit. Your appointment at ${business} on ${start} is confirmed.`;
    case 'expired':
      return es
        ? `El plazo para pagar el depósito terminó y tu reserva en ${business} del ${start} se liberó. Escríbenos para reservar otra vez.`
        : `The time to pay the deposit ran out, so your booking at ${business} on ${start} was released. Message us to book again.`;
    case 'refunded_slot_taken': {
      const times = notice.alternatives.map((slot) => when(slot.start)).join(', ');
      const offer = times ? (es ? ` Horarios libres: ${times}.` : ` Free times: ${times}.`) : '';
      return es
        ? `Tu pago llegó después de que el horario del ${start} en ${business} se ocupara; te devolvemos el depósito completo.${offer}`
        : `Your payment arrived after the ${start} slot at ${business} was taken; we are refunding your deposit in full.${offer}`;
    }
  }
}
