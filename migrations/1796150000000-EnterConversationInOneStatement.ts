import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A customer's message used to open its transaction with four round trips before the engine
 * could run: set the tenant and take the customer's lock, read the catalog, read the locked
 * conversation. The lock must be taken before the conversation is read, by a statement of its
 * own (a statement's snapshot is taken when it starts, so a read in the statement that waited for
 * the lock would see the conversation as it was before the message it waited for), and the
 * tenant must be set before any row is read (row-level security). A PL/pgSQL function runs its
 * statements in order, each with a fresh snapshot, and caches their plans: `enter_conversation`
 * does all of it in one call, so the app's statement is one round trip. It also tells whether the
 * provider address a webhook's business was remembered by (`ChannelRouting`) still leads to that
 * business, active, so the address costs no lookup of its own either.
 *
 * The reads it makes are functions of their own, called by the app directly too, so each is
 * written once: `tenant_catalog()` (what deciding availability starts from), `upcoming_bookings`
 * and `customer_conversation` (the customer's conversation with their upcoming bookings and the
 * last reminder, recording the inbound message when one is given). All are SECURITY INVOKER:
 * row-level security applies to every row they read or write.
 */
const UP = `
  CREATE FUNCTION tenant_catalog() RETURNS json LANGUAGE sql STABLE AS $$
    SELECT json_build_object(
             'tenant', json_build_object(
               'id', t.id, 'slug', t.slug, 'name', t.name, 'timezone', t.timezone, 'currency', t.currency,
               'country', t.country, 'locale', t.locale, 'businessHours', t.business_hours,
               'minNoticeMinutes', t.min_notice_minutes, 'maxAdvanceDays', t.max_advance_days,
               'slotIntervalMinutes', t.slot_interval_minutes, 'sameDayCutoff', to_char(t.same_day_cutoff, 'HH24:MI'),
               'cancellationNoticeHours', t.cancellation_notice_hours),
             'services', coalesce((SELECT json_agg(json_build_object(
                          'id', s.id, 'name', s.name, 'aliases', s.aliases, 'durationMinutes', s.duration_minutes,
                          'priceCents', s.price_cents, 'bufferBeforeMinutes', s.buffer_before_minutes,
                          'bufferAfterMinutes', s.buffer_after_minutes, 'active', s.active) ORDER BY s.name, s.id)
                           FROM services s WHERE s.tenant_id = t.id), '[]'),
             'staff', coalesce((SELECT json_agg(json_build_object(
                          'id', st.id, 'name', st.name, 'hours', st.hours, 'performsAllServices', st.performs_all_services,
                          'serviceIds', coalesce((SELECT json_agg(ss.service_id) FROM staff_services ss
                                                   WHERE ss.tenant_id = st.tenant_id AND ss.staff_id = st.id), '[]'))
                          ORDER BY st.name, st.id)
                           FROM staff st WHERE st.tenant_id = t.id AND st.active), '[]'))
      FROM tenants t
  $$;

  CREATE FUNCTION upcoming_bookings(customer uuid, since timestamptz, statuses text[]) RETURNS json
    LANGUAGE sql STABLE AS $$
      SELECT coalesce((SELECT json_agg(json_build_object(
                         'id', b.id, 'serviceId', b.service_id, 'staffId', b.staff_id, 'startAt', b.start_at,
                         'status', b.status, 'depositCents', b.deposit_cents, 'paymentStatus', b.payment_status,
                         'depositSettings', t.deposit_settings, 'cancellationNoticeHours', t.cancellation_notice_hours)
                       ORDER BY b.start_at)
                  FROM bookings b JOIN tenants t ON t.id = b.tenant_id
                 WHERE b.customer_id = customer AND b.start_at > since AND b.status = ANY(statuses)), '[]')
  $$;

  -- The last reminder that went out to the conversation's customer (its message not failed), and
  -- whether that message is still the last one we sent. The engine checks its booking against
  -- the upcoming ones.
  CREATE FUNCTION customer_conversation(phone text, now timestamptz, statuses text[],
                                      inbound_channel text, inbound_body text, inbound_provider_id text)
    RETURNS json LANGUAGE sql VOLATILE AS $$
      WITH inbound AS (
        INSERT INTO messages (tenant_id, conversation_id, direction, author, channel, body, provider_message_id, status)
        SELECT cv.tenant_id, cv.id, 'inbound', 'customer', inbound_channel, inbound_body, inbound_provider_id, 'received'
          FROM conversations cv JOIN customers c ON c.tenant_id = cv.tenant_id AND c.id = cv.customer_id
         WHERE c.phone = customer_conversation.phone AND inbound_channel IS NOT NULL
        ON CONFLICT DO NOTHING
        RETURNING id)
      SELECT json_build_object(
               'tenantId', cv.tenant_id, 'customerId', c.id, 'phone', c.phone, 'name', c.name, 'language', c.language,
               'optedOut', c.opted_out, 'id', cv.id, 'memory', cv.memory, 'bookingId', cv.booking_id,
               'flaggedForStaff', cv.flagged_for_staff, 'botPaused', cv.bot_paused, 'version', cv.version,
               'updatedAt', cv.updated_at,
               'upcoming', upcoming_bookings(c.id, now, statuses),
               'lastReminder', (
                 SELECT json_build_object(
                          'bookingId', r.booking_id,
                          'awaitingReply', NOT EXISTS (
                            SELECT 1 FROM messages later
                             WHERE later.tenant_id = msg.tenant_id AND later.conversation_id = msg.conversation_id
                               AND later.direction = 'outbound' AND later.seq > msg.seq))
                   FROM reminders r
                   JOIN messages msg ON msg.tenant_id = r.tenant_id AND msg.id = r.message_id
                  WHERE msg.conversation_id = cv.id AND r.status IN ('sent', 'delivered') AND msg.status <> 'failed'
                  ORDER BY msg.seq DESC
                  LIMIT 1),
               'recorded', EXISTS (SELECT 1 FROM inbound))
        FROM conversations cv JOIN customers c ON c.tenant_id = cv.tenant_id AND c.id = cv.customer_id
       WHERE c.phone = customer_conversation.phone
  $$;

  -- Names the tenant for the rest of the transaction, takes the advisory lock that serialises the
  -- customer's messages, then reads (each statement after the lock, with a fresh snapshot).
  -- route_kind / route_address: the provider address ('sms' number, 'whatsapp' phone number id)
  -- the tenant was found by earlier; routeHolds tells whether it still leads to this business,
  -- active (the caller rolls back when it does not).
  CREATE FUNCTION enter_conversation(tenant uuid, lock_key text, phone text, now timestamptz, statuses text[],
                                     inbound_channel text, inbound_body text, inbound_provider_id text,
                                     route_kind text, route_address text)
    RETURNS json LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM set_config('app.tenant_id', tenant::text, true);
        PERFORM pg_advisory_xact_lock(hashtextextended(lock_key, 0));
        RETURN json_build_object(
          'routeHolds', route_kind IS NULL OR EXISTS (
            SELECT 1 FROM tenants t
             WHERE t.status = 'active'
               AND CASE route_kind WHEN 'sms' THEN t.sms_number = route_address
                                   WHEN 'whatsapp' THEN t.whatsapp_phone_number_id = route_address END),
          'catalog', tenant_catalog(),
          'conversation', customer_conversation(phone, now, statuses, inbound_channel, inbound_body, inbound_provider_id));
      END
  $$;`;

export class EnterConversationInOneStatement1796150000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(UP);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION enter_conversation(uuid, text, text, timestamptz, text[], text, text, text, text, text);
      DROP FUNCTION customer_conversation(text, timestamptz, text[], text, text, text);
      DROP FUNCTION upcoming_bookings(uuid, timestamptz, text[]);
      DROP FUNCTION tenant_catalog();`);
  }
}
