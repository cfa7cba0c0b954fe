import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reminder's link to its message as a database distributed by `tenant_id` (Citus) can enforce
 * it per shard: a `(tenant_id, message_id)` foreign key, as every other link between tenant
 * tables is, and `tenant_id` in its unique index.
 */
export class ScopeMessageKeysByTenant1796050000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE messages ADD CONSTRAINT messages_tenant_id_id_key UNIQUE (tenant_id, id);
      ALTER TABLE reminders DROP CONSTRAINT reminders_message_id_fkey;
      ALTER TABLE reminders ADD CONSTRAINT reminders_message_id_fkey FOREIGN KEY (tenant_id, message_id)
        REFERENCES messages (tenant_id, id) ON DELETE SET NULL (message_id);
      DROP INDEX reminders_message;
      CREATE UNIQUE INDEX reminders_message ON reminders (tenant_id, message_id) WHERE message_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX reminders_message;
      CREATE UNIQUE INDEX reminders_message ON reminders (message_id) WHERE message_id IS NOT NULL;
      ALTER TABLE reminders DROP CONSTRAINT reminders_message_id_fkey;
      ALTER TABLE reminders ADD CONSTRAINT reminders_message_id_fkey FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE SET NULL;
      ALTER TABLE messages DROP CONSTRAINT messages_tenant_id_id_key;
    `);
  }
}
