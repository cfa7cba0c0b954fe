import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ListResponse, Service } from '@frontdesk/contracts';
import { Db } from '../../common/db/db.service';
import { notFound } from '../../common/errors/app-error';
import { getTenantContext } from '../../common/tenancy/tenant-context';
import { AuditService } from '../audit/audit.service';
import { cleanRule } from '../payments/dto/deposit-rule';
import { deleteOrDeactivate } from './delete-or-deactivate';
import type { CreateServiceDto, UpdateServiceDto } from './dto/service.dto';
import { ServiceEntity } from './entities/service.entity';

const toService = (s: ServiceEntity): Service => ({
  id: s.id,
  name: s.name,
  durationMinutes: s.durationMinutes,
  priceCents: s.priceCents,
  bufferBeforeMinutes: s.bufferBeforeMinutes,
  bufferAfterMinutes: s.bufferAfterMinutes,
  aliases: s.aliases,
  active: s.active,
  deposit: s.deposit,
});

/** What a business offers, each with its duration, price and buffers. */
@Injectable()
export class ServicesService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<ListResponse<Service>> {
    return this.db.tx(async (m) => {
      const services = await m.find(ServiceEntity, { order: { name: 'ASC', id: 'ASC' } });
      return { items: services.map(toService) };
    });
  }

  create(dto: CreateServiceDto): Promise<Service> {
    const { tenantId } = getTenantContext();
    return this.db.tx(async (m) => {
      const saved = await m.save(
        m.create(ServiceEntity, {
          tenantId,
          name: dto.name,
          durationMinutes: dto.durationMinutes,
          priceCents: dto.priceCents,
          bufferBeforeMinutes: dto.bufferBeforeMinutes ?? 0,
          bufferAfterMinutes: dto.bufferAfterMinutes ?? 0,
          aliases: dto.aliases ?? [],
          active: dto.active ?? true,
          deposit: dto.deposit ? cleanRule(dto.deposit) : null,
        }),
      );
      const service = toService(saved);
      await this.audit.record(m, { tenantId, action: 'service.create', entity: 'service', entityId: service.id, after: service });
      return service;
    });
  }

  update(id: string, dto: UpdateServiceDto): Promise<Service> {
    const { tenantId } = getTenantContext();
    return this.db.tx(async (m) => {
      const entity = await this.lock(m, id);
      const before = toService(entity);
      const { deposit, ...fields } = dto;
      Object.assign(entity, fields);
      if (deposit !== undefined) entity.deposit = deposit && cleanRule(deposit);
      const saved = await m.save(entity);
      const after = toService(saved);
      await this.audit.record(m, { tenantId, action: 'service.update', entity: 'service', entityId: id, before, after });
      return after;
    });
  }

  /** `null` when the service is gone; the now inactive service when records still refer to it. */
  remove(id: string): Promise<Service | null> {
    const { tenantId } = getTenantContext();
    return this.db.tx(async (m) => {
      const before = toService(await this.lock(m, id));
      if ((await deleteOrDeactivate(m, ServiceEntity, id)) === 'deleted') {
        await this.audit.record(m, { tenantId, action: 'service.delete', entity: 'service', entityId: id, before });
        return null;
      }
      const after = { ...before, active: false };
      await this.audit.record(m, { tenantId, action: 'service.deactivate', entity: 'service', entityId: id, before, after });
      return after;
    });
  }

  private async lock(m: EntityManager, id: string): Promise<ServiceEntity> {
    const service = await m.findOne(ServiceEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!service) throw notFound('Service');
    return service;
  }
}
