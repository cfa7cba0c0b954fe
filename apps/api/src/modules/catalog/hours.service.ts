import { Injectable } from '@nestjs/common';
import type { WeeklyHours } from '@frontdesk/contracts';
import { Db } from '../../common/db/db.service';
import { AuditService } from '../audit/audit.service';
import { TenantEntity } from '../tenants/entities/tenant.entity';
import { currentTenant } from './tenant-settings';

/** The business's weekly opening hours. */
@Injectable()
export class HoursService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  get(): Promise<{ weekly: WeeklyHours }> {
    return this.db.tx(async (m) => ({ weekly: (await currentTenant(m, { forUpdate: false })).businessHours }));
  }

  replace(weekly: WeeklyHours): Promise<{ weekly: WeeklyHours }> {
    return this.db.tx(async (m) => {
      const tenant = await currentTenant(m, { forUpdate: true });
      await m.update(TenantEntity, { id: tenant.id }, { businessHours: weekly });
      await this.audit.record(m, {
        tenantId: tenant.id,
        action: 'business_hours.update',
        entity: 'tenant',
        entityId: tenant.id,
        before: { weekly: tenant.businessHours },
        after: { weekly },
      });
      return { weekly };
    });
  }
}
