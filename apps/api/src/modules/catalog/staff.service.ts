import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import type { ListResponse, Staff } from '@frontdesk/contracts';
import { Db } from '../../common/db/db.service';
import { conflict, notFound, validationFailed } from '../../common/errors/app-error';
import { getTenantContext } from '../../common/tenancy/tenant-context';
import { AuditService } from '../audit/audit.service';
import { deleteOrDeactivate } from './delete-or-deactivate';
import type { CreateStaffDto, UpdateStaffDto } from './dto/staff.dto';
import { ServiceEntity } from './entities/service.entity';
import { StaffEntity, StaffServiceEntity } from './entities/staff.entity';

const toStaff = (s: StaffEntity, serviceIds: string[]): Staff => ({
  id: s.id,
  name: s.name,
  serviceIds: s.performsAllServices ? null : serviceIds,
  hours: s.hours,
  active: s.active,
});

/**
 * Active staff members a business may have. An availability answer lists, for each slot,
 * every staff member who can take it, and always holds a whole day, so this bounds the size
 * of the answer to anyone's request (a day is at most 288 slots a staff member on the
 * finest grid: about 1.1 MB of staff ids at this limit).
 */
export const MAX_ACTIVE_STAFF = 100;

/** The people who perform services, which of them they perform, and their own hours. */
@Injectable()
export class StaffService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<ListResponse<Staff>> {
    return this.db.tx(async (m) => {
      const staff = await m.find(StaffEntity, { order: { name: 'ASC', id: 'ASC' } });
      const serviceIdsByStaff = new Map<string, string[]>();
      for (const { staffId, serviceId } of await m.find(StaffServiceEntity, { order: { serviceId: 'ASC' } })) {
        serviceIdsByStaff.set(staffId, [...(serviceIdsByStaff.get(staffId) ?? []), serviceId]);
      }
      return { items: staff.map((s) => toStaff(s, serviceIdsByStaff.get(s.id) ?? [])) };
    });
  }

  create(dto: CreateStaffDto): Promise<Staff> {
    const { tenantId } = getTenantContext();
    return this.db.tx(async (m) => {
      if (dto.active ?? true) await this.roomForOneMoreActive(m);
      const serviceIds = await this.ownServiceIds(m, dto.serviceIds ?? null);
      const saved = await m.save(
        m.create(StaffEntity, {
          tenantId,
          name: dto.name,
          performsAllServices: serviceIds === null,
          hours: dto.hours ?? null,
          active: dto.active ?? true,
        }),
      );
      await this.assignServices(m, saved.id, serviceIds);
      const staff = toStaff(saved, serviceIds ?? []);
      await this.audit.record(m, { tenantId, action: 'staff.create', entity: 'staff', entityId: staff.id, after: staff });
      return staff;
    });
  }

  update(id: string, dto: UpdateStaffDto): Promise<Staff> {
    const { tenantId } = getTenantContext();
    return this.db.tx(async (m) => {
      const entity = await this.lock(m, id);
      const before = toStaff(entity, await this.assignedServiceIds(m, id));
      if (dto.active && !entity.active) await this.roomForOneMoreActive(m);
      const { serviceIds: requestedServiceIds, ...fields } = dto;
      Object.assign(entity, fields);
      let serviceIds = before.serviceIds;
      if (requestedServiceIds !== undefined) {
        serviceIds = await this.ownServiceIds(m, requestedServiceIds);
        entity.performsAllServices = serviceIds === null;
        await m.delete(StaffServiceEntity, { staffId: id });
        await this.assignServices(m, id, serviceIds);
      }
      const after = toStaff(await m.save(entity), serviceIds ?? []);
      await this.audit.record(m, { tenantId, action: 'staff.update', entity: 'staff', entityId: id, before, after });
      return after;
    });
  }

  /** `null` when the staff member is gone; the now inactive one when records still refer to them. */
  remove(id: string): Promise<Staff | null> {
    const { tenantId } = getTenantContext();
    return this.db.tx(async (m) => {
      const before = toStaff(await this.lock(m, id), await this.assignedServiceIds(m, id));
      if ((await deleteOrDeactivate(m, StaffEntity, id)) === 'deleted') {
        await this.audit.record(m, { tenantId, action: 'staff.delete', entity: 'staff', entityId: id, before });
        return null;
      }
      const after = { ...before, active: false };
      await this.audit.record(m, { tenantId, action: 'staff.deactivate', entity: 'staff', entityId: id, before, after });
      return after;
    });
  }

  /**
   * The requested ids, de-duplicated and sorted, after checking each is one of this
   * tenant's services. Row-level security hides other tenants' services, so their ids
   * are reported as unknown, exactly like ids that do not exist.
   */
  private async ownServiceIds(m: EntityManager, requested: string[] | null): Promise<string[] | null> {
    if (requested === null) return null;
    const ids = [...new Set(requested.map((id) => id.toLowerCase()))].sort();
    const found = new Set((await m.find(ServiceEntity, { select: { id: true }, where: { id: In(ids) } })).map((s) => s.id));
    const unknown = ids.filter((id) => !found.has(id));
    if (unknown.length > 0) throw validationFailed([`serviceIds: no service with the id ${unknown.join(', ')}`]);
    return ids;
  }

  private async assignServices(m: EntityManager, staffId: string, serviceIds: string[] | null): Promise<void> {
    if (!serviceIds?.length) return;
    const { tenantId } = getTenantContext();
    await m.insert(
      StaffServiceEntity,
      serviceIds.map((serviceId) => ({ tenantId, staffId, serviceId })),
    );
  }

  private async assignedServiceIds(m: EntityManager, staffId: string): Promise<string[]> {
    const rows = await m.find(StaffServiceEntity, { where: { staffId }, order: { serviceId: 'ASC' } });
    return rows.map((row) => row.serviceId);
  }

  /** Refuses a new active staff member at the limit; one such check at a time per business. */
  private async roomForOneMoreActive(m: EntityManager): Promise<void> {
    const { tenantId } = getTenantContext();
    await m.query(`select pg_advisory_xact_lock(hashtextextended('catalog.active-staff:' || $1::uuid::text, 0))`, [tenantId]);
    if ((await m.count(StaffEntity, { where: { active: true } })) >= MAX_ACTIVE_STAFF) {
      throw conflict(`A business can have at most ${MAX_ACTIVE_STAFF} active staff members; deactivate one first`);
    }
  }

  private async lock(m: EntityManager, id: string): Promise<StaffEntity> {
    const staff = await m.findOne(StaffEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!staff) throw notFound('Staff member');
    return staff;
  }
}
