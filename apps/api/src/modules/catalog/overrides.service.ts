import { Injectable } from '@nestjs/common';
import { Between } from 'typeorm';
import type { ListResponse, Override } from '@frontdesk/contracts';
import { Db } from '../../common/db/db.service';
import { notFound, validationFailed } from '../../common/errors/app-error';
import { getTenantContext } from '../../common/tenancy/tenant-context';
import { AuditService } from '../audit/audit.service';
import type { CreateOverrideDto, OverrideRangeQuery } from './dto/override.dto';
import { OverrideEntity } from './entities/override.entity';
import { StaffEntity } from './entities/staff.entity';
import { fromPgTime } from './pg-time';

const toOverride = (o: OverrideEntity): Override => ({
  id: o.id,
  date: o.date,
  kind: o.kind,
  start: fromPgTime(o.startTime),
  end: fromPgTime(o.endTime),
  staffId: o.staffId,
  note: o.note,
});

/** Exceptions to the weekly hours on given dates, for the business or one staff member. */
@Injectable()
export class OverridesService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  list(range: OverrideRangeQuery): Promise<ListResponse<Override>> {
    return this.db.tx(async (m) => {
      const overrides = await m.find(OverrideEntity, {
        where: { date: Between(range.from, range.to) },
        order: { date: 'ASC', startTime: { direction: 'ASC', nulls: 'FIRST' }, createdAt: 'ASC', id: 'ASC' },
      });
      return { items: overrides.map(toOverride) };
    });
  }

  create(dto: CreateOverrideDto): Promise<Override> {
    const { tenantId } = getTenantContext();
    return this.db.tx(async (m) => {
      const staffId = dto.staffId?.toLowerCase() ?? null;
      // Row-level security hides other tenants' staff, so their ids read as unknown.
      if (staffId !== null && !(await m.exists(StaffEntity, { where: { id: staffId } }))) {
        throw validationFailed([`staffId: no staff member with the id ${staffId}`]);
      }
      const saved = await m.save(
        m.create(OverrideEntity, {
          tenantId,
          date: dto.date,
          kind: dto.kind,
          startTime: dto.start ?? null,
          endTime: dto.end ?? null,
          staffId,
          note: dto.note ?? null,
        }),
      );
      const override = toOverride(saved);
      await this.audit.record(m, {
        tenantId,
        action: 'override.create',
        entity: 'override',
        entityId: override.id,
        after: override,
      });
      return override;
    });
  }

  remove(id: string): Promise<void> {
    const { tenantId } = getTenantContext();
    return this.db.tx(async (m) => {
      const override = await m.findOne(OverrideEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!override) throw notFound('Override');
      await m.delete(OverrideEntity, { id });
      await this.audit.record(m, {
        tenantId,
        action: 'override.delete',
        entity: 'override',
        entityId: id,
        before: toOverride(override),
      });
    });
  }
}
