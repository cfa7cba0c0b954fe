import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { Db } from '../../common/db/db.service';
import { AppError } from '../../common/errors/app-error';
import { type ChannelRoute, RouteChanged } from '../conversations/conversation.repository';
import type { PushChannel } from './messaging-channel';

export interface RoutedTenant {
  id: string;
  status: string;
}

/** The contract: a suspended business's webhooks stop taking messages, with a 4xx and a clear message. */
export const tenantSuspended = () => new AppError(403, 'tenant_suspended', 'This business is not taking messages right now');

/** Provider addresses whose business is remembered at once; the least recently used go first. */
const MAX_REMEMBERED_ROUTES = 10_000;

/**
 * Webhooks name a provider number, not a tenant: this finds the business it belongs to. The
 * business of an address is remembered once found active, so a customer's message costs no
 * round trip for it; the message's own transaction checks that the address still leads there,
 * active (`route` given to `take`), and when it no longer does the address is read afresh and
 * `take` runs again — nothing of the first attempt was kept.
 */
@Injectable()
export class ChannelRouting {
  private readonly remembered = new LRUCache<string, string>({ max: MAX_REMEMBERED_ROUTES });

  constructor(private readonly db: Db) {}

  /**
   * `take` for the business of this address: null when none has it, any status; `route` when the
   * business was remembered, to be checked by the transaction (`RouteChanged` when it fails).
   */
  async withTenant<T>(
    kind: PushChannel,
    address: string,
    take: (tenant: RoutedTenant | null, route?: ChannelRoute) => Promise<T>,
  ): Promise<T> {
    const key = `${kind}:${address}`;
    const remembered = this.remembered.get(key);
    if (remembered) {
      try {
        return await take({ id: remembered, status: 'active' }, { kind, address });
      } catch (error) {
        if (!(error instanceof RouteChanged)) throw error;
        this.remembered.delete(key);
      }
    }
    // tenant_for_channel is the narrow SECURITY DEFINER lookup, the reviewed path for webhook
    // routing: it sees one tenant's id and status, in one round trip, without a cross-tenant transaction.
    const tenant = await this.db.tenantForChannel(kind, address);
    if (tenant?.status === 'active') this.remembered.set(key, tenant.id);
    return take(tenant);
  }
}
