import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Locale } from '@frontdesk/contracts';
import { getTenantContext } from '../tenancy/tenant-context';

/** What anyone may know of an active business: the fields of its public profile. */
export interface ActiveTenant {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  currency: string;
  locale: Locale;
}

/**
 * The only way application code reaches the database. Every transaction declares whose
 * rows it may see: Postgres row-level security filters by the tenant set here, so a
 * query that forgets its tenant filter still sees only that tenant's rows.
 */
@Injectable()
export class Db {
  constructor(private readonly dataSource: DataSource) {}

  /** A transaction as the tenant of the current request. */
  async tx<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.asTenant(getTenantContext().tenantId, work);
  }

  /** A transaction as an explicitly named tenant (public routes resolved by slug, workers). */
  asTenant<T>(tenantId: string, work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
      return work(m);
    });
  }

  /**
   * A transaction that sees every tenant. Reserved for the reviewed cross-tenant paths:
   * login, super-admin tenant management, routing a public slug or webhook to its tenant,
   * and background workers.
   */
  crossTenant<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`select set_config('app.cross_tenant', 'on', true)`);
      return work(m);
    });
  }

  /**
   * The public face of the active tenant with this slug, or null for an unknown or suspended
   * one: a narrow SECURITY DEFINER read in one round trip, so public routes need no
   * cross-tenant transaction to find their tenant.
   */
  async activeTenantBySlug(slug: string): Promise<ActiveTenant | null> {
    const rows: ActiveTenant[] = await this.dataSource.query('select * from active_tenant_by_slug($1)', [slug]);
    return rows[0] ?? null;
  }

  /** `active`, `suspended`, or null for an unknown tenant (a narrow SECURITY DEFINER read). */
  async tenantStatus(tenantId: string): Promise<string | null> {
    const rows: { status: string | null }[] = await this.dataSource.query('select tenant_status($1) as status', [tenantId]);
    return rows[0]?.status ?? null;
  }

  async ping(): Promise<void> {
    await this.dataSource.query('select 1');
  }
}
