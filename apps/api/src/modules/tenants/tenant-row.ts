import type { EntityManager } from 'typeorm';
import { TenantEntity } from './entities/tenant.entity';

/**
 * The tenant's row for one write in its transaction: read when a step first needs it (the
 * notice period, deposit or reminder settings), and at most once however many steps do.
 */
export class TenantRow {
  private read?: Promise<TenantEntity>;

  constructor(
    private readonly m: EntityManager,
    readonly id: string,
  ) {}

  get(): Promise<TenantEntity> {
    return (this.read ??= this.m.findOneByOrFail(TenantEntity, { id: this.id }));
  }
}
