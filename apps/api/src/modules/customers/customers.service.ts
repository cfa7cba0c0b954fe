import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Booking, Customer, CustomerDetail, CustomerList } from '@frontdesk/contracts';
import { Db } from '../../common/db/db.service';
import type { Statement } from '../../common/db/statement';
import { notFound, validationFailed } from '../../common/errors/app-error';
import { normalisePhone } from '../../common/phone';
import { getTenantContext } from '../../common/tenancy/tenant-context';
import { RemindersService } from '../reminders/reminders.service';
import { AuditService } from '../audit/audit.service';
import { BookingsRepository } from '../bookings/bookings.repository';
import type { ListCustomersQuery, UpdateCustomerDto } from './dto/customer.dto';
import { CustomerEntity } from './entities/customer.entity';

export const toCustomer = (c: CustomerEntity): Customer => ({
  id: c.id,
  name: c.name,
  phone: c.phone,
  email: c.email,
  language: c.language,
  notes: c.notes,
  visitCount: c.visitCount,
  cancellationCount: c.cancellationCount,
  noShowCount: c.noShowCount,
  lateCancelCount: c.lateCancelCount,
  completedCount: c.visitCount,
  optedOut: c.optedOut,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

export interface CustomerInput {
  name?: string | null;
  phone: string;
  email?: string | null;
}

/** A customer is one phone number per tenant, whatever the channel. */
@Injectable()
export class CustomersService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly bookings: BookingsRepository,
    private readonly reminders: RemindersService,
  ) {}

  list(query: ListCustomersQuery): Promise<CustomerList> {
    return this.db.tx(async (m) => {
      const qb = m.createQueryBuilder(CustomerEntity, 'c').orderBy('c.name', 'ASC', 'NULLS LAST').addOrderBy('c.phone');
      const search = query.search?.trim();
      if (search) {
        const digits = search.replace(/\D/g, '');
        qb.where('c.name ilike :name', { name: `%${search.replace(/[%_\\]/g, '\\$&')}%` });
        if (digits.length >= 3) qb.orWhere('c.phone like :phone', { phone: `%${digits}%` });
      }
      const [rows, total] = await qb
        .take(query.limit ?? 50)
        .skip(query.offset ?? 0)
        .getManyAndCount();
      return { items: rows.map(toCustomer), total };
    });
  }

  get(id: string): Promise<CustomerDetail> {
    return this.db.tx(async (m) => {
      const customer = await m.findOne(CustomerEntity, { where: { id } });
      if (!customer) throw notFound('Customer');
      return { ...toCustomer(customer), bookings: await this.bookings.ofCustomer(m, id) };
    });
  }

  update(id: string, dto: UpdateCustomerDto): Promise<Customer> {
    return this.db.tx(async (m) => {
      const customer = await m.findOne(CustomerEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!customer) throw notFound('Customer');
      const before = toCustomer(customer);
      if (dto.name !== undefined) customer.name = dto.name.trim() || null;
      if (dto.email !== undefined) customer.email = dto.email?.trim().toLowerCase() || null;
      if (dto.notes !== undefined) customer.notes = dto.notes;
      if (dto.optedOut !== undefined) customer.optedOut = dto.optedOut;
      if (dto.optedOut === true) await this.reminders.dropForCustomer(m, id);
      const after = toCustomer(await m.save(customer));
      await this.audit.record(m, {
        tenantId: getTenantContext().tenantId,
        action: 'customer.update',
        entity: 'customer',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  /**
   * Finds or creates the customer by normalised phone. `keepRecord`: an existing customer's name
   * and email stay as they are (a public endpoint cannot tell who typed them); otherwise they
   * are brought up to date with what was given.
   */
  async upsert(
    m: EntityManager,
    tenant: { id: string; country: string },
    input: CustomerInput,
    options: { keepRecord?: boolean } = {},
  ): Promise<Booking['customer']> {
    const phone = this.normalise(input.phone, tenant.country);
    // ON CONFLICT keeps two first bookings from one new number from racing into a duplicate.
    const [customer] = await m.query<Booking['customer'][]>(
      `insert into customers (tenant_id, phone, name, email) values ($1, $2, $3, $4)
       on conflict (tenant_id, phone) do update
         set name = case when $5 then customers.name else coalesce(excluded.name, customers.name) end,
             email = case when $5 then customers.email else coalesce(excluded.email, customers.email) end,
             updated_at = case when $5 then customers.updated_at else now() end
       returning id, name, phone, email`,
      [tenant.id, phone, input.name?.trim() || null, input.email?.trim().toLowerCase() || null, options.keepRecord ?? false],
    );
    return customer;
  }

  normalise(phone: string, country: string, field = 'customer.phone'): string {
    const normalised = normalisePhone(phone, country);
    if (!normalised) throw validationFailed([`${field}: ${phone} is not a valid phone number`]);
    return normalised;
  }

  async adjustCounts(m: EntityManager, customerId: string, deltas: CountDeltas): Promise<void> {
    const update = countsUpdate(customerId, deltas);
    if (update) await m.query(...update);
  }
}

export interface CountDeltas {
  visits: number;
  cancellations: number;
  noShows: number;
  lateCancels: number;
}

/** The statement moving the customer's counts by `deltas`; undefined when none moves. */
export function countsUpdate(customerId: string, deltas: CountDeltas): Statement | undefined {
  if (!deltas.visits && !deltas.cancellations && !deltas.noShows && !deltas.lateCancels) return undefined;
  return [
    `update customers set visit_count = visit_count + $2, cancellation_count = cancellation_count + $3,
            no_show_count = no_show_count + $4, late_cancel_count = late_cancel_count + $5, updated_at = now()
      where id = $1`,
    [customerId, deltas.visits, deltas.cancellations, deltas.noShows, deltas.lateCancels],
  ];
}
