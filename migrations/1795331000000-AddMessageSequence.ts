import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The order messages were written in. Replies written in one transaction share `created_at`
 * (Postgres' `now()` is the transaction's start), and two transactions may commit in another
 * order than they began; the outbox sends a conversation's messages in this order, one at a time.
 */
export class AddMessageSequence1795331000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE messages ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
      CREATE INDEX messages_conversation_pending ON messages (tenant_id, conversation_id, seq) WHERE status = 'pending';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX messages_conversation_pending;
      ALTER TABLE messages DROP COLUMN seq;
    `);
  }
}
