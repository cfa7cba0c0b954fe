import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A provider's inbound message id is recognised once across the whole platform, as the contract
 * says ("a repeated MessageSid changes nothing"), now that `messages` keys it per tenant.
 * `inbound_message_ids` registers each id (it names no tenant, so it sits outside RLS). A trigger
 * on `messages` registers an inbound message's id before the row is written and skips the row (as
 * `ON CONFLICT DO NOTHING` would) when the id was already registered, by any tenant. A concurrent
 * delivery of the same id waits on the register's key and is skipped once the first commits.
 * The app role has no rights on the register: only the trigger's SECURITY DEFINER function writes it.
 */
export class RecogniseInboundMessagesOnce1796130001000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inbound_message_ids (
        channel text NOT NULL,
        provider_message_id text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (channel, provider_message_id)
      );
      INSERT INTO inbound_message_ids (channel, provider_message_id, received_at)
      SELECT channel, provider_message_id, min(created_at)
        FROM messages WHERE direction = 'inbound' AND provider_message_id IS NOT NULL
       GROUP BY channel, provider_message_id;

      CREATE FUNCTION register_inbound_message_id() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        INSERT INTO inbound_message_ids (channel, provider_message_id)
        VALUES (NEW.channel, NEW.provider_message_id)
        ON CONFLICT DO NOTHING;
        IF NOT FOUND THEN
          RETURN NULL;
        END IF;
        RETURN NEW;
      END $$;
      REVOKE ALL ON FUNCTION register_inbound_message_id() FROM PUBLIC;
      CREATE TRIGGER messages_inbound_id_once BEFORE INSERT ON messages FOR EACH ROW
        WHEN (NEW.direction = 'inbound' AND NEW.provider_message_id IS NOT NULL)
        EXECUTE FUNCTION register_inbound_message_id();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER messages_inbound_id_once ON messages;
      DROP FUNCTION register_inbound_message_id();
      DROP TABLE inbound_message_ids;
    `);
  }
}
