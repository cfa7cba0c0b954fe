import { Injectable } from '@nestjs/common';
import { notFound } from '../../common/errors/app-error';
import { PublicTenants } from '../public-profile/public-tenants.service';
import { TenantMismatch } from './schedule.repository';

/** Slugs remembered at most; past it the map starts over (a flood of made-up slugs is never remembered). */
const MAX_HINTS = 10_000;

/**
 * Which tenant a public slug named when it was last resolved, so that the hot public routes
 * (availability, booking) skip a round trip for the lookup. Only a hint: the work is given
 * the slug as well and checks, in its own statement, that the tenant still has that slug and
 * is active (`ScheduleParams.slug`), throwing `TenantMismatch` otherwise. A suspension or a
 * slug change therefore takes effect on the next request, in every API process, with no
 * invalidation to send; the hint is then dropped and the slug resolved afresh.
 */
@Injectable()
export class SlugHints {
  private readonly tenantIds = new Map<string, string>();

  constructor(private readonly tenants: PublicTenants) {}

  /** Runs `work` for the active tenant with this slug; 404 when there is none. */
  async run<T>(slug: string, work: (tenantId: string) => Promise<T>): Promise<T> {
    const hinted = this.tenantIds.get(slug);
    if (hinted !== undefined) {
      try {
        return await work(hinted);
      } catch (error) {
        if (!(error instanceof TenantMismatch)) throw error;
        this.tenantIds.delete(slug);
      }
    }
    const tenant = await this.tenants.resolveActive(slug);
    if (this.tenantIds.size >= MAX_HINTS) this.tenantIds.clear();
    this.tenantIds.set(slug, tenant.id);
    try {
      return await work(tenant.id);
    } catch (error) {
      // Suspended, or its slug changed, since the lookup just made.
      if (!(error instanceof TenantMismatch)) throw error;
      this.tenantIds.delete(slug);
      throw notFound('Business');
    }
  }
}
