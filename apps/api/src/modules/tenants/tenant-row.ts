import type { EntityManager } from 'typeorm';
import { TenantEntity } from './entities/tenant.entity';

/** What a booking write reads of its tenant: the catalog (`tenant_catalog()`) carries all of it. */
export type TenantSettings = Pick<
  TenantEntity,
  'id' | 'timezone' | 'currency' | 'cancellationNoticeHours' | 'depositSettings' | 'reminderSettings'
>;

/**
 * The tenant's settings for one write in its transaction: read when a step first needs them (the
 * deposit or reminder settings, the cancellation notice), and at most once however many steps do.
 * `known`: what the caller's transaction read of the tenant already (the catalog), answered
 * without reading.
 */
export class TenantRow {
  private read?: Promise<TenantSettings>;

  constructor(
    private readonly m: EntityManager,
    readonly id: string,
    private readonly known?: TenantSettings,
  ) {}

  get(): Promise<TenantSettings> {
    return (this.read ??= this.known ? Promise.resolve(this.known) : this.m.findOneByOrFail(TenantEntity, { id: this.id }));
  }

  /** How long before a booking's start the customer may still change it, and cancel it on time. */
  async cancellationNoticeHours(): Promise<number> {
    return (await this.get()).cancellationNoticeHours;
  }
}
