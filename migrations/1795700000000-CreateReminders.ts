import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders. Each confirmed booking gets one row per offset and start it was planned for; a
 * unique key makes a second row for the same booking, offset and start impossible. The
 * dispatcher claims due rows (`claim_due_reminders`, FOR UPDATE SKIP LOCKED) and, in the same
 * transaction, writes the outbound message to the outbox and marks the row sent, so a reminder
 * is handed to the outbox once however many processes run or restart.
 *
 * Also: the tenant's reminder settings, the customer's confirmation of a booking
 * (`bookings.customer_confirmed_at`, set by replies), WhatsApp template messages in the outbox
 * (`messages.template`), and delivery reports that arrive before the send is recorded
 * (`early_delivery_statuses`).
 */
export class CreateReminders1795700000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tenants
        ADD COLUMN reminder_settings jsonb CHECK (reminder_settings IS NULL OR jsonb_typeof(reminder_settings) = 'object');
      ALTER TABLE bookings ADD COLUMN customer_confirmed_at timestamptz;
      ALTER TABLE messages
        ADD COLUMN template jsonb CHECK (template IS NULL OR (jsonb_typeof(template) = 'object' AND channel = 'whatsapp'));

      CREATE TABLE reminders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        booking_id uuid NOT NULL,
        customer_id uuid NOT NULL,
        offset_minutes integer NOT NULL CHECK (offset_minutes BETWEEN 5 AND 10080),
        planned_start timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('scheduled', 'sent', 'failed', 'skipped', 'cancelled')),
        channel text CHECK (channel IN ('sms', 'whatsapp')),
        reason text CHECK (length(reason) <= 500),
        message_id uuid REFERENCES messages (id) ON DELETE SET NULL,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        UNIQUE (tenant_id, booking_id, offset_minutes, planned_start),
        FOREIGN KEY (tenant_id, booking_id) REFERENCES bookings (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT reminders_sent_has_message CHECK (status <> 'sent' OR (message_id IS NOT NULL AND sent_at IS NOT NULL AND channel IS NOT NULL))
      );
      CREATE INDEX reminders_due ON reminders (due_at) WHERE status = 'scheduled';
      CREATE INDEX reminders_booking ON reminders (tenant_id, booking_id);
      CREATE INDEX reminders_customer ON reminders (tenant_id, customer_id, sent_at);
      CREATE UNIQUE INDEX reminders_message ON reminders (message_id) WHERE message_id IS NOT NULL;

      -- A status report for a provider message id the outbox has not recorded yet (the provider
      -- answered the send and reported delivery before our record of the send committed).
      -- Applied, and removed, when the send is recorded. Not tenant data: the report names no tenant.
      CREATE TABLE early_delivery_statuses (
        channel text NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
        provider_message_id text NOT NULL CHECK (length(provider_message_id) <= 200),
        status text NOT NULL CHECK (status IN ('sent', 'delivered', 'read', 'failed')),
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (channel, provider_message_id)
      );
      CREATE INDEX early_delivery_statuses_age ON early_delivery_statuses (received_at);

      ALTER TABLE reminders ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON reminders
        USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
      GRANT SELECT, INSERT, UPDATE ON reminders TO frontdesk_app;

      -- The dispatcher's claim: due scheduled reminders, locked until the claiming transaction
      -- ends; SKIP LOCKED lets several dispatchers claim side by side. The dispatcher then works
      -- as each reminder's tenant in that same transaction.
      CREATE FUNCTION claim_due_reminders(due_before timestamptz, batch integer)
        RETURNS TABLE (id uuid, tenant_id uuid)
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
          SELECT r.id, r.tenant_id FROM reminders r
           WHERE r.status = 'scheduled' AND r.due_at <= due_before
           ORDER BY r.due_at
           LIMIT batch
           FOR UPDATE SKIP LOCKED
      $$;

      -- A delivery report (Twilio's status callback, WhatsApp's statuses) names the provider's
      -- message id only. Moves that message forward (never backwards: the caller passes the
      -- statuses it may replace), or keeps the report for when the send is recorded.
      CREATE FUNCTION record_delivery_status(kind text, provider_id text, reported text, replaceable text[])
        RETURNS text
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
          DECLARE current_status text;
          BEGIN
            -- Taken by take_early_delivery_status too: a report and the record of its send take turns.
            PERFORM pg_advisory_xact_lock(hashtextextended('delivery:' || kind || ':' || provider_id, 0));
            SELECT m.status INTO current_status FROM messages m
             WHERE m.channel = kind AND m.provider_message_id = provider_id FOR UPDATE;
            IF NOT FOUND THEN
              INSERT INTO early_delivery_statuses AS e (channel, provider_message_id, status)
                VALUES (kind, provider_id, reported)
                ON CONFLICT (channel, provider_message_id) DO UPDATE SET status = EXCLUDED.status, received_at = now()
                WHERE e.status = ANY (replaceable);
              RETURN 'kept';
            END IF;
            IF current_status = ANY (replaceable) THEN
              UPDATE messages SET status = reported, updated_at = now()
               WHERE channel = kind AND provider_message_id = provider_id;
              RETURN 'updated';
            END IF;
            RETURN 'unchanged';
          END
      $$;

      -- The report kept for a provider message id, removed as it is taken.
      CREATE FUNCTION take_early_delivery_status(kind text, provider_id text)
        RETURNS text
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
          DECLARE kept text;
          BEGIN
            PERFORM pg_advisory_xact_lock(hashtextextended('delivery:' || kind || ':' || provider_id, 0));
            DELETE FROM early_delivery_statuses WHERE channel = kind AND provider_message_id = provider_id RETURNING status INTO kept;
            RETURN kept;
          END
      $$;

      -- Reports about messages never recorded (not ours, or their send was lost) do not stay for ever.
      CREATE FUNCTION purge_early_delivery_statuses(max_age interval) RETURNS integer
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
          WITH gone AS (DELETE FROM early_delivery_statuses WHERE received_at < now() - max_age RETURNING 1)
          SELECT count(*)::integer FROM gone
      $$;

      -- The outbox claims in (next_attempt_at, seq) order: with thousands of messages due at one
      -- instant (reminders), an index in that order spares each claim a sort of all of them.
      DROP INDEX messages_outbox;
      CREATE INDEX messages_outbox ON messages (next_attempt_at, seq) WHERE status = 'pending';

      -- The outbox's claim, now with the WhatsApp template a message may be sent as.
      DROP FUNCTION claim_outbox(timestamptz, integer, integer);
      CREATE FUNCTION claim_outbox(due_before timestamptz, lease_seconds integer, batch integer)
        RETURNS TABLE (id uuid, tenant_id uuid, lease_id uuid, channel text, body text, options jsonb, attempts integer,
                       phone text, opted_out boolean, tenant_status text, sms_number text, whatsapp_phone_number_id text,
                       language text, template jsonb)
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
          WITH due AS (
            SELECT m.id FROM messages m
             WHERE m.status = 'pending' AND m.next_attempt_at <= due_before
               AND (m.leased_until IS NULL OR m.leased_until < clock_timestamp())
               AND NOT EXISTS (
                 SELECT 1 FROM messages earlier
                  WHERE earlier.tenant_id = m.tenant_id AND earlier.conversation_id = m.conversation_id
                    AND earlier.status = 'pending' AND earlier.seq < m.seq)
             ORDER BY m.next_attempt_at, m.seq
             LIMIT batch
             FOR UPDATE OF m SKIP LOCKED),
          leased AS (
            UPDATE messages m SET lease_id = gen_random_uuid(),
                   leased_until = clock_timestamp() + make_interval(secs => lease_seconds)
              FROM due WHERE m.id = due.id
            RETURNING m.id, m.tenant_id, m.conversation_id, m.lease_id, m.channel, m.body, m.options, m.attempts, m.template)
          SELECT l.id, l.tenant_id, l.lease_id, l.channel, l.body, l.options, l.attempts,
                 c.phone, c.opted_out, t.status, t.sms_number, t.whatsapp_phone_number_id,
                 coalesce(cv.memory->>'language', c.language, t.locale), l.template
            FROM leased l
            JOIN conversations cv ON cv.tenant_id = l.tenant_id AND cv.id = l.conversation_id
            JOIN customers c ON c.tenant_id = cv.tenant_id AND c.id = cv.customer_id
            JOIN tenants t ON t.id = l.tenant_id
      $$;
    `);
    for (const fn of [
      'claim_due_reminders(timestamptz, integer)',
      'record_delivery_status(text, text, text, text[])',
      'take_early_delivery_status(text, text)',
      'purge_early_delivery_statuses(interval)',
      'claim_outbox(timestamptz, integer, integer)',
    ]) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC; GRANT EXECUTE ON FUNCTION ${fn} TO frontdesk_app;`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION claim_outbox(timestamptz, integer, integer);
      CREATE FUNCTION claim_outbox(due_before timestamptz, lease_seconds integer, batch integer)
        RETURNS TABLE (id uuid, tenant_id uuid, lease_id uuid, channel text, body text, options jsonb, attempts integer,
                       phone text, opted_out boolean, tenant_status text, sms_number text, whatsapp_phone_number_id text,
                       language text)
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
          WITH due AS (
            SELECT m.id FROM messages m
             WHERE m.status = 'pending' AND m.next_attempt_at <= due_before
               AND (m.leased_until IS NULL OR m.leased_until < clock_timestamp())
               AND NOT EXISTS (
                 SELECT 1 FROM messages earlier
                  WHERE earlier.tenant_id = m.tenant_id AND earlier.conversation_id = m.conversation_id
                    AND earlier.status = 'pending' AND earlier.seq < m.seq)
             ORDER BY m.next_attempt_at, m.seq
             LIMIT batch
             FOR UPDATE OF m SKIP LOCKED),
          leased AS (
            UPDATE messages m SET lease_id = gen_random_uuid(),
                   leased_until = clock_timestamp() + make_interval(secs => lease_seconds)
              FROM due WHERE m.id = due.id
            RETURNING m.id, m.tenant_id, m.conversation_id, m.lease_id, m.channel, m.body, m.options, m.attempts)
          SELECT l.id, l.tenant_id, l.lease_id, l.channel, l.body, l.options, l.attempts,
                 c.phone, c.opted_out, t.status, t.sms_number, t.whatsapp_phone_number_id,
                 coalesce(cv.memory->>'language', c.language, t.locale)
            FROM leased l
            JOIN conversations cv ON cv.tenant_id = l.tenant_id AND cv.id = l.conversation_id
            JOIN customers c ON c.tenant_id = cv.tenant_id AND c.id = cv.customer_id
            JOIN tenants t ON t.id = l.tenant_id
      $$;
      REVOKE ALL ON FUNCTION claim_outbox(timestamptz, integer, integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION claim_outbox(timestamptz, integer, integer) TO frontdesk_app;
      DROP INDEX messages_outbox;
      CREATE INDEX messages_outbox ON messages (next_attempt_at) WHERE status = 'pending';
      DROP FUNCTION purge_early_delivery_statuses(interval);
      DROP FUNCTION take_early_delivery_status(text, text);
      DROP FUNCTION record_delivery_status(text, text, text, text[]);
      DROP FUNCTION claim_due_reminders(timestamptz, integer);
      DROP TABLE early_delivery_statuses;
      DROP TABLE reminders;
      ALTER TABLE messages DROP COLUMN template;
      ALTER TABLE bookings DROP COLUMN customer_confirmed_at;
      ALTER TABLE tenants DROP COLUMN reminder_settings;
    `);
  }
}
