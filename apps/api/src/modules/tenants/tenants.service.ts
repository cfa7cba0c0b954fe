import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Tenant } from '@frontdesk/contracts';
import { UserAccessCheck } from '../../common/access/user-access-check.service';
import { Db } from '../../common/db/db.service';
import { isUniqueViolation } from '../../common/db/pg-errors';
import { AppError, conflict, notFound } from '../../common/errors/app-error';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { AuditService } from '../audit/audit.service';
import { UserEntity } from '../auth/entities/user.entity';
import { hashPassword } from '../auth/passwords';
import { StaffEntity } from '../catalog/entities/staff.entity';
import type { CreateTenantDto, UpdateTenantDto } from './dto/tenant.dto';
import { TenantEntity } from './entities/tenant.entity';
import { DEFAULT_BUSINESS_HOURS } from './tenant-defaults';

export const toTenant = (t: TenantEntity): Tenant => ({
  id: t.id,
  slug: t.slug,
  name: t.name,
  timezone: t.timezone,
  currency: t.currency,
  country: t.country,
  locale: t.locale,
  status: t.status,
});

/**
 * Super-admin onboarding and management of tenants. Each write runs as the tenant it is about
 * (a new tenant's id is chosen here, so its rows are written under its own policy); only the
 * list crosses tenants, through `Db.platformTenants`.
 */
@Injectable()
export class TenantsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly userAccess: UserAccessCheck,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(dto: CreateTenantDto): Promise<Tenant> {
    const passwordHash = await hashPassword(dto.owner.password, this.config.passwordHashCost);
    try {
      const id = randomUUID();
      return await this.db.asTenant(id, async (m) => {
        const tenant = await m.save(
          m.create(TenantEntity, {
            id,
            name: dto.name,
            slug: dto.slug,
            timezone: dto.timezone,
            currency: dto.currency,
            country: dto.country,
            locale: dto.locale,
            status: 'active',
            businessHours: DEFAULT_BUSINESS_HOURS,
          }),
        );
        const owner = await m.save(
          m.create(UserEntity, {
            tenantId: tenant.id,
            email: dto.owner.email.toLowerCase(),
            name: dto.owner.name,
            role: 'owner',
            passwordHash,
          }),
        );
        const staff = await m.save(
          m.create(StaffEntity, {
            tenantId: tenant.id,
            name: dto.owner.name,
            performsAllServices: true,
            hours: null,
            active: true,
          }),
        );
        await this.audit.record(m, {
          tenantId: tenant.id,
          action: 'tenant.create',
          entity: 'tenant',
          entityId: tenant.id,
          after: toTenant(tenant),
        });
        await this.audit.record(m, {
          tenantId: tenant.id,
          action: 'user.create',
          entity: 'user',
          entityId: owner.id,
          after: { email: owner.email, name: owner.name, role: owner.role },
        });
        await this.audit.record(m, {
          tenantId: tenant.id,
          action: 'staff.create',
          entity: 'staff',
          entityId: staff.id,
          after: { name: staff.name },
        });
        return toTenant(tenant);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'tenants_slug_key')) {
        throw new AppError(409, 'slug_taken', `The slug "${dto.slug}" is already in use`);
      }
      if (isUniqueViolation(error, 'users_email_key')) {
        throw conflict(`A user with the email ${dto.owner.email} already exists`);
      }
      throw error;
    }
  }

  async list(): Promise<{ items: Tenant[] }> {
    return { items: await this.db.platformTenants() };
  }

  async update(id: string, dto: UpdateTenantDto): Promise<Tenant> {
    const updated = await this.db.asTenant(id, async (m) => {
      const tenant = await this.lockTenant(m, id);
      const before = toTenant(tenant);
      Object.assign(tenant, dto);
      const saved = await m.save(tenant);
      await this.audit.record(m, {
        tenantId: id,
        action: 'tenant.update',
        entity: 'tenant',
        entityId: id,
        before,
        after: toTenant(saved),
      });
      return toTenant(saved);
    });
    // Suspension (or reactivation) reaches this process's signed-in users at once; other
    // processes see it within USER_CHECK_CACHE_SECONDS.
    if (dto.status !== undefined) this.userAccess.forgetTenant(id);
    return updated;
  }

  private async lockTenant(m: EntityManager, id: string): Promise<TenantEntity> {
    const tenant = await m.findOne(TenantEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!tenant) throw notFound('Tenant');
    return tenant;
  }
}
