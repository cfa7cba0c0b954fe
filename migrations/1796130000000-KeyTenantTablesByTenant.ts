import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tenant tables keyed by `(id)` that also had `UNIQUE (tenant_id, id)` for their children's foreign keys. */
const REKEYED = [
  'bookings',
  'conversations',
  'customers',
  'messages',
  'overrides',
  'payments',
  'reminders',
  'services',
  'staff',
  'web_chats',
];
/** Tenant tables keyed by `(id)` that nothing references. */
const REKEYED_LEAVES = ['audit_log', 'refunds'];

/** Every foreign key that referenced one of those `UNIQUE (tenant_id, id)`; re-created on the new primary key. */
const CHILD_KEYS: { table: string; name: string; definition: string }[] = [
  [
    'staff_services',
    'staff_services_tenant_id_service_id_fkey',
    '(tenant_id, service_id) REFERENCES services (tenant_id, id) ON DELETE CASCADE',
  ],
  [
    'staff_services',
    'staff_services_tenant_id_staff_id_fkey',
    '(tenant_id, staff_id) REFERENCES staff (tenant_id, id) ON DELETE CASCADE',
  ],
  ['overrides', 'overrides_tenant_id_staff_id_fkey', '(tenant_id, staff_id) REFERENCES staff (tenant_id, id) ON DELETE CASCADE'],
  ['bookings', 'bookings_tenant_id_customer_id_fkey', '(tenant_id, customer_id) REFERENCES customers (tenant_id, id)'],
  ['bookings', 'bookings_tenant_id_service_id_fkey', '(tenant_id, service_id) REFERENCES services (tenant_id, id)'],
  ['bookings', 'bookings_tenant_id_staff_id_fkey', '(tenant_id, staff_id) REFERENCES staff (tenant_id, id)'],
  [
    'conversations',
    'conversations_tenant_id_booking_id_fkey',
    '(tenant_id, booking_id) REFERENCES bookings (tenant_id, id) ON DELETE SET NULL (booking_id)',
  ],
  [
    'conversations',
    'conversations_tenant_id_customer_id_fkey',
    '(tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE',
  ],
  [
    'messages',
    'messages_tenant_id_conversation_id_fkey',
    '(tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE',
  ],
  [
    'payments',
    'payments_tenant_id_booking_id_fkey',
    '(tenant_id, booking_id) REFERENCES bookings (tenant_id, id) ON DELETE CASCADE',
  ],
  [
    'refunds',
    'refunds_tenant_id_payment_id_fkey',
    '(tenant_id, payment_id) REFERENCES payments (tenant_id, id) ON DELETE CASCADE',
  ],
  [
    'reminders',
    'reminders_message_id_fkey',
    '(tenant_id, message_id) REFERENCES messages (tenant_id, id) ON DELETE SET NULL (message_id)',
  ],
  [
    'reminders',
    'reminders_tenant_id_booking_id_fkey',
    '(tenant_id, booking_id) REFERENCES bookings (tenant_id, id) ON DELETE CASCADE',
  ],
  [
    'reminders',
    'reminders_tenant_id_customer_id_fkey',
    '(tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE',
  ],
  [
    'calendar_feeds',
    'calendar_feeds_tenant_id_staff_id_fkey',
    '(tenant_id, staff_id) REFERENCES staff (tenant_id, id) ON DELETE CASCADE',
  ],
  [
    'google_connections',
    'google_connections_tenant_id_staff_id_fkey',
    '(tenant_id, staff_id) REFERENCES staff (tenant_id, id) ON DELETE CASCADE',
  ],
  [
    'external_busy',
    'external_busy_tenant_id_staff_id_fkey',
    '(tenant_id, staff_id) REFERENCES staff (tenant_id, id) ON DELETE CASCADE',
  ],
  [
    'calendar_event_jobs',
    'calendar_event_jobs_tenant_id_booking_id_fkey',
    '(tenant_id, booking_id) REFERENCES bookings (tenant_id, id) ON DELETE CASCADE',
  ],
  [
    'calendar_event_jobs',
    'calendar_event_jobs_tenant_id_written_staff_id_fkey',
    '(tenant_id, written_staff_id) REFERENCES staff (tenant_id, id) ON DELETE SET NULL (written_staff_id)',
  ],
].map(([table, name, definition]) => ({ table, name, definition }));

const dropChildKeys = CHILD_KEYS.map((k) => `ALTER TABLE ${k.table} DROP CONSTRAINT ${k.name};`).join('\n');
const addChildKeys = CHILD_KEYS.map((k) => `ALTER TABLE ${k.table} ADD CONSTRAINT ${k.name} FOREIGN KEY ${k.definition};`).join(
  '\n',
);

const AUDIT_COLUMNS = 'actor_user_id, actor_role, action, entity, entity_id, before, after, created_at';

/**
 * Every key a database distributed by `tenant_id` (Citus) must enforce per shard now contains
 * `tenant_id` (test/distribution-readiness.int-spec.ts, SCALING.md):
 *
 * - Tenant tables are keyed by `(tenant_id, id)`: where children's foreign keys used a unique
 *   `(tenant_id, id)`, it becomes the primary key and those foreign keys point at it.
 * - `audit_log` had rows without a tenant (the super-admin's creation): those move to
 *   `platform_audit_log`, which no tenant owns, so `audit_log.tenant_id` can be part of the key.
 * - Stripe's ids and the providers' message ids are unique per tenant. The id leads each key, so
 *   one index still finds a row by the id alone (the delivery-status callback looks a message up
 *   across tenants). A redelivered webhook reaches the same tenant (Stripe: the session's account
 *   or metadata; Twilio and WhatsApp: the number it was sent to), so each is still processed once.
 */
export class KeyTenantTablesByTenant1796130000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE platform_audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        actor_user_id uuid,
        actor_role text,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text,
        before jsonb,
        after jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- Written as the platform (the super-admin's bootstrap); the application may only append.
      GRANT INSERT ON platform_audit_log TO frontdesk_app;
      INSERT INTO platform_audit_log (${AUDIT_COLUMNS})
        SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE tenant_id IS NULL ORDER BY id;
      DELETE FROM audit_log WHERE tenant_id IS NULL;
    `);
    for (const table of REKEYED_LEAVES) {
      await q.query(
        `ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey, ADD CONSTRAINT ${table}_pkey PRIMARY KEY (tenant_id, id)`,
      );
    }
    await q.query(dropChildKeys);
    for (const table of REKEYED) {
      await q.query(`
        ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey, DROP CONSTRAINT ${table}_tenant_id_id_key,
          ADD CONSTRAINT ${table}_pkey PRIMARY KEY (tenant_id, id);
      `);
    }
    await q.query(addChildKeys);
    await q.query(`
      ALTER TABLE payments
        DROP CONSTRAINT payments_checkout_session_id_key,
        ADD CONSTRAINT payments_checkout_session_id_tenant_id_key UNIQUE (checkout_session_id, tenant_id),
        DROP CONSTRAINT payments_payment_intent_id_key,
        ADD CONSTRAINT payments_payment_intent_id_tenant_id_key UNIQUE (payment_intent_id, tenant_id);
      ALTER TABLE refunds
        DROP CONSTRAINT refunds_stripe_refund_id_key,
        ADD CONSTRAINT refunds_stripe_refund_id_tenant_id_key UNIQUE (stripe_refund_id, tenant_id);
      DROP INDEX messages_provider_id;
      CREATE UNIQUE INDEX messages_provider_id ON messages (channel, provider_message_id, tenant_id)
        WHERE provider_message_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX messages_provider_id;
      CREATE UNIQUE INDEX messages_provider_id ON messages (channel, provider_message_id) WHERE provider_message_id IS NOT NULL;
      ALTER TABLE refunds
        DROP CONSTRAINT refunds_stripe_refund_id_tenant_id_key,
        ADD CONSTRAINT refunds_stripe_refund_id_key UNIQUE (stripe_refund_id);
      ALTER TABLE payments
        DROP CONSTRAINT payments_payment_intent_id_tenant_id_key,
        ADD CONSTRAINT payments_payment_intent_id_key UNIQUE (payment_intent_id),
        DROP CONSTRAINT payments_checkout_session_id_tenant_id_key,
        ADD CONSTRAINT payments_checkout_session_id_key UNIQUE (checkout_session_id);
    `);
    await q.query(dropChildKeys);
    for (const table of REKEYED) {
      await q.query(`
        ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey, ADD CONSTRAINT ${table}_pkey PRIMARY KEY (id),
          ADD CONSTRAINT ${table}_tenant_id_id_key UNIQUE (tenant_id, id);
      `);
    }
    await q.query(addChildKeys);
    for (const table of REKEYED_LEAVES) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey, ADD CONSTRAINT ${table}_pkey PRIMARY KEY (id)`);
    }
    await q.query(`
      ALTER TABLE audit_log ALTER COLUMN tenant_id DROP NOT NULL;
      INSERT INTO audit_log (${AUDIT_COLUMNS}) SELECT ${AUDIT_COLUMNS} FROM platform_audit_log ORDER BY id;
      DROP TABLE platform_audit_log;
    `);
  }
}
