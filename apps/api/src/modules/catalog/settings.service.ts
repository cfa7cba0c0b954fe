import { Injectable } from '@nestjs/common';
import type { BookingPolicy, ChannelSettings } from '@frontdesk/contracts';
import { Db } from '../../common/db/db.service';
import { isUniqueViolation } from '../../common/db/pg-errors';
import { conflict, validationFailed } from '../../common/errors/app-error';
import { normalisePhone } from '../../common/phone';
import { AuditService } from '../audit/audit.service';
import { TenantEntity } from '../tenants/entities/tenant.entity';
import type { BookingPolicyDto, ChannelSettingsDto } from './dto/settings.dto';
import { fromPgTime } from './pg-time';
import { currentTenant } from './tenant-settings';

const toBookingPolicy = (t: TenantEntity): BookingPolicy => ({
  minNoticeMinutes: t.minNoticeMinutes,
  maxAdvanceDays: t.maxAdvanceDays,
  slotIntervalMinutes: t.slotIntervalMinutes,
  sameDayCutoff: fromPgTime(t.sameDayCutoff),
  cancellationNoticeHours: t.cancellationNoticeHours,
});

const toChannelSettings = (t: TenantEntity): ChannelSettings => ({
  smsNumber: t.smsNumber,
  whatsappPhoneNumberId: t.whatsappPhoneNumberId,
});

/** The booking rules and messaging channels of a business, kept on its tenant row. */
@Injectable()
export class SettingsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  bookingPolicy(): Promise<BookingPolicy> {
    return this.db.tx(async (m) => toBookingPolicy(await currentTenant(m, { forUpdate: false })));
  }

  replaceBookingPolicy(dto: BookingPolicyDto): Promise<BookingPolicy> {
    return this.db.tx(async (m) => {
      const tenant = await currentTenant(m, { forUpdate: true });
      const after: BookingPolicy = {
        minNoticeMinutes: dto.minNoticeMinutes,
        maxAdvanceDays: dto.maxAdvanceDays,
        slotIntervalMinutes: dto.slotIntervalMinutes,
        sameDayCutoff: dto.sameDayCutoff,
        cancellationNoticeHours: dto.cancellationNoticeHours,
      };
      await m.update(TenantEntity, { id: tenant.id }, after);
      await this.audit.record(m, {
        tenantId: tenant.id,
        action: 'booking_policy.update',
        entity: 'tenant',
        entityId: tenant.id,
        before: toBookingPolicy(tenant),
        after,
      });
      return after;
    });
  }

  channels(): Promise<ChannelSettings> {
    return this.db.tx(async (m) => toChannelSettings(await currentTenant(m, { forUpdate: false })));
  }

  async replaceChannels(dto: ChannelSettingsDto): Promise<ChannelSettings> {
    try {
      return await this.db.tx(async (m) => {
        const tenant = await currentTenant(m, { forUpdate: true });
        const smsNumber = dto.smsNumber === null ? null : normalisePhone(dto.smsNumber, tenant.country);
        if (dto.smsNumber !== null && smsNumber === null) {
          throw validationFailed([`smsNumber: ${dto.smsNumber} is not a phone number that can be reached in ${tenant.country}`]);
        }
        const after: ChannelSettings = { smsNumber, whatsappPhoneNumberId: dto.whatsappPhoneNumberId };
        await m.update(TenantEntity, { id: tenant.id }, after);
        await this.audit.record(m, {
          tenantId: tenant.id,
          action: 'channels.update',
          entity: 'tenant',
          entityId: tenant.id,
          before: toChannelSettings(tenant),
          after,
        });
        return after;
      });
    } catch (error) {
      // Row-level security hides other tenants' rows; only the unique keys see across them.
      if (isUniqueViolation(error, 'tenants_sms_number_key'))
        throw conflict('This SMS number is already used by another business');
      if (isUniqueViolation(error, 'tenants_whatsapp_phone_number_id_key')) {
        throw conflict('This WhatsApp phone number id is already used by another business');
      }
      throw error;
    }
  }
}
