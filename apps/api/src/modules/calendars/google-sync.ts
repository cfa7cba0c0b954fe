import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type InstantRange, subtractRanges } from '@frontdesk/scheduling';
import { ACTIVE_BOOKING_STATUSES, isActiveStatus } from '@frontdesk/policies';
import type { BookingStatus } from '@frontdesk/contracts';
import { type CalendarClaim, Db } from '../../common/db/db.service';
import {
  type CalendarSession,
  classifyGoogleError,
  describeGoogleError,
  eventIdFor,
  type GoogleCalendarClient,
  type GoogleTokens,
} from './google-calendar.client';
import { GOOGLE_CALENDAR } from './google-calendar.provider';
import { TokenCipher } from './token-cipher';

/** Busy times are read again at least this often. */
export const BUSY_REFRESH_MS = 5 * 60_000;
/** A claimed piece of work is this process's for this long; a crashed process's work is taken up after it. */
export const CALENDAR_LEASE_SECONDS = 120;
/** An event write retried this many times without success is given up (the error stays on the row). */
const MAX_EVENT_ATTEMPTS = 10;
const DAY_MS = 86_400_000;

/** Retries of a failed call wait 10 s, 20 s, 40 s, … (doubling up to 2^9 × this). */
const RETRY_BASE_SECONDS = 10;

interface Connection {
  staffId: string;
  status: 'connected' | 'disconnected' | 'error';
  tokens: Buffer | null;
}

interface EventWork {
  booking: {
    status: BookingStatus;
    staffId: string;
    start: Date;
    end: Date;
    sequence: number;
    service: string;
    customerName: string | null;
    busyOnly: boolean;
  };
  writtenStaffId: string | null;
  connections: Connection[];
}

/**
 * The two directions of Google Calendar sync, each a leased piece of work: a staff member's
 * busy times in (`refreshBusy`), a booking's event out (`writeEvent`). Google is called between
 * two short transactions, never inside one; the outcome is recorded only while the lease holds.
 * Nothing here ever changes a booking: Frontdesk's own book stays the truth.
 */
@Injectable()
export class GoogleSync {
  private readonly logger = new Logger(GoogleSync.name);

  constructor(
    private readonly db: Db,
    private readonly cipher: TokenCipher,
    @Inject(GOOGLE_CALENDAR) private readonly google: GoogleCalendarClient | null,
  ) {}

  /** Reads the staff member's busy times for the bookable horizon and stores them, less Frontdesk's own events. */
  async refreshBusy(claim: CalendarClaim, now = new Date()): Promise<void> {
    const loaded = await this.db.asTenant(claim.tenantId, async (m) => {
      const [row] = await m.query<{ tokens: Buffer | null; status: string; maxAdvanceDays: number }[]>(
        `select g.tokens, g.status, t.max_advance_days as "maxAdvanceDays"
           from google_connections g join tenants t on t.id = g.tenant_id
          where g.staff_id = $1 and g.lease_id = $2`,
        [claim.id, claim.leaseId],
      );
      return row;
    });
    if (!loaded?.tokens || loaded.status === 'disconnected' || !this.google) return;
    const session = this.google.session(this.tokensOf(loaded.tokens));
    // Today and the days bookable after it, with a day of margin for zones ahead of UTC.
    const horizon = { start: now, end: new Date(now.getTime() + (loaded.maxAdvanceDays + 2) * DAY_MS) };
    let busy: InstantRange[];
    try {
      busy = await session.busy(horizon.start, horizon.end);
    } catch (error) {
      await this.recordSyncFailure(claim, session, error);
      return;
    }
    await this.db.asTenant(claim.tenantId, async (m) => {
      const own = await m.query<{ start: Date; end: Date }[]>(
        `select lower(j.written_range) as start, upper(j.written_range) as "end" from calendar_event_jobs j
          where j.written_staff_id = $1 and j.written_range && tstzrange($2, $3, '[)')`,
        [claim.id, horizon.start, horizon.end],
      );
      const updated = await m.query<unknown[]>(
        `with synced as (
           update google_connections set status = 'connected', last_sync_at = now(), last_error = null, sync_failures = 0,
                  sync_due_at = now() + make_interval(secs => $3), lease_id = null, leased_until = null,
                  tokens = coalesce($4, tokens), updated_at = now()
            where staff_id = $1 and lease_id = $2 and status <> 'disconnected' returning 1)
         select 1 from synced`,
        [claim.id, claim.leaseId, BUSY_REFRESH_MS / 1000, this.sealedRefresh(session)],
      );
      if (!updated.length) return;
      await m.query(`delete from external_busy where staff_id = $1`, [claim.id]);
      const ranges = subtractRanges(busy, own);
      if (ranges.length) {
        await m.query(
          `insert into external_busy (tenant_id, staff_id, busy)
           select app_tenant_id(), $1, tstzrange(s, e, '[)') from unnest($2::timestamptz[], $3::timestamptz[]) as r(s, e)`,
          [claim.id, ranges.map((r) => r.start), ranges.map((r) => r.end)],
        );
      }
    });
  }

  /** Brings the booking's Google event in line with the booking: written, moved, or deleted. */
  async writeEvent(claim: CalendarClaim): Promise<void> {
    const work = await this.db.asTenant(claim.tenantId, (m) => this.eventWork(m, claim));
    if (!work) return;
    const { booking } = work;
    const sessions = new Map<string, CalendarSession>();
    const sessionFor = (staffId: string): CalendarSession | null => {
      const connection = work.connections.find((c) => c.staffId === staffId);
      if (!this.google || !connection?.tokens || connection.status === 'disconnected') return null;
      let session = sessions.get(staffId);
      if (!session) sessions.set(staffId, (session = this.google.session(this.tokensOf(connection.tokens))));
      return session;
    };
    const eventId = eventIdFor(claim.id);
    const target = isActiveStatus(booking.status) && sessionFor(booking.staffId) ? booking.staffId : null;
    let written = work.writtenStaffId;
    let failingStaff: string | null = null;
    try {
      if (written && written !== target) {
        failingStaff = written;
        // A calendar that is no longer connected cannot be reached: its event stays there.
        await sessionFor(written)?.remove(eventId);
        written = null;
      }
      if (target) {
        failingStaff = target;
        const summary = booking.busyOnly ? 'Busy' : [booking.service, booking.customerName].filter(Boolean).join(' — ');
        await sessionFor(target)!.upsert(
          {
            id: eventId,
            summary,
            description: booking.busyOnly ? null : 'Booked in Frontdesk',
            start: booking.start,
            end: booking.end,
          },
          written === target,
        );
        written = target;
      }
    } catch (error) {
      await this.recordEventFailure(claim, written, failingStaff!, sessions, error);
      return;
    }
    await this.db.asTenant(claim.tenantId, async (m) => {
      await m.query(
        `update calendar_event_jobs j
            set written_staff_id = $3, written_range = case when $3::uuid is null then null else tstzrange($4, $5, '[)') end,
                pending = b.calendar_sequence <> $6, due_at = now(), attempts = 0, last_error = null, lease_id = null, leased_until = null
           from bookings b
          where j.booking_id = $1 and j.lease_id = $2 and b.tenant_id = j.tenant_id and b.id = j.booking_id`,
        [claim.id, claim.leaseId, written, booking.start, booking.end, booking.sequence],
      );
      await this.storeRefreshed(m, sessions);
    });
  }

  /** Queues every booking whose event in this staff member's calendar may need writing (after a connect). */
  async requeueFor(m: EntityManager, staffId: string): Promise<void> {
    await m.query(
      `insert into calendar_event_jobs (tenant_id, booking_id)
       select b.tenant_id, b.id from bookings b
        where b.staff_id = $1 and b.status = any($2) and b.end_at > now()
       on conflict (tenant_id, booking_id) do update set pending = true, due_at = now(), attempts = 0`,
      [staffId, ACTIVE_BOOKING_STATUSES],
    );
    await m.query(`update calendar_event_jobs set pending = true, due_at = now(), attempts = 0 where written_staff_id = $1`, [
      staffId,
    ]);
  }

  /** Drops the grant: no tokens, no busy times (availability falls back to Frontdesk's own book). */
  async markDisconnected(m: EntityManager, staffId: string, reason: string | null): Promise<void> {
    await m.query(
      `update google_connections set status = 'disconnected', tokens = null, last_error = $2, lease_id = null, leased_until = null,
              updated_at = now() where staff_id = $1`,
      [staffId, reason],
    );
    await m.query(`delete from external_busy where staff_id = $1`, [staffId]);
  }

  tokensOf(sealed: Buffer): GoogleTokens {
    return JSON.parse(this.cipher.decrypt(sealed)) as GoogleTokens;
  }

  seal(tokens: GoogleTokens): Buffer {
    return this.cipher.encrypt(JSON.stringify(tokens));
  }

  private async eventWork(m: EntityManager, claim: CalendarClaim): Promise<EventWork | null> {
    const [row] = await m.query<(EventWork['booking'] & { writtenStaffId: string | null })[]>(
      `select b.status, b.staff_id as "staffId", b.start_at as start, b.end_at as "end", b.calendar_sequence as sequence,
              sv.name as service, coalesce(b.customer_name, c.name) as "customerName",
              coalesce(f.busy_only, false) as "busyOnly", j.written_staff_id as "writtenStaffId"
         from calendar_event_jobs j
         join bookings b on b.tenant_id = j.tenant_id and b.id = j.booking_id
         join services sv on sv.tenant_id = b.tenant_id and sv.id = b.service_id
         join customers c on c.tenant_id = b.tenant_id and c.id = b.customer_id
         left join calendar_feeds f on f.tenant_id = b.tenant_id and f.staff_id = b.staff_id
        where j.booking_id = $1 and j.lease_id = $2`,
      [claim.id, claim.leaseId],
    );
    if (!row) return null;
    const { writtenStaffId, ...booking } = row;
    const connections = await m.query<Connection[]>(
      `select staff_id as "staffId", status, tokens from google_connections where staff_id = any($1::uuid[])`,
      [[booking.staffId, writtenStaffId].filter(Boolean)],
    );
    return { booking, writtenStaffId, connections };
  }

  private async recordEventFailure(
    claim: CalendarClaim,
    written: string | null,
    staffId: string,
    sessions: Map<string, CalendarSession>,
    error: unknown,
  ): Promise<void> {
    const kind = classifyGoogleError(error);
    const reason = describeGoogleError(error);
    this.logger.warn(`Calendar event of booking ${claim.id} not written (${kind}): ${reason}`);
    await this.db.asTenant(claim.tenantId, async (m) => {
      if (kind === 'invalid_grant') {
        // Nothing more can be written there until the staff member connects again, which requeues this booking.
        await this.markDisconnected(m, staffId, `Google refused the grant (${reason}); connect again`);
        await m.query(
          `update calendar_event_jobs set pending = false, written_staff_id = $3, written_range = case when $3::uuid is null then null else written_range end,
                  last_error = $4, lease_id = null, leased_until = null where booking_id = $1 and lease_id = $2`,
          [claim.id, claim.leaseId, written, reason],
        );
      } else {
        await m.query(
          `update calendar_event_jobs set attempts = attempts + 1, pending = attempts + 1 < $4,
                  due_at = now() + make_interval(secs => $3::double precision * 2 ^ least(attempts, 9)),
                  written_staff_id = $5, written_range = case when $5::uuid is null then null else written_range end,
                  last_error = $6, lease_id = null, leased_until = null
            where booking_id = $1 and lease_id = $2`,
          [claim.id, claim.leaseId, RETRY_BASE_SECONDS, MAX_EVENT_ATTEMPTS, written, reason],
        );
      }
      await this.storeRefreshed(m, sessions);
    });
  }

  private async recordSyncFailure(claim: CalendarClaim, session: CalendarSession, error: unknown): Promise<void> {
    const kind = classifyGoogleError(error);
    const reason = describeGoogleError(error);
    this.logger.warn(`Busy times of staff member ${claim.id} not read (${kind}): ${reason}`);
    await this.db.asTenant(claim.tenantId, async (m) => {
      const [held] = await m.query<unknown[]>(
        `select 1 from google_connections where staff_id = $1 and lease_id = $2 for update`,
        [claim.id, claim.leaseId],
      );
      if (!held) return;
      if (kind === 'invalid_grant') {
        await this.markDisconnected(m, claim.id, `Google refused the grant (${reason}); connect again`);
        return;
      }
      // The busy times last read stay: a stale picture of the calendar beats none.
      await m.query(
        `update google_connections set status = 'error', last_error = $2, sync_failures = sync_failures + 1,
                sync_due_at = now() + make_interval(secs => $3::double precision * 2 ^ least(sync_failures, 9)),
                lease_id = null, leased_until = null, tokens = coalesce($4, tokens), updated_at = now()
          where staff_id = $1`,
        [claim.id, reason, RETRY_BASE_SECONDS, this.sealedRefresh(session)],
      );
    });
  }

  private sealedRefresh(session: CalendarSession): Buffer | null {
    const refreshed = session.refreshedTokens();
    return refreshed && this.seal(refreshed);
  }

  private async storeRefreshed(m: EntityManager, sessions: Map<string, CalendarSession>): Promise<void> {
    for (const [staffId, session] of sessions) {
      const sealed = this.sealedRefresh(session);
      if (sealed) {
        await m.query(
          `update google_connections set tokens = $2, updated_at = now() where staff_id = $1 and tokens is not null`,
          [staffId, sealed],
        );
      }
    }
  }
}
