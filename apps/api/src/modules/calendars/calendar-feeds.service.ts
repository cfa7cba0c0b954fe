import { Inject, Injectable } from '@nestjs/common';
import ical from 'ical-generator';
import type { EntityManager } from 'typeorm';
import type { CalendarFeed } from '@frontdesk/contracts';
import { ACTIVE_BOOKING_STATUSES } from '@frontdesk/policies';
import { Db } from '../../common/db/db.service';
import { notFound } from '../../common/errors/app-error';
import { getTenantContext } from '../../common/tenancy/tenant-context';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { AuditService } from '../audit/audit.service';
import { SignedTokens } from './signed-tokens';

/** How often calendar apps are asked to fetch the feed again (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
export const FEED_REFRESH_SECONDS = 15 * 60;
/** The feed lists bookings from this long ago on. */
const FEED_PAST_DAYS = 30;

interface FeedRow {
  tokenId: string;
  busyOnly: boolean;
}

interface FeedBooking {
  id: string;
  start: Date;
  end: Date;
  sequence: number;
  updatedAt: Date;
  service: string;
  customerName: string | null;
}

/**
 * Each staff member's secret ICS feed. The URL carries a token id and its HMAC: the database
 * alone cannot rebuild a URL, and a new token id (POST) makes the old URL answer 404.
 */
@Injectable()
export class CalendarFeedsService {
  constructor(
    private readonly db: Db,
    private readonly tokens: SignedTokens,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get(staffId: string): Promise<CalendarFeed> {
    return this.db.tx(async (m) => this.view(await this.feedOf(m, staffId)));
  }

  regenerate(staffId: string): Promise<CalendarFeed> {
    return this.db.tx(async (m) => {
      await this.feedOf(m, staffId);
      const [row] = await m.query<FeedRow[]>(
        `with fresh as (update calendar_feeds set token_id = gen_random_uuid(), updated_at = now() where staff_id = $1 returning *)
         select token_id as "tokenId", busy_only as "busyOnly" from fresh`,
        [staffId],
      );
      await this.audit.record(m, {
        tenantId: getTenantContext().tenantId,
        action: 'calendar_feed.regenerate',
        entity: 'staff',
        entityId: staffId,
      });
      return this.view(row);
    });
  }

  setBusyOnly(staffId: string, busyOnly: boolean): Promise<CalendarFeed> {
    return this.db.tx(async (m) => {
      const before = await this.feedOf(m, staffId);
      const [row] = await m.query<FeedRow[]>(
        `with changed as (update calendar_feeds set busy_only = $2, updated_at = now() where staff_id = $1 returning *)
         select token_id as "tokenId", busy_only as "busyOnly" from changed`,
        [staffId, busyOnly],
      );
      await this.audit.record(m, {
        tenantId: getTenantContext().tenantId,
        action: 'calendar_feed.update',
        entity: 'staff',
        entityId: staffId,
        before: { busyOnly: before.busyOnly },
        after: { busyOnly },
      });
      return this.view(row);
    });
  }

  /** The feed's ICS text, or 404 for a token that is not (or no longer) a feed's. */
  async ics(token: string, now: Date): Promise<string> {
    const tokenId = this.tokens.feedTokenId(token);
    const feed = tokenId && (await this.db.calendarFeedByToken(tokenId));
    if (!feed) throw notFound('Calendar feed');
    return this.db.asTenant(feed.tenantId, async (m) => {
      const [owner] = await m.query<{ business: string; staff: string; busyOnly: boolean }[]>(
        `select t.name as business, s.name as staff, f.busy_only as "busyOnly"
           from calendar_feeds f join staff s on s.tenant_id = f.tenant_id and s.id = f.staff_id
           join tenants t on t.id = f.tenant_id
          where f.staff_id = $1`,
        [feed.staffId],
      );
      const bookings = await m.query<FeedBooking[]>(
        `select b.id, b.start_at as start, b.end_at as "end", b.calendar_sequence as sequence, b.updated_at as "updatedAt",
                sv.name as service, coalesce(b.customer_name, c.name) as "customerName"
           from bookings b
           join services sv on sv.tenant_id = b.tenant_id and sv.id = b.service_id
           join customers c on c.tenant_id = b.tenant_id and c.id = b.customer_id
          where b.staff_id = $1 and b.status = any($2) and b.end_at >= $3
          order by b.start_at, b.id`,
        [feed.staffId, ACTIVE_BOOKING_STATUSES, new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000)],
      );
      const calendar = ical({
        name: `${owner.staff} — ${owner.business}`,
        prodId: { company: 'Frontdesk', product: 'Frontdesk', language: 'EN' },
        ttl: FEED_REFRESH_SECONDS,
      });
      for (const booking of bookings) {
        calendar.createEvent({
          id: `${booking.id}@frontdesk`,
          sequence: booking.sequence,
          stamp: booking.updatedAt,
          start: booking.start,
          end: booking.end,
          summary: owner.busyOnly ? 'Busy' : [booking.service, booking.customerName].filter(Boolean).join(' — '),
        });
      }
      return calendar.toString();
    });
  }

  /** The staff member's feed, made on first use; 404 for a staff member of no (or another) tenant. */
  private async feedOf(m: EntityManager, staffId: string): Promise<FeedRow> {
    const rows = await m.query<FeedRow[]>(
      `insert into calendar_feeds (tenant_id, staff_id)
       select s.tenant_id, s.id from staff s where s.id = $1
       on conflict (tenant_id, staff_id) do update set tenant_id = excluded.tenant_id
       returning token_id as "tokenId", busy_only as "busyOnly"`,
      [staffId],
    );
    if (!rows[0]) throw notFound('Staff member');
    return rows[0];
  }

  private view(row: FeedRow): CalendarFeed {
    return { url: `${this.config.publicBaseUrl}/api/v1/ical/${this.tokens.feedToken(row.tokenId)}.ics`, busyOnly: row.busyOnly };
  }
}
