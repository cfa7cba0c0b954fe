import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TenantEntity } from '../tenants/entities/tenant.entity';
import type { GatewayEvent } from './payment-gateway';

/**
 * What each Stripe event does to one tenant's data. Runs inside the tenant's transaction that
 * also recorded the event, so an event is either recorded and handled, or neither (and Stripe's
 * retry handles it afresh). Handlers must be safe in any order and must not call the network:
 * whatever needs Stripe afterwards (a refund) is decided here, recorded, and done after commit.
 * Each returns the outcome stored with the event ("charges enabled", "ignored: …").
 */
@Injectable()
export class StripeEventsService {
  handle(m: EntityManager, tenantId: string, event: GatewayEvent): Promise<string> {
    switch (event.type) {
      case 'account.updated':
        return this.accountUpdated(m, tenantId, event);
      default:
        return Promise.resolve(`ignored: ${event.type} is not used`);
    }
  }

  /** The connected account's `charges_enabled` decides whether deposits go to it (`mode: connect`). */
  private async accountUpdated(m: EntityManager, tenantId: string, event: GatewayEvent): Promise<string> {
    const account = event.object;
    if (account.object !== 'account' || typeof account.id !== 'string') return 'ignored: the event carries no account';
    // Stripe does not deliver in order: an older snapshot must not undo a newer one.
    const [newer] = await m.query<unknown[]>(
      `select 1 from stripe_events
        where tenant_id = $1 and type = 'account.updated' and account = $2 and id <> $3
          and (payload->>'created')::bigint > $4 and outcome not like 'ignored%'
        limit 1`,
      [tenantId, account.id, event.id, event.created],
    );
    if (newer) return 'ignored: a newer account.updated was applied';
    const chargesEnabled = account.charges_enabled === true;
    const result = await m.update(
      TenantEntity,
      { id: tenantId, stripeAccountId: account.id },
      { stripeChargesEnabled: chargesEnabled },
    );
    if (!result.affected) return `ignored: ${account.id} is not this business's connected account`;
    return chargesEnabled ? 'charges enabled' : 'charges disabled';
  }
}
