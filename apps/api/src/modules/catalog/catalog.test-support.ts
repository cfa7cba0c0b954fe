import type { TestApp } from '../../../../../test/harness';
import { hashPassword } from '../auth/passwords';

let staffUsers = 0;

/**
 * Signs in a staff user of the tenant. No endpoint creates staff users yet, so the row is
 * written directly, as the database owner.
 */
export async function staffUserToken(t: TestApp, tenantId: string): Promise<string> {
  const email = `staff-${Date.now().toString(36)}-${staffUsers++}@example.test`;
  await t.sql(`insert into users (tenant_id, email, name, role, password_hash) values ($1, $2, 'Sam Staff', 'staff', $3)`, [
    tenantId,
    email,
    await hashPassword('staff-password', t.config.passwordHashCost),
  ]);
  return t.login(email, 'staff-password');
}

/** Row counts of every table the catalog writes, to prove a refused request wrote nothing. */
export async function catalogCounts(t: TestApp): Promise<Record<string, number>> {
  const [counts] = await t.sql<Record<string, number>>(`
    select (select count(*) from services)::int as services,
           (select count(*) from staff)::int as staff,
           (select count(*) from staff_services)::int as staff_services,
           (select count(*) from overrides)::int as overrides,
           (select count(*) from audit_log)::int as audit`);
  return counts;
}

/** The catalog columns of a tenant row, to prove a refused settings change wrote nothing. */
export async function tenantSettings(t: TestApp, tenantId: string): Promise<Record<string, unknown>> {
  const [row] = await t.sql(
    `select business_hours, min_notice_minutes, max_advance_days, slot_interval_minutes, same_day_cutoff,
            cancellation_notice_hours, sms_number, whatsapp_phone_number_id, updated_at
       from tenants where id = $1`,
    [tenantId],
  );
  return row;
}
