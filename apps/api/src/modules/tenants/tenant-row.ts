import type { EntityManager } from 'typeorm';
import { TenantEntity } from './entities/tenant.entity';

/**
 * The tenant's row for one write in its transaction: read when a step first needs it (the
 * deposit or reminder settings), and at most once however many steps do. `known`: what the
 * caller's transaction read of the tenant already (the catalog), answered without reading.
 */
export class TenantRow {
  private read?: Promise<TenantEntity>;

  constructor(
    private readonly m: EntityManager,
    readonly id: string,
    private readonly known?: { cancellationNoticeHours: number },
  ) {}

  get(): Promise<TenantEntity> {
    return (this.read ??= this.m.findOneByOrFail(TenantEntity, { id: this.id }));
  }

  /** How long before a booking's start the customer may still change it, and cancel it on time. */
  async cancellationNoticeHours(): Promise<number> {
    return this.known?.cancellationNoticeHours ?? (await this.get()).cancellationNoticeHours;
  }
}
