import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deposits. The money state of every booking can be explained from rows:
 * - `payments`: one row per Checkout Session, with what Stripe said about it (paid, expired),
 *   the payment intent it produced and how much of it was refunded;
 * - `refunds`: one row per refund Stripe made, with why;
 * - `stripe_events`: every webhook event that arrived, by its id (a repeat changes nothing).
 * A booking keeps its `deposit_cents`/`payment_status` summary, and the rules that set its
 * deposit. Tenants hold their deposit rules and their Stripe connected account; a service
 * may carry its own rule.
 */
export class CreatePayments1795600000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tenants
        ADD COLUMN deposit_settings jsonb CHECK (deposit_settings IS NULL OR jsonb_typeof(deposit_settings) = 'object'),
        ADD COLUMN stripe_account_id text UNIQUE CHECK (stripe_account_id ~ '^acct_[A-Za-z0-9]+$'),
        ADD COLUMN stripe_charges_enabled boolean NOT NULL DEFAULT false;
      ALTER TABLE services
        ADD COLUMN deposit jsonb CHECK (deposit IS NULL OR jsonb_typeof(deposit) = 'object');
      ALTER TABLE bookings
        ADD COLUMN deposit_reasons text[] NOT NULL DEFAULT '{}';

      CREATE TABLE payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        booking_id uuid NOT NULL,
        checkout_session_id text NOT NULL UNIQUE,
        -- The connected account the session was made on; null: the platform account.
        stripe_account_id text,
        payment_intent_id text UNIQUE,
        checkout_url text NOT NULL,
        amount_cents integer NOT NULL CHECK (amount_cents > 0),
        currency text NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
        application_fee_cents integer NOT NULL DEFAULT 0 CHECK (application_fee_cents >= 0),
        status text NOT NULL CHECK (status IN ('open', 'paid', 'expired')),
        refunded_cents integer NOT NULL DEFAULT 0,
        expires_at timestamptz NOT NULL,
        paid_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, booking_id) REFERENCES bookings (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT payments_refund_within_amount CHECK (refunded_cents BETWEEN 0 AND amount_cents),
        CONSTRAINT payments_paid_has_intent CHECK (status <> 'paid' OR (payment_intent_id IS NOT NULL AND paid_at IS NOT NULL)),
        CONSTRAINT payments_refund_only_paid CHECK (refunded_cents = 0 OR status = 'paid')
      );
      -- One open Checkout Session per booking at a time.
      CREATE UNIQUE INDEX payments_one_open_per_booking ON payments (tenant_id, booking_id) WHERE status = 'open';
      CREATE INDEX payments_booking ON payments (tenant_id, booking_id, created_at);

      CREATE TABLE refunds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        payment_id uuid NOT NULL,
        stripe_refund_id text NOT NULL UNIQUE,
        amount_cents integer NOT NULL CHECK (amount_cents > 0),
        reason text NOT NULL CHECK (reason IN ('timely_cancel', 'owner', 'late_payment')),
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, payment_id) REFERENCES payments (tenant_id, id) ON DELETE CASCADE
      );
      CREATE INDEX refunds_payment ON refunds (tenant_id, payment_id);

      CREATE TABLE stripe_events (
        id text PRIMARY KEY CHECK (id ~ '^evt_[A-Za-z0-9_]+$'),
        tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
        type text NOT NULL CHECK (length(type) <= 100),
        account text,
        payload jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        -- What handling it did ('confirmed', 'refunded', 'ignored: …'), for explaining money states.
        outcome text CHECK (length(outcome) <= 500)
      );
      CREATE INDEX stripe_events_tenant ON stripe_events (tenant_id, received_at);
    `);
    for (const table of ['payments', 'refunds', 'stripe_events']) {
      await q.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
      `);
    }
    await q.query(`
      GRANT SELECT, INSERT, UPDATE ON payments TO frontdesk_app;
      GRANT SELECT, INSERT ON refunds TO frontdesk_app;
      GRANT SELECT, UPDATE ON stripe_events TO frontdesk_app;

      -- A webhook event is recorded before anyone knows whose it is (or whether it is anyone's):
      -- true when it is new, false for an id seen before, whoever it belonged to.
      CREATE FUNCTION record_stripe_event(event_id text, event_type text, event_account text, event_tenant uuid, event_payload jsonb)
        RETURNS boolean
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
          WITH inserted AS (
            INSERT INTO stripe_events (id, type, account, tenant_id, payload)
            VALUES (event_id, event_type, event_account, event_tenant, event_payload)
            ON CONFLICT (id) DO NOTHING
            RETURNING 1
          )
          SELECT EXISTS (SELECT 1 FROM inserted)
      $$;
      -- Connect events name the account, not the tenant.
      CREATE FUNCTION tenant_for_stripe_account(account text)
        RETURNS uuid
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
          SELECT id FROM tenants WHERE stripe_account_id = account
      $$;
      -- Holds only: a booking waiting for its payment is not let go before Stripe is asked
      -- whether it was paid (lapsed_payments, the payment sweeper's list).
      CREATE OR REPLACE FUNCTION stale_holds(batch integer)
        RETURNS TABLE (tenant_id uuid, id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
          SELECT b.tenant_id, b.id FROM bookings b
           WHERE b.status = 'held' AND b.hold_expires_at <= now()
           ORDER BY b.hold_expires_at
           LIMIT batch
      $$;
      -- The payment sweeper's work list: bookings whose payment window ended.
      CREATE FUNCTION lapsed_payments(limit_count integer)
        RETURNS TABLE (tenant_id uuid, booking_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
          SELECT b.tenant_id, b.id FROM bookings b
           WHERE b.status = 'pending_payment' AND b.hold_expires_at <= now()
           ORDER BY b.hold_expires_at
           LIMIT limit_count
      $$;
    `);
    for (const fn of [
      'record_stripe_event(text, text, text, uuid, jsonb)',
      'tenant_for_stripe_account(text)',
      'lapsed_payments(integer)',
    ]) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC; GRANT EXECUTE ON FUNCTION ${fn} TO frontdesk_app;`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION stale_holds(batch integer)
        RETURNS TABLE (tenant_id uuid, id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
          SELECT b.tenant_id, b.id FROM bookings b
           WHERE b.status IN ('held', 'pending_payment') AND b.hold_expires_at <= now()
           ORDER BY b.hold_expires_at
           LIMIT batch
      $$;
      DROP FUNCTION lapsed_payments(integer);
      DROP FUNCTION tenant_for_stripe_account(text);
      DROP FUNCTION record_stripe_event(text, text, text, uuid, jsonb);
      DROP TABLE stripe_events;
      DROP TABLE refunds;
      DROP TABLE payments;
      ALTER TABLE bookings DROP COLUMN deposit_reasons;
      ALTER TABLE services DROP COLUMN deposit;
      ALTER TABLE tenants DROP COLUMN stripe_charges_enabled, DROP COLUMN stripe_account_id, DROP COLUMN deposit_settings;
    `);
  }
}
