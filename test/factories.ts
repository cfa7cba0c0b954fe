import type { Tenant, WeeklyHours } from '@frontdesk/contracts';
import { hashPassword } from '../apps/api/src/modules/auth/passwords';
import { DEFAULT_BUSINESS_HOURS } from '../apps/api/src/modules/tenants/tenant-defaults';
import type { TestApp } from './harness';

/*
 * Tenants written straight into the database as its owner, for tests that are not about
 * onboarding or the catalog endpoints: one statement instead of a dozen requests. The rows are
 * the ones those endpoints write (minus the audit trail); tests of onboarding and of the catalog
 * keep going through HTTP (ApiClient.createTenant and the catalog endpoints).
 */

export const OWNER_PASSWORD = 'owner-password';

export interface SeededService {
  name: string;
  durationMinutes: number;
  priceCents: number;
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
  /** Stored as given: write them trimmed and lower-cased, as the API would. */
  aliases?: string[];
}

export interface TenantSeed {
  name?: string;
  slug?: string;
  timezone?: string;
  currency?: string;
  country?: string;
  locale?: 'en' | 'es';
  businessHours?: WeeklyHours;
  /** Booking policy columns; the database defaults where left out. */
  policy?: {
    minNoticeMinutes?: number;
    maxAdvanceDays?: number;
    slotIntervalMinutes?: number;
    sameDayCutoff?: string | null;
    cancellationNoticeHours?: number;
  };
  ownerName?: string;
  /**
   * Every staff member, each performing every service with the business's hours; the first is the
   * owner's own row, which onboarding names after the owner. Names must differ.
   */
  staff?: string[];
  services?: SeededService[];
}

export interface SeededTenant {
  tenant: Tenant;
  ownerToken: string;
  ownerEmail: string;
  /** In the order of `staff`. */
  staffIds: string[];
  /** In the order of `services`. */
  serviceIds: string[];
}

let seeded = 0;
/** One hash for every seeded owner: hashing is not what these tests are about. */
const ownerHashes = new WeakMap<TestApp, Promise<string>>();

function ownerHash(t: TestApp): Promise<string> {
  let hash = ownerHashes.get(t);
  if (!hash) ownerHashes.set(t, (hash = hashPassword(OWNER_PASSWORD, t.config.passwordHashCost)));
  return hash;
}

/** Inserts a tenant, its owner, staff and services in one statement, then signs the owner in. */
export async function seedTenant(t: TestApp, seed: TenantSeed = {}): Promise<SeededTenant> {
  const n = `${Date.now().toString(36)}${process.pid.toString(36)}${seeded++}`;
  const ownerEmail = `owner-${n}@example.test`;
  const ownerName = seed.ownerName ?? `Owner ${n}`;
  const policy = seed.policy ?? {};
  const services = seed.services ?? [];
  const staff = seed.staff ?? [ownerName];
  const [row] = await t.sql<{ tenant: Tenant; staff_ids: string[]; service_ids: string[] | null }>(
    `with tenant as (
       insert into tenants (name, slug, timezone, currency, country, locale, business_hours, min_notice_minutes,
                            max_advance_days, slot_interval_minutes, same_day_cutoff, cancellation_notice_hours)
       values ($1, $2, $3, $4, $5, $6, $7, coalesce($8, 120), coalesce($9, 30), coalesce($10, 15), $11::time, coalesce($12, 24))
       returning *),
     owner as (
       insert into users (tenant_id, email, name, role, password_hash)
       select id, $13, $14, 'owner', $15 from tenant),
     staff as (
       insert into staff (tenant_id, name, performs_all_services, hours, active)
       select tenant.id, s.name, true, null, true from tenant, unnest($16::text[]) with ordinality as s(name, i)
       returning id, name),
     services as (
       insert into services (tenant_id, name, duration_minutes, price_cents, buffer_before_minutes, buffer_after_minutes, aliases)
       select tenant.id, s.name, s.duration_minutes, s.price_cents, s.buffer_before_minutes, s.buffer_after_minutes,
              array(select jsonb_array_elements_text(s.aliases))
         from tenant, jsonb_to_recordset($17::jsonb) as s(name text, duration_minutes int, price_cents int,
              buffer_before_minutes int, buffer_after_minutes int, aliases jsonb)
       returning id, name)
     select json_build_object('id', t.id, 'slug', t.slug, 'name', t.name, 'timezone', t.timezone, 'currency', t.currency,
                              'country', t.country, 'locale', t.locale, 'status', t.status) as tenant,
            (select array_agg(st.id order by array_position($16::text[], st.name)) from staff st) as staff_ids,
            (select array_agg(sv.id order by array_position($18::text[], sv.name)) from services sv) as service_ids
       from tenant t`,
    [
      seed.name ?? `Salon ${n}`,
      seed.slug ?? `salon-${n}`,
      seed.timezone ?? 'America/New_York',
      seed.currency ?? 'usd',
      seed.country ?? 'US',
      seed.locale ?? 'en',
      JSON.stringify(seed.businessHours ?? DEFAULT_BUSINESS_HOURS),
      policy.minNoticeMinutes ?? null,
      policy.maxAdvanceDays ?? null,
      policy.slotIntervalMinutes ?? null,
      policy.sameDayCutoff ?? null,
      policy.cancellationNoticeHours ?? null,
      ownerEmail,
      ownerName,
      await ownerHash(t),
      staff,
      JSON.stringify(
        services.map((s) => ({
          name: s.name,
          duration_minutes: s.durationMinutes,
          price_cents: s.priceCents,
          buffer_before_minutes: s.bufferBeforeMinutes ?? 0,
          buffer_after_minutes: s.bufferAfterMinutes ?? 0,
          aliases: s.aliases ?? [],
        })),
      ),
      services.map((s) => s.name),
    ],
  );
  return {
    tenant: row.tenant,
    ownerToken: await t.login(ownerEmail, OWNER_PASSWORD),
    ownerEmail,
    staffIds: row.staff_ids,
    serviceIds: row.service_ids ?? [],
  };
}
