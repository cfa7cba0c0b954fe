import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Conversations (one per customer per tenant, whatever the channel) and their messages.
 * Messages double as the transactional outbox: an outbound message is written `pending` in
 * the same transaction as the state change that produced it, and a sender delivers it.
 */
export class CreateConversations1795330000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE conversations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        customer_id uuid NOT NULL,
        channel text NOT NULL CHECK (channel IN ('web', 'sms', 'whatsapp')),
        state text NOT NULL DEFAULT 'IDLE'
          CHECK (state IN ('IDLE', 'COLLECTING', 'CONFIRMING', 'PAYMENT_PENDING', 'RESCHEDULE_COLLECTING', 'RESCHEDULE_CONFIRM', 'CANCEL_CONFIRM')),
        awaiting text,
        memory jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(memory) = 'object'),
        booking_id uuid,
        flagged_for_staff boolean NOT NULL DEFAULT false,
        bot_paused boolean NOT NULL DEFAULT false,
        last_message_at timestamptz,
        last_message_preview text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        UNIQUE (tenant_id, customer_id),
        FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, booking_id) REFERENCES bookings (tenant_id, id) ON DELETE SET NULL (booking_id)
      );
      CREATE INDEX conversations_inbox ON conversations (tenant_id, flagged_for_staff DESC, last_message_at DESC);

      CREATE TABLE messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        conversation_id uuid NOT NULL,
        direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        author text NOT NULL CHECK (author IN ('customer', 'bot', 'staff')),
        channel text NOT NULL CHECK (channel IN ('web', 'sms', 'whatsapp')),
        body text NOT NULL CHECK (length(body) <= 20000),
        options jsonb,
        provider_message_id text,
        status text NOT NULL CHECK (status IN ('received', 'pending', 'sent', 'delivered', 'read', 'failed')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT messages_direction_author CHECK ((direction = 'inbound') = (author = 'customer')),
        CONSTRAINT messages_pending_is_outbound CHECK (status <> 'pending' OR (direction = 'outbound' AND next_attempt_at IS NOT NULL))
      );
      -- Provider ids are unique per channel across every tenant: a redelivered webhook is recognised
      -- whichever tenant it would reach.
      CREATE UNIQUE INDEX messages_provider_id ON messages (channel, provider_message_id) WHERE provider_message_id IS NOT NULL;
      CREATE INDEX messages_conversation ON messages (tenant_id, conversation_id, created_at);
      CREATE INDEX messages_outbox ON messages (next_attempt_at) WHERE status = 'pending';
    `);
    for (const table of ['conversations', 'messages']) {
      await q.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = app_tenant_id() OR app_cross_tenant())
          WITH CHECK (tenant_id = app_tenant_id() OR app_cross_tenant());
        GRANT SELECT, INSERT, UPDATE ON ${table} TO frontdesk_app;
      `);
    }
    await q.query(`
      -- Webhooks arrive with a provider number, not a tenant: this narrow lookup routes them.
      CREATE FUNCTION tenant_for_channel(kind text, address text) RETURNS TABLE (id uuid, status text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
          SELECT t.id, t.status FROM tenants t
           WHERE (kind = 'sms' AND t.sms_number = address) OR (kind = 'whatsapp' AND t.whatsapp_phone_number_id = address)
      $$;
      REVOKE ALL ON FUNCTION tenant_for_channel(text, text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION tenant_for_channel(text, text) TO frontdesk_app;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION tenant_for_channel(text, text);
      DROP TABLE messages, conversations;
    `);
  }
}
