import type { EntityManager } from 'typeorm';
import type { DemoHistory } from './demo-history';

const json = (rows: unknown[]) => JSON.stringify(rows);

/**
 * Writes the planned history for the tenant, one statement per table (rows go as a JSON array),
 * and sets each customer's counts from the bookings just written. Runs in the seed's transaction
 * on the owner's connection.
 */
export async function insertDemoHistory(m: EntityManager, tenantId: string, h: DemoHistory): Promise<void> {
  await m.query(
    `insert into customers (id, tenant_id, name, phone, language, created_at, updated_at)
     select id, $1, name, phone, language, "createdAt", "createdAt"
       from jsonb_to_recordset($2::jsonb) as r(id uuid, name text, phone text, language text, "createdAt" timestamptz)`,
    [tenantId, json(h.customers)],
  );
  await m.query(
    `insert into bookings (id, tenant_id, service_id, staff_id, customer_id, status, start_at, end_at, blocked, source,
                           deposit_cents, payment_status, deposit_reasons, cancel_reason, cancelled_at, late_cancel,
                           customer_confirmed_at, risk_score, risk_tier, risk_reasons, created_at, updated_at)
     select id, $1, "serviceId", "staffId", "customerId", status, "startAt", "endAt", tstzrange("startAt", "blockedEnd", '[)'), source,
            "depositCents", "paymentStatus", array(select jsonb_array_elements_text("depositReasons")), "cancelReason",
            "cancelledAt", "lateCancel", "customerConfirmedAt", (risk->>'score')::real, risk->>'tier',
            array(select jsonb_array_elements_text(risk->'reasons')), "createdAt", coalesce("cancelledAt", "createdAt")
       from jsonb_to_recordset($2::jsonb) as r(id uuid, "serviceId" uuid, "staffId" uuid, "customerId" uuid, status text,
            "startAt" timestamptz, "endAt" timestamptz, "blockedEnd" timestamptz, source text, "depositCents" int,
            "paymentStatus" text, "depositReasons" jsonb, "cancelReason" text, "cancelledAt" timestamptz,
            "lateCancel" boolean, "customerConfirmedAt" timestamptz, risk jsonb, "createdAt" timestamptz)`,
    [tenantId, json(h.bookings)],
  );
  await m.query(
    `insert into conversations (id, tenant_id, customer_id, channel, booking_id, created_at, updated_at)
     select id, $1, "customerId", channel, "bookingId", "createdAt", "createdAt"
       from jsonb_to_recordset($2::jsonb) as r(id uuid, "customerId" uuid, channel text, "bookingId" uuid, "createdAt" timestamptz)`,
    [tenantId, json(h.conversations)],
  );
  await m.query(
    `insert into messages (id, tenant_id, conversation_id, direction, author, channel, body, status, provider_message_id,
                           last_error, attempts, created_at, updated_at)
     select id, $1, "conversationId", direction, author, channel, body, status, "providerMessageId", "lastError",
            case when direction = 'outbound' then 1 else 0 end, "createdAt", "createdAt"
       from jsonb_array_elements($2::jsonb) with ordinality as e(doc, n), jsonb_to_record(e.doc) as r(id uuid, "conversationId" uuid, direction text, author text,
            channel text, body text, status text, "providerMessageId" text, "lastError" text, "createdAt" timestamptz)
      order by n`,
    [tenantId, json(h.messages)],
  );
  await m.query(
    `update conversations c set last_message_at = l.created_at, last_message_preview = left(l.body, 120)
       from (select distinct on (conversation_id) conversation_id, created_at, body from messages
              where tenant_id = $1 order by conversation_id, seq desc) l
      where c.tenant_id = $1 and c.id = l.conversation_id`,
    [tenantId],
  );
  await m.query(
    `insert into reminders (id, tenant_id, booking_id, customer_id, offset_minutes, planned_start, due_at, status, channel,
                            reason, message_id, sent_at, created_at, updated_at)
     select r.id, $1, "bookingId", "customerId", "offsetMinutes", "plannedStart", "dueAt", r.status, r.channel, reason,
            "messageId", "sentAt", b.created_at, coalesce("sentAt", b.created_at)
       from jsonb_to_recordset($2::jsonb) as r(id uuid, "bookingId" uuid, "customerId" uuid, "offsetMinutes" int,
            "plannedStart" timestamptz, "dueAt" timestamptz, status text, channel text, reason text, "messageId" uuid,
            "sentAt" timestamptz)
       join bookings b on b.id = r."bookingId"`,
    [tenantId, json(h.reminders)],
  );
  await m.query(
    `insert into payments (id, tenant_id, booking_id, checkout_session_id, payment_intent_id, checkout_url, amount_cents,
                           currency, status, refunded_cents, expires_at, paid_at, closed_at, created_at, updated_at)
     select id, $1, "bookingId", 'cs_demo_' || token, 'pi_demo_' || token, 'https://checkout.stripe.com/c/pay/cs_demo_' || token,
            "amountCents", 'usd', 'paid', "refundedCents", "paidAt" + interval '30 minutes', "paidAt", "paidAt",
            "paidAt" - interval '2 minutes', "paidAt"
       from jsonb_to_recordset($2::jsonb) as r(id uuid, "bookingId" uuid, "amountCents" int, "paidAt" timestamptz,
            "refundedCents" int, token text)`,
    [tenantId, json(h.payments)],
  );
  await m.query(
    `insert into refunds (id, tenant_id, payment_id, stripe_refund_id, amount_cents, reason, created_at)
     select id, $1, "paymentId", 're_demo_' || token, "amountCents", 'timely_cancel', "createdAt"
       from jsonb_to_recordset($2::jsonb) as r(id uuid, "paymentId" uuid, "amountCents" int, "createdAt" timestamptz, token text)`,
    [tenantId, json(h.refunds)],
  );
  // The counts are what the bookings say, as the status changes would have kept them.
  await m.query(
    `update customers c set visit_count = n.completed, no_show_count = n.no_shows, cancellation_count = n.cancelled,
            late_cancel_count = n.late
       from (select customer_id,
                    count(*) filter (where status = 'completed')::int as completed,
                    count(*) filter (where status = 'no_show')::int as no_shows,
                    count(*) filter (where status = 'cancelled')::int as cancelled,
                    count(*) filter (where late_cancel)::int as late
               from bookings where tenant_id = $1 group by customer_id) n
      where c.tenant_id = $1 and c.id = n.customer_id`,
    [tenantId],
  );
}
