import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `tenants.catalog_version` moves with every change to what `tenant_catalog()` answers: any
 * update of the tenant row (its identity, hours, booking policy, deposit and reminder settings;
 * a tenant row changes rarely, so no column list to keep in step), and any insert, update or
 * delete of its services, staff members and who performs what. Triggers move it, so no write
 * path can forget; the function that moves it for a child row runs as its owner, so row-level
 * security cannot make it skip a row.
 *
 * `enter_conversation` takes the version the caller already holds the catalog of, and answers
 * the catalog only when the tenant's differs: a chat message no longer has Postgres build the
 * catalog (and the server parse it) when nothing in it changed, whatever the catalog's size.
 * The version is read in the message's own snapshot, after its locks, like the catalog was.
 */
/** Whether the provider address the tenant was found by still leads to it, active (as before). */
const ROUTE_HOLDS = `'routeHolds', route_kind IS NULL OR EXISTS (
            SELECT 1 FROM tenants t
             WHERE t.status = 'active'
               AND CASE route_kind WHEN 'sms' THEN t.sms_number = route_address
                                   WHEN 'whatsapp' THEN t.whatsapp_phone_number_id = route_address END),`;

const UP = `
  ALTER TABLE tenants ADD COLUMN catalog_version bigint NOT NULL DEFAULT 0;

  CREATE FUNCTION tenant_moves_catalog_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.catalog_version := OLD.catalog_version + 1;
      RETURN NEW;
    END
  $$;
  CREATE TRIGGER tenants_catalog_version BEFORE UPDATE ON tenants
    FOR EACH ROW EXECUTE FUNCTION tenant_moves_catalog_version();

  CREATE FUNCTION catalog_row_moves_catalog_version() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        UPDATE tenants SET catalog_version = catalog_version + 1
         WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.tenant_id ELSE NEW.tenant_id END;
        RETURN NULL;
      END
  $$;
  REVOKE ALL ON FUNCTION catalog_row_moves_catalog_version() FROM PUBLIC;
  CREATE TRIGGER services_catalog_version AFTER INSERT OR UPDATE OR DELETE ON services
    FOR EACH ROW EXECUTE FUNCTION catalog_row_moves_catalog_version();
  CREATE TRIGGER staff_catalog_version AFTER INSERT OR UPDATE OR DELETE ON staff
    FOR EACH ROW EXECUTE FUNCTION catalog_row_moves_catalog_version();
  CREATE TRIGGER staff_services_catalog_version AFTER INSERT OR UPDATE OR DELETE ON staff_services
    FOR EACH ROW EXECUTE FUNCTION catalog_row_moves_catalog_version();

  DROP FUNCTION enter_conversation(uuid, text, text, timestamptz, text[], text, text, text, text, text);
  -- As before (see EnterConversationInOneStatement), and: 'catalogVersion' the tenant's, 'catalog'
  -- null when it is known_catalog_version (the caller's copy is current).
  CREATE FUNCTION enter_conversation(tenant uuid, lock_key text, phone text, now timestamptz, statuses text[],
                                     inbound_channel text, inbound_body text, inbound_provider_id text,
                                     route_kind text, route_address text, known_catalog_version bigint)
    RETURNS json LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        version bigint;
      BEGIN
        PERFORM set_config('app.tenant_id', tenant::text, true);
        PERFORM pg_advisory_xact_lock(hashtextextended(lock_key, 0));
        SELECT t.catalog_version INTO version FROM tenants t WHERE t.id = tenant;
        RETURN json_build_object(
          ${ROUTE_HOLDS}
          'catalogVersion', version,
          'catalog', CASE WHEN version = known_catalog_version THEN NULL ELSE tenant_catalog() END,
          'conversation', customer_conversation(phone, now, statuses, inbound_channel, inbound_body, inbound_provider_id));
      END
  $$;`;

const DOWN = `
  DROP FUNCTION enter_conversation(uuid, text, text, timestamptz, text[], text, text, text, text, text, bigint);
  CREATE FUNCTION enter_conversation(tenant uuid, lock_key text, phone text, now timestamptz, statuses text[],
                                     inbound_channel text, inbound_body text, inbound_provider_id text,
                                     route_kind text, route_address text)
    RETURNS json LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM set_config('app.tenant_id', tenant::text, true);
        PERFORM pg_advisory_xact_lock(hashtextextended(lock_key, 0));
        RETURN json_build_object(
          ${ROUTE_HOLDS}
          'catalog', tenant_catalog(),
          'conversation', customer_conversation(phone, now, statuses, inbound_channel, inbound_body, inbound_provider_id));
      END
  $$;
  DROP TRIGGER staff_services_catalog_version ON staff_services;
  DROP TRIGGER staff_catalog_version ON staff;
  DROP TRIGGER services_catalog_version ON services;
  DROP FUNCTION catalog_row_moves_catalog_version();
  DROP TRIGGER tenants_catalog_version ON tenants;
  DROP FUNCTION tenant_moves_catalog_version();
  ALTER TABLE tenants DROP COLUMN catalog_version;`;

export class VersionTheCatalog1796180000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(UP);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(DOWN);
  }
}
