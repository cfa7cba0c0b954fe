import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Web chat sessions, and what a booking's customer typed.
 *
 * A web visitor is anonymous until they prove a phone number: their conversation lives in
 * `web_chats` (its engine memory, the phone verified in it, the hash of the last code sent),
 * named by a signed session token. Only a keyed hash of a code is stored.
 *
 * `bookings.customer_name` / `customer_email` keep the name and email typed on a booking made
 * through a public endpoint (booking page, web chat), which must not overwrite the record of a
 * customer who already exists; the booking shows them.
 */
export class AddWebChats1795500000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE web_chats (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        memory jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(memory) = 'object'),
        verified_phone text,
        code_hash text,
        code_phone text,
        version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        CHECK ((code_hash IS NULL) = (code_phone IS NULL))
      );
      CREATE INDEX web_chats_activity ON web_chats (tenant_id, updated_at);
      ALTER TABLE web_chats ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON web_chats
        USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
      GRANT SELECT, INSERT, UPDATE, DELETE ON web_chats TO frontdesk_app;

      ALTER TABLE bookings ADD COLUMN customer_name text CHECK (length(customer_name) <= 200),
                           ADD COLUMN customer_email text CHECK (length(customer_email) <= 320);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE bookings DROP COLUMN customer_name, DROP COLUMN customer_email;
      DROP TABLE web_chats;
    `);
  }
}
