import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Since messages are keyed by (tenant_id, id) there is no index on `id` alone: a statement that
 * finds a message by its id must name its tenant too, or it reads the whole table. Row-level
 * security adds the tenant to the app's own statements; these two do not get it from a policy:
 * the outbox's claim (SECURITY DEFINER, every tenant) leased its messages by id alone, and the
 * reminders' status copy reads the message by id (also when the owner writes reminders).
 */
const claimOutbox = (key: string) => `
  CREATE OR REPLACE FUNCTION claim_outbox(due_before timestamptz, lease_seconds integer, batch integer)
    RETURNS TABLE (id uuid, tenant_id uuid, lease_id uuid, channel text, body text, options jsonb, attempts integer,
                   phone text, opted_out boolean, tenant_status text, sms_number text, whatsapp_phone_number_id text,
                   language text, template jsonb, link jsonb)
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
      WITH due AS (
        SELECT m.tenant_id, m.id FROM messages m
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
          FROM due WHERE ${key}
        RETURNING m.id, m.tenant_id, m.conversation_id, m.lease_id, m.channel, m.body, m.options, m.attempts, m.template, m.link)
      SELECT l.id, l.tenant_id, l.lease_id, l.channel, l.body, l.options, l.attempts,
             c.phone, c.opted_out, t.status, t.sms_number, t.whatsapp_phone_number_id,
             coalesce(cv.memory->>'language', c.language, t.locale), l.template, l.link
        FROM leased l
        JOIN conversations cv ON cv.tenant_id = l.tenant_id AND cv.id = l.conversation_id
        JOIN customers c ON c.tenant_id = cv.tenant_id AND c.id = cv.customer_id
        JOIN tenants t ON t.id = l.tenant_id
  $$;`;

const copyMessageStatus = (key: string) => `
  CREATE OR REPLACE FUNCTION reminder_copies_message_status() RETURNS trigger
    LANGUAGE plpgsql AS $$
      BEGIN
        NEW.message_status := (SELECT m.status FROM messages m WHERE ${key});
        RETURN NEW;
      END
  $$;`;

export class FindMessagesByTenantKey1796130002000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(claimOutbox('m.tenant_id = due.tenant_id AND m.id = due.id'));
    await q.query(copyMessageStatus('m.tenant_id = NEW.tenant_id AND m.id = NEW.message_id'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(claimOutbox('m.id = due.id'));
    await q.query(copyMessageStatus('m.id = NEW.message_id'));
  }
}
