import type { MigrationInterface, QueryRunner } from 'typeorm';

const CLAIM_COLUMNS = `id uuid, tenant_id uuid, lease_id uuid, channel text, body text, options jsonb, attempts integer,
                       phone text, opted_out boolean, tenant_status text, sms_number text, whatsapp_phone_number_id text,
                       language text, template jsonb`;

/** The outbox's claim; `withLink` adds the message's link to what it returns. */
const claimOutbox = (withLink: boolean) => `
  CREATE FUNCTION claim_outbox(due_before timestamptz, lease_seconds integer, batch integer)
    RETURNS TABLE (${CLAIM_COLUMNS}${withLink ? ', link jsonb' : ''})
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
        RETURNING m.id, m.tenant_id, m.conversation_id, m.lease_id, m.channel, m.body, m.options, m.attempts, m.template${
          withLink ? ', m.link' : ''
        })
      SELECT l.id, l.tenant_id, l.lease_id, l.channel, l.body, l.options, l.attempts,
             c.phone, c.opted_out, t.status, t.sms_number, t.whatsapp_phone_number_id,
             coalesce(cv.memory->>'language', c.language, t.locale), l.template${withLink ? ', l.link' : ''}
        FROM leased l
        JOIN conversations cv ON cv.tenant_id = l.tenant_id AND cv.id = l.conversation_id
        JOIN customers c ON c.tenant_id = cv.tenant_id AND c.id = cv.customer_id
        JOIN tenants t ON t.id = l.tenant_id
  $$;
  REVOKE ALL ON FUNCTION claim_outbox(timestamptz, integer, integer) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION claim_outbox(timestamptz, integer, integer) TO frontdesk_app;`;

/**
 * A reply may carry a link the channel shows as a button (the deposit's Checkout page: a
 * WhatsApp URL button). It is stored with the message so the outbox sends it as it was said.
 */
export class AddMessageLink1795850000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE messages ADD COLUMN link jsonb
        CHECK (link IS NULL OR (jsonb_typeof(link->'url') = 'string' AND jsonb_typeof(link->'label') = 'string'));
      DROP FUNCTION claim_outbox(timestamptz, integer, integer);
      ${claimOutbox(true)}
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION claim_outbox(timestamptz, integer, integer);
      ${claimOutbox(false)}
      ALTER TABLE messages DROP COLUMN link;
    `);
  }
}
