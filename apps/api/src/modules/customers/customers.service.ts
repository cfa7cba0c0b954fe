import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { validationFailed } from '../../common/errors/app-error';
import { normalisePhone } from '../../common/phone';
import { CustomerEntity } from './entities/customer.entity';

export interface CustomerInput {
  name?: string | null;
  phone: string;
  email?: string | null;
}

/** A customer is one phone number per tenant, whatever the channel. */
@Injectable()
export class CustomersService {
  /** Finds or creates the customer by normalised phone, keeping their name and email up to date. */
  async upsert(m: EntityManager, tenant: { id: string; country: string }, input: CustomerInput): Promise<CustomerEntity> {
    const phone = this.normalise(input.phone, tenant.country);
    // ON CONFLICT keeps two first bookings from one new number from racing into a duplicate.
    const rows: Record<string, unknown>[] = await m.query(
      `insert into customers (tenant_id, phone, name, email) values ($1, $2, $3, $4)
       on conflict (tenant_id, phone) do update
         set name = coalesce(excluded.name, customers.name),
             email = coalesce(excluded.email, customers.email),
             updated_at = now()
       returning id`,
      [tenant.id, phone, input.name?.trim() || null, input.email?.trim().toLowerCase() || null],
    );
    return m.findOneOrFail(CustomerEntity, { where: { id: rows[0].id as string } });
  }

  normalise(phone: string, country: string, field = 'customer.phone'): string {
    const normalised = normalisePhone(phone, country);
    if (!normalised) throw validationFailed([`${field}: ${phone} is not a valid phone number`]);
    return normalised;
  }

  async adjustCounts(m: EntityManager, customerId: string, deltas: { visits: number; cancellations: number; noShows: number }): Promise<void> {
    if (!deltas.visits && !deltas.cancellations && !deltas.noShows) return;
    await m.query(
      `update customers set visit_count = visit_count + $2, cancellation_count = cancellation_count + $3,
              no_show_count = no_show_count + $4, updated_at = now()
        where id = $1`,
      [customerId, deltas.visits, deltas.cancellations, deltas.noShows],
    );
  }
}
