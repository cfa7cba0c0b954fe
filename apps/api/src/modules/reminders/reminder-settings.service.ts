import { Injectable } from '@nestjs/common';
import type { ReminderSettings } from '@frontdesk/contracts';
import { DEFAULT_REMINDER_SETTINGS } from '@frontdesk/policies';
import { Db } from '../../common/db/db.service';
import { AuditService } from '../audit/audit.service';
import { currentTenant } from '../catalog/tenant-settings';
import { TenantEntity } from '../tenants/entities/tenant.entity';
import type { ReminderSettingsDto } from './dto/reminder-settings.dto';

/**
 * A tenant's reminder settings: the defaults until the owner saves their own; a field added
 * since they saved (the high-risk extra reminder) reads as its default.
 */
export const reminderSettingsOf = (stored: Partial<ReminderSettings> | null): ReminderSettings => ({
  ...DEFAULT_REMINDER_SETTINGS,
  ...stored,
});

/** The reminder settings, kept on the tenant row; changes are audited. */
@Injectable()
export class ReminderSettingsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  get(): Promise<ReminderSettings> {
    return this.db.tx(async (m) => reminderSettingsOf((await currentTenant(m, { forUpdate: false })).reminderSettings));
  }

  replace(dto: ReminderSettingsDto): Promise<ReminderSettings> {
    return this.db.tx(async (m) => {
      const tenant = await currentTenant(m, { forUpdate: true });
      const after: ReminderSettings = {
        enabled: dto.enabled,
        offsetsMinutes: [...dto.offsetsMinutes],
        quietHours: dto.quietHours && { start: dto.quietHours.start, end: dto.quietHours.end },
        whatsappTemplate: dto.whatsappTemplate,
        highRiskExtraOffsetMinutes: dto.highRiskExtraOffsetMinutes ?? null,
      };
      await m.update(TenantEntity, { id: tenant.id }, { reminderSettings: after });
      await this.audit.record(m, {
        tenantId: tenant.id,
        action: 'reminder_settings.update',
        entity: 'tenant',
        entityId: tenant.id,
        before: reminderSettingsOf(tenant.reminderSettings),
        after,
      });
      return after;
    });
  }
}
