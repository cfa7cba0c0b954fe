import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `tenant_catalog()` with the tenant's deposit and reminder settings (the columns as stored, null
 * for a tenant that never saved any). The catalog is read at the start of every chat message
 * (`enter_conversation`), and confirming a held booking from the chat decides its deposit and
 * plans its reminders from these settings: carried here, that confirmation reads no tenant row
 * of its own. Everything else the function answers is as before.
 */
const tenantCatalog = (settings: string) => `
  CREATE OR REPLACE FUNCTION tenant_catalog() RETURNS json LANGUAGE sql STABLE AS $$
    SELECT json_build_object(
             'tenant', json_build_object(
               'id', t.id, 'slug', t.slug, 'name', t.name, 'timezone', t.timezone, 'currency', t.currency,
               'country', t.country, 'locale', t.locale, 'businessHours', t.business_hours,
               'minNoticeMinutes', t.min_notice_minutes, 'maxAdvanceDays', t.max_advance_days,
               'slotIntervalMinutes', t.slot_interval_minutes, 'sameDayCutoff', to_char(t.same_day_cutoff, 'HH24:MI'),
               'cancellationNoticeHours', t.cancellation_notice_hours${settings}),
             'services', coalesce((SELECT json_agg(json_build_object(
                          'id', s.id, 'name', s.name, 'aliases', s.aliases, 'durationMinutes', s.duration_minutes,
                          'priceCents', s.price_cents, 'bufferBeforeMinutes', s.buffer_before_minutes,
                          'bufferAfterMinutes', s.buffer_after_minutes, 'active', s.active) ORDER BY s.name, s.id)
                           FROM services s WHERE s.tenant_id = t.id), '[]'),
             'staff', coalesce((SELECT json_agg(json_build_object(
                          'id', st.id, 'name', st.name, 'hours', st.hours, 'performsAllServices', st.performs_all_services,
                          'serviceIds', coalesce((SELECT json_agg(ss.service_id) FROM staff_services ss
                                                   WHERE ss.tenant_id = st.tenant_id AND ss.staff_id = st.id), '[]'))
                          ORDER BY st.name, st.id)
                           FROM staff st WHERE st.tenant_id = t.id AND st.active), '[]'))
      FROM tenants t
  $$;`;

const SETTINGS = `,
               'depositSettings', t.deposit_settings, 'reminderSettings', t.reminder_settings`;

export class CarryTenantSettingsInCatalog1796160000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(tenantCatalog(SETTINGS));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(tenantCatalog(''));
  }
}
