import { Injectable } from '@nestjs/common';
import { Db } from '../../common/db/db.service';
import { AppError } from '../../common/errors/app-error';
import type { PushChannel } from './messaging-channel';

export interface RoutedTenant {
  id: string;
  status: string;
}

/** The contract: a suspended business's webhooks stop taking messages, with a 4xx and a clear message. */
export const tenantSuspended = () => new AppError(403, 'tenant_suspended', 'This business is not taking messages right now');

/** Webhooks name a provider number, not a tenant: this finds the business it belongs to. */
@Injectable()
export class ChannelRouting {
  constructor(private readonly db: Db) {}

  /** The tenant whose SMS number or WhatsApp phone number id this is (any status), or null. */
  tenantFor(kind: PushChannel, address: string): Promise<RoutedTenant | null> {
    // tenant_for_channel is the narrow SECURITY DEFINER lookup, the reviewed path for webhook
    // routing: it sees one tenant's id and status, in one round trip, without a cross-tenant transaction.
    return this.db.tenantForChannel(kind, address);
  }
}
