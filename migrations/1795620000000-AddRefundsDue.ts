import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refunds are decided inside a transaction (a late payment for a taken slot, a timely
 * cancellation, the owner's button) but made at Stripe after it commits. The decision is a
 * mark on the payment (`refund_due_at`, `refund_due_reason`) that the refund worker clears once
 * Stripe refunded it; a crash in between leaves the mark for the next run (the refund's
 * idempotency key, derived from the payment, keeps a retry from refunding twice).
 */
export class AddRefundsDue1795620000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE payments
        ADD COLUMN refund_due_at timestamptz,
        ADD COLUMN refund_due_reason text CHECK (refund_due_reason IN ('timely_cancel', 'owner', 'late_payment')),
        ADD CONSTRAINT payments_refund_due_reason CHECK ((refund_due_at IS NULL) = (refund_due_reason IS NULL)),
        ADD CONSTRAINT payments_refund_due_paid CHECK (refund_due_at IS NULL OR status = 'paid');
      CREATE INDEX payments_refund_due ON payments (refund_due_at) WHERE refund_due_at IS NOT NULL;

      -- The refund worker's work list, across businesses.
      CREATE FUNCTION refunds_due(limit_count integer)
        RETURNS TABLE (tenant_id uuid, payment_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
          SELECT p.tenant_id, p.id FROM payments p
           WHERE p.refund_due_at <= now()
           ORDER BY p.refund_due_at
           LIMIT limit_count
      $$;
      REVOKE ALL ON FUNCTION refunds_due(integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION refunds_due(integer) TO frontdesk_app;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION refunds_due(integer);
      DROP INDEX payments_refund_due;
      ALTER TABLE payments
        DROP CONSTRAINT payments_refund_due_paid,
        DROP CONSTRAINT payments_refund_due_reason,
        DROP COLUMN refund_due_reason,
        DROP COLUMN refund_due_at;
    `);
  }
}
