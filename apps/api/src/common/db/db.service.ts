import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ChatLink, ChatOption, Locale, Role, Tenant, TenantStatus } from '@frontdesk/contracts';
import type { WhatsAppTemplate } from '../../modules/channels/messaging-channel';
import { getTenantContext } from '../tenancy/tenant-context';

/** What anyone may know of an active business: the fields of its public profile. */
export interface ActiveTenant {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  currency: string;
  locale: Locale;
}

/** What a login needs of the user with an email (`user_for_login`). */
export interface LoginCandidate {
  id: string;
  tenantId: string | null;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  /** Null for a super-admin. */
  tenantStatus: TenantStatus | null;
}

/** What the access guard checks of a token's user (`user_access`). */
export interface UserAccess {
  role: Role;
  tenantId: string | null;
  /** Null for a super-admin. */
  tenantStatus: TenantStatus | null;
}

/** A booking of some tenant on a sweeper's work list (`stale_holds`, `finished_bookings`, `unconfirmed_bookings_due`). */
export interface StaleHold {
  tenantId: string;
  id: string;
}

/** A Stripe webhook event as `record_stripe_event` stores it. */
export interface StripeEventRecord {
  id: string;
  type: string;
  account: string | null;
  tenantId: string | null;
  payload: object;
  outcome?: string | null;
}

/** A pending outbound message leased to this sender (`claim_outbox`), with what sending it needs. */
export interface ClaimedMessage {
  id: string;
  tenantId: string;
  /** Names this claim: the outcome is recorded only while the lease is still this one. */
  leaseId: string;
  channel: 'web' | 'sms' | 'whatsapp';
  body: string;
  options: ChatOption[] | null;
  attempts: number;
  phone: string;
  optedOut: boolean;
  tenantStatus: TenantStatus;
  smsNumber: string | null;
  whatsappPhoneNumberId: string | null;
  language: string | null;
  template: WhatsAppTemplate | null;
  link: ChatLink | null;
}

/** A calendar work item leased to this process: a staff member's busy refresh, or a booking's event write. */
export interface CalendarClaim {
  tenantId: string;
  /** The staff member (busy refresh) or the booking (event write). */
  id: string;
  /** The outcome is recorded only while the lease is still this one. */
  leaseId: string;
}

/** A due reminder claimed by this transaction (`claim_due_reminders`). */
export interface ClaimedReminder {
  id: string;
  tenantId: string;
}

/** How a tenant transaction runs (see `Db.asTenant`). */
export interface TenantTransactionOptions {
  customPlans?: boolean;
}

const SET_TENANT = `select set_config('app.tenant_id', $1, true)`;
const SET_TENANT_WITH_CUSTOM_PLANS = `select set_config('app.tenant_id', $1, true), set_config('plan_cache_mode', 'force_custom_plan', true)`;

/**
 * The only way application code reaches the database. The app connects as `frontdesk_app`,
 * a role that owns nothing and cannot switch to one that does, so row-level security applies
 * to every statement it sends: a transaction sees the rows of the tenant it names and nothing
 * else. What must cross tenants goes through the narrow SECURITY DEFINER functions below, one
 * method each; there is no switch that opens every policy.
 */
@Injectable()
export class Db {
  constructor(private readonly dataSource: DataSource) {}

  /** A transaction as the tenant of the current request. */
  async tx<T>(work: (m: EntityManager) => Promise<T>, options?: TenantTransactionOptions): Promise<T> {
    return this.asTenant(getTenantContext().tenantId, work, options);
  }

  /**
   * A transaction as an explicitly named tenant (public routes resolved by slug, webhooks, workers).
   * `customPlans`: its statements are planned for their values every time, never with a prepared
   * statement's generic plan (see `PreparingClient`): for reads whose best plan depends on them.
   */
  asTenant<T>(tenantId: string, work: (m: EntityManager) => Promise<T>, options: TenantTransactionOptions = {}): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      await m.query(options.customPlans ? SET_TENANT_WITH_CUSTOM_PLANS : SET_TENANT, [tenantId]);
      return work(m);
    });
  }

  /**
   * A transaction whose first statement, `enter`, names the tenant itself: it calls a SQL
   * function that sets `app.tenant_id` before it reads (`enter_conversation`), so naming the
   * tenant costs no round trip of its own. Until it has run, row-level security shows no rows.
   */
  enteredBy<E, T>(enter: (m: EntityManager) => Promise<E>, work: (m: EntityManager, entered: E) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => work(m, await enter(m)));
  }

  /** The public face of the active tenant with this slug, or null for an unknown or suspended one. */
  async activeTenantBySlug(slug: string): Promise<ActiveTenant | null> {
    const rows = await this.dataSource.query<ActiveTenant[]>('select * from active_tenant_by_slug($1)', [slug]);
    return rows[0] ?? null;
  }

  /** The tenant whose SMS number or WhatsApp phone number id this is (any status), or null: webhook routing. */
  async tenantForChannel(kind: 'sms' | 'whatsapp', address: string): Promise<{ id: string; status: TenantStatus } | null> {
    const rows = await this.dataSource.query<{ id: string; status: TenantStatus }[]>(
      'select id, status from tenant_for_channel($1, $2)',
      [kind, address],
    );
    return rows[0] ?? null;
  }

  /** `active`, `suspended`, or null for an unknown tenant. */
  async tenantStatus(tenantId: string): Promise<TenantStatus | null> {
    const rows = await this.dataSource.query<{ status: TenantStatus | null }[]>('select tenant_status($1) as status', [tenantId]);
    return rows[0]?.status ?? null;
  }

  /** The user signing in with this (lower-case) email, or null. */
  async userForLogin(email: string): Promise<LoginCandidate | null> {
    const rows = await this.dataSource.query<LoginCandidate[]>(
      `select id, tenant_id as "tenantId", email, name, role, password_hash as "passwordHash", tenant_status as "tenantStatus"
         from user_for_login($1)`,
      [email],
    );
    return rows[0] ?? null;
  }

  /** The role and tenant of the user with this id as they are now, or null when the user is gone. */
  async userAccess(userId: string): Promise<UserAccess | null> {
    const rows = await this.dataSource.query<UserAccess[]>(
      'select role, tenant_id as "tenantId", tenant_status as "tenantStatus" from user_access($1)',
      [userId],
    );
    return rows[0] ?? null;
  }

  /** Every tenant's identity and status, oldest first: the super-admin's list. */
  platformTenants(): Promise<Tenant[]> {
    return this.dataSource.query<Tenant[]>('select * from platform_tenants()');
  }

  /** Up to `batch` held bookings whose hold ran out, oldest first (payment windows: the payment sweeper). */
  staleHolds(batch: number): Promise<StaleHold[]> {
    return this.dataSource.query<StaleHold[]>('select tenant_id as "tenantId", id from stale_holds($1)', [batch]);
  }

  /** Bookings of any tenant whose payment window ended while they still wait for it (the payment sweeper's list). */
  lapsedPayments(limit: number): Promise<{ tenantId: string; bookingId: string }[]> {
    return this.dataSource.query('select tenant_id as "tenantId", booking_id as "bookingId" from lapsed_payments($1)', [limit]);
  }

  /** Payments of any tenant marked for a refund not yet made at Stripe (the refund worker's list). */
  refundsDue(limit: number): Promise<{ tenantId: string; paymentId: string }[]> {
    return this.dataSource.query('select tenant_id as "tenantId", payment_id as "paymentId" from refunds_due($1)', [limit]);
  }

  /** Confirmed bookings of any tenant that ended at or before `cutoff`, earliest first. */
  finishedBookings(cutoff: Date, batch: number): Promise<StaleHold[]> {
    return this.dataSource.query<StaleHold[]>('select tenant_id as "tenantId", id from finished_bookings($1, $2)', [
      cutoff,
      batch,
    ]);
  }

  /**
   * Confirmed bookings of any tenant starting after `startsAfter` and by `startsBy`, a reminder
   * sent and no confirmation from the customer, not yet rescored for their start; earliest first.
   */
  unconfirmedBookingsDue(startsAfter: Date, startsBy: Date, batch: number): Promise<StaleHold[]> {
    return this.dataSource.query<StaleHold[]>('select tenant_id as "tenantId", id from unconfirmed_bookings_due($1, $2, $3)', [
      startsAfter,
      startsBy,
      batch,
    ]);
  }

  /** Deletes every tenant's idempotency keys older than `maxAge` (a Postgres interval); returns how many. */
  async purgeIdempotencyKeys(maxAge: string): Promise<number> {
    const rows = await this.dataSource.query<{ purged: number }[]>('select purge_idempotency_keys($1::interval) as purged', [
      maxAge,
    ]);
    return rows[0]?.purged ?? 0;
  }

  /** The tenant whose connected Stripe account this is, or null: routing Connect webhook events. */
  async tenantForStripeAccount(account: string): Promise<string | null> {
    const rows = await this.dataSource.query<{ id: string | null }[]>('select tenant_for_stripe_account($1) as id', [account]);
    return rows[0]?.id ?? null;
  }

  /**
   * Records a Stripe webhook event by its id: true when it is new, false for an id seen before
   * (whoever it belonged to). Pass the tenant's transaction to record and handle an event
   * atomically (a failed handling then forgets it, and Stripe's retry is handled afresh); an
   * event of no tenant is recorded with its `outcome`, since nothing can update it afterwards.
   */
  async recordStripeEvent(event: StripeEventRecord, m?: EntityManager): Promise<boolean> {
    const rows = await (m ?? this.dataSource.manager).query<{ fresh: boolean }[]>(
      'select record_stripe_event($1, $2, $3, $4, $5, $6) as fresh',
      [event.id, event.type, event.account, event.tenantId, JSON.stringify(event.payload), event.outcome ?? null],
    );
    return rows[0]?.fresh === true;
  }

  /** Leases up to `batch` outbound messages due by `dueBefore` for `leaseSeconds`. */
  claimOutbox(dueBefore: Date, leaseSeconds: number, batch: number): Promise<ClaimedMessage[]> {
    return this.dataSource.query<ClaimedMessage[]>(
      `select id, tenant_id as "tenantId", lease_id as "leaseId", channel, body, options, attempts, phone,
              opted_out as "optedOut", tenant_status as "tenantStatus", sms_number as "smsNumber",
              whatsapp_phone_number_id as "whatsappPhoneNumberId", language, template, link
         from claim_outbox($1, $2, $3)`,
      [dueBefore, leaseSeconds, batch],
    );
  }

  /**
   * Claims up to `batch` reminders due by `dueBefore` in one transaction and runs `work` in it:
   * the rows stay locked (other dispatchers skip them) until it commits, and what `work` writes
   * commits with it or not at all. `work` acts as each reminder's tenant through `actAs`.
   */
  withDueReminders<T>(
    dueBefore: Date,
    batch: number,
    work: (claimed: ClaimedReminder[], m: EntityManager, actAs: (tenantId: string) => Promise<void>) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      const claimed = await m.query<ClaimedReminder[]>('select id, tenant_id as "tenantId" from claim_due_reminders($1, $2)', [
        dueBefore,
        batch,
      ]);
      const actAs = async (tenantId: string) => {
        await m.query(SET_TENANT, [tenantId]);
      };
      return work(claimed, m, actAs);
    });
  }

  /**
   * Applies a delivery report to the message with this provider id, only where it moves it
   * forward (`replaceable`: the statuses the report may replace); one that arrives before the
   * send is recorded is kept for `takeEarlyDeliveryStatus`.
   */
  async recordDeliveryStatus(
    kind: 'sms' | 'whatsapp',
    providerMessageId: string,
    reported: string,
    replaceable: string[],
  ): Promise<'updated' | 'unchanged' | 'kept'> {
    const rows = await this.dataSource.query<{ outcome: 'updated' | 'unchanged' | 'kept' }[]>(
      'select record_delivery_status($1, $2, $3, $4) as outcome',
      [kind, providerMessageId, reported, replaceable],
    );
    return rows[0].outcome;
  }

  /** The delivery report that arrived before this send was recorded, if any (removed as taken); in the caller's transaction. */
  async takeEarlyDeliveryStatus(m: EntityManager, kind: 'sms' | 'whatsapp', providerMessageId: string): Promise<string | null> {
    const rows = await m.query<{ status: string | null }[]>('select take_early_delivery_status($1, $2) as status', [
      kind,
      providerMessageId,
    ]);
    return rows[0]?.status ?? null;
  }

  /** Deletes delivery reports kept longer than `maxAge` (a Postgres interval) for a send never recorded; returns how many. */
  async purgeEarlyDeliveryStatuses(maxAge: string): Promise<number> {
    const rows = await this.dataSource.query<{ purged: number }[]>(
      'select purge_early_delivery_statuses($1::interval) as purged',
      [maxAge],
    );
    return rows[0]?.purged ?? 0;
  }

  /** The tenant and staff member of a calendar feed token id, or null (unknown, rotated, or a suspended business). */
  async calendarFeedByToken(tokenId: string): Promise<{ tenantId: string; staffId: string } | null> {
    const rows = await this.dataSource.query<{ tenantId: string; staffId: string }[]>(
      'select tenant_id as "tenantId", staff_id as "staffId" from calendar_feed_by_token($1)',
      [tokenId],
    );
    return rows[0] ?? null;
  }

  /** Google connections whose busy refresh is due, each leased to this caller for `leaseSeconds`. */
  async claimGoogleSyncs(leaseSeconds: number, batch: number): Promise<CalendarClaim[]> {
    return this.dataSource.query<CalendarClaim[]>(
      'select tenant_id as "tenantId", staff_id as "id", lease_id as "leaseId" from claim_google_syncs($1, $2)',
      [leaseSeconds, batch],
    );
  }

  /** Pending calendar event writes (one per booking), each leased to this caller for `leaseSeconds`. */
  async claimCalendarEventJobs(leaseSeconds: number, batch: number): Promise<CalendarClaim[]> {
    return this.dataSource.query<CalendarClaim[]>(
      'select tenant_id as "tenantId", booking_id as "id", lease_id as "leaseId" from claim_calendar_event_jobs($1, $2)',
      [leaseSeconds, batch],
    );
  }

  /** Every tenant's pending outbound messages, and the age of the oldest (metrics). */
  async outboxStats(): Promise<{ pending: number; oldestAgeSeconds: number }> {
    const rows = await this.dataSource.query<{ pending: number; oldestAgeSeconds: number }[]>(
      'select pending, oldest_age_seconds as "oldestAgeSeconds" from outbox_stats()',
    );
    return rows[0];
  }

  async ping(): Promise<void> {
    await this.dataSource.query('select 1');
  }
}
