import { Injectable } from '@nestjs/common';
import type { DepositSettings } from '@frontdesk/contracts';
import { Db } from '../../common/db/db.service';
import { AuditService } from '../audit/audit.service';
import { currentTenant } from '../catalog/tenant-settings';
import { TenantEntity } from '../tenants/entities/tenant.entity';
import type { DepositSettingsDto } from './dto/deposit-settings.dto';
import { depositSettingsOf } from './tenant-payments';

/** The business's deposit rules, kept on its tenant row (null: the defaults). */
@Injectable()
export class DepositSettingsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  get(): Promise<DepositSettings> {
    return this.db.tx(async (m) => depositSettingsOf(await currentTenant(m, { forUpdate: false })));
  }

  replace(dto: DepositSettingsDto): Promise<DepositSettings> {
    return this.db.tx(async (m) => {
      const tenant = await currentTenant(m, { forUpdate: true });
      const after = dto.toSettings();
      await m.update(TenantEntity, { id: tenant.id }, { depositSettings: after });
      await this.audit.record(m, {
        tenantId: tenant.id,
        action: 'deposit_settings.update',
        entity: 'tenant',
        entityId: tenant.id,
        before: depositSettingsOf(tenant),
        after,
      });
      return after;
    });
  }
}
