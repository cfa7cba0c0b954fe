import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { PublicProfile } from '@frontdesk/contracts';
import { type ActiveTenant, Db } from '../../common/db/db.service';
import { notFound } from '../../common/errors/app-error';
import { ServiceEntity } from '../catalog/entities/service.entity';
import { StaffEntity, StaffServiceEntity } from '../catalog/entities/staff.entity';

/** How public routes refuse a business that is unknown or suspended: the same 404 for both. */
export const businessNotFound = () => notFound('Business');

/** Slugs whose tenant id is remembered at once; the least recently used go first. */
const MAX_REMEMBERED_SLUGS = 10_000;

/** Resolves a public slug to its tenant: the reviewed cross-tenant path for public routes. */
@Injectable()
export class PublicTenants {
  /** Slug → tenant id: a slug is given when its business is created and never changes. */
  private readonly ids = new LRUCache<string, string>({ max: MAX_REMEMBERED_SLUGS });

  constructor(private readonly db: Db) {}

  /**
   * The id of the business with this slug, found active once; 404 when none was. Whether it is
   * still active is not checked again: for callers that prove that otherwise (a signed-in user's
   * access check covers their business's status), so a message costs no round trip for its slug.
   */
  async idOf(slug: string): Promise<string> {
    const known = this.ids.get(slug);
    if (known) return known;
    const { id } = await this.resolveActive(slug);
    this.ids.set(slug, id);
    return id;
  }

  /** The active tenant with this slug; 404 when unknown or suspended. */
  async resolveActive(slug: string): Promise<ActiveTenant> {
    const tenant = await this.db.activeTenantBySlug(slug);
    if (!tenant) throw businessNotFound();
    return tenant;
  }

  async profile(slug: string): Promise<PublicProfile> {
    const tenant = await this.resolveActive(slug);
    return this.db.asTenant(tenant.id, async (m) => {
      const services = await m.find(ServiceEntity, { where: { active: true }, order: { name: 'ASC' } });
      const staff = await m.find(StaffEntity, { where: { active: true }, order: { name: 'ASC' } });
      const performs = await m.find(StaffServiceEntity);
      const serviceIdsOf = (member: StaffEntity) =>
        member.performsAllServices ? null : performs.filter((p) => p.staffId === member.id).map((p) => p.serviceId);
      return {
        slug: tenant.slug,
        name: tenant.name,
        timezone: tenant.timezone,
        currency: tenant.currency,
        locale: tenant.locale,
        services: services.map((s) => ({
          id: s.id,
          name: s.name,
          durationMinutes: s.durationMinutes,
          priceCents: s.priceCents,
        })),
        staff: staff.map((s) => ({ id: s.id, name: s.name, serviceIds: serviceIdsOf(s) })),
      };
    });
  }
}
