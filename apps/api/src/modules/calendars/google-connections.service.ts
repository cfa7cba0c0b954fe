import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ExternalBusyBlock, GoogleConnection, GoogleConnectStart } from '@frontdesk/contracts';
import { Db } from '../../common/db/db.service';
import { AppError, conflict, notFound } from '../../common/errors/app-error';
import { getTenantContext } from '../../common/tenancy/tenant-context';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { AuditService } from '../audit/audit.service';
import { describeGoogleError, type GoogleCalendarClient } from './google-calendar.client';
import { GOOGLE_CALENDAR } from './google-calendar.provider';
import { CALENDAR_LEASE_SECONDS, GoogleSync } from './google-sync';
import { SignedTokens } from './signed-tokens';

interface ConnectionRow {
  status: GoogleConnection['status'];
  email: string | null;
  lastSyncAt: Date | null;
  lastError: string | null;
  tokens: Buffer | null;
}

/** Where the admin app shows a staff member's calendar connection. */
const ADMIN_STAFF_PATH = '/staff';

/**
 * Connecting a staff member's Google Calendar (OAuth consent with a signed, expiring `state`),
 * its status, an on-demand busy refresh, and disconnecting (revoked at Google, then forgotten).
 */
@Injectable()
export class GoogleConnectionsService {
  private readonly logger = new Logger(GoogleConnectionsService.name);

  constructor(
    private readonly db: Db,
    private readonly sync: GoogleSync,
    private readonly tokens: SignedTokens,
    private readonly audit: AuditService,
    @Inject(GOOGLE_CALENDAR) private readonly google: GoogleCalendarClient | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async connect(staffId: string): Promise<GoogleConnectStart> {
    const google = this.available();
    const { tenantId } = getTenantContext();
    await this.db.tx((m) => this.assertStaff(m, staffId));
    return { url: google.consentUrl(this.tokens.googleState({ tenantId, staffId }, new Date())) };
  }

  /**
   * Google's redirect after consent: the admin app URL to send the browser to. A tampered or
   * expired `state` is a 400 and nothing is exchanged or stored.
   */
  async callback(query: { code?: string; state?: string; error?: string }): Promise<string> {
    const google = this.available();
    const check = this.tokens.checkGoogleState(query.state, new Date());
    if (!check.ok) {
      throw new AppError(
        400,
        'state_invalid',
        check.reason === 'expired'
          ? 'This Google consent took too long; start connecting again'
          : 'The state of this Google consent is not one Frontdesk issued',
      );
    }
    const { tenantId, staffId } = check.state;
    const back = (outcome: string) => `${this.config.publicBaseUrl}${ADMIN_STAFF_PATH}?google=${outcome}&staffId=${staffId}`;
    if (query.error || !query.code) return back(query.error === 'access_denied' ? 'denied' : 'error');
    let granted;
    let email: string | null = null;
    try {
      granted = await google.exchange(query.code);
      if (granted) email = await google.session(granted).primaryEmail();
    } catch (error) {
      this.logger.warn(`Google consent for staff member ${staffId} not completed: ${describeGoogleError(error)}`);
      return back('error');
    }
    if (!granted) return back('error');
    const tokens = granted;
    const stored = await this.db.asTenant(tenantId, async (m) => {
      const [staff] = await m.query<unknown[]>(`select 1 from staff where id = $1`, [staffId]);
      if (!staff) return false;
      await m.query(
        `insert into google_connections (tenant_id, staff_id, status, email, tokens, sync_due_at)
         values (app_tenant_id(), $1, 'connected', $2, $3, now())
         on conflict (tenant_id, staff_id) do update
           set status = 'connected', email = excluded.email, tokens = excluded.tokens, last_error = null, sync_failures = 0,
               sync_due_at = now(), lease_id = null, leased_until = null, updated_at = now()`,
        [staffId, email, this.sync.seal(tokens)],
      );
      await this.sync.requeueFor(m, staffId);
      await this.audit.record(m, {
        tenantId,
        action: 'google_calendar.connect',
        entity: 'staff',
        entityId: staffId,
        after: { email },
      });
      return true;
    });
    return back(stored ? 'connected' : 'error');
  }

  status(staffId: string): Promise<GoogleConnection> {
    return this.db.tx(async (m) => {
      await this.assertStaff(m, staffId);
      return view(await this.row(m, staffId));
    });
  }

  /** Reads the staff member's busy times now (unless another process is at it) and answers the status after. */
  async syncNow(staffId: string): Promise<GoogleConnection> {
    this.available();
    const { tenantId } = getTenantContext();
    const leaseId = await this.db.tx(async (m) => {
      await this.assertStaff(m, staffId);
      const [row] = await m.query<{ busyElsewhere: boolean }[]>(
        `select leased_until > clock_timestamp() as "busyElsewhere" from google_connections
          where staff_id = $1 and status <> 'disconnected' for update`,
        [staffId],
      );
      if (!row) throw conflict('This staff member has no Google Calendar connected');
      if (row.busyElsewhere) return null;
      const [leased] = await m.query<{ leaseId: string }[]>(
        `with leased as (
           update google_connections set lease_id = gen_random_uuid(), leased_until = clock_timestamp() + make_interval(secs => $2)
            where staff_id = $1 returning lease_id)
         select lease_id as "leaseId" from leased`,
        [staffId, CALENDAR_LEASE_SECONDS],
      );
      return leased.leaseId;
    });
    if (leaseId) await this.sync.refreshBusy({ tenantId, id: staffId, leaseId });
    return this.status(staffId);
  }

  async disconnect(staffId: string): Promise<void> {
    const { tenantId } = getTenantContext();
    const before = await this.db.tx(async (m) => {
      await this.assertStaff(m, staffId);
      return this.row(m, staffId);
    });
    if (!before?.tokens) return;
    if (this.google) {
      try {
        await this.google.revoke(this.sync.tokensOf(before.tokens).refreshToken);
      } catch (error) {
        // Forgetting the tokens is what matters; Google drops grants unused for six months anyway.
        this.logger.warn(`Revoking the Google grant of staff member ${staffId} failed: ${describeGoogleError(error)}`);
      }
    }
    await this.db.tx(async (m) => {
      await this.sync.markDisconnected(m, staffId, null);
      await this.audit.record(m, { tenantId, action: 'google_calendar.disconnect', entity: 'staff', entityId: staffId });
    });
  }

  /** Busy ranges of the staff members' own calendars overlapping `[from, to)`, for the admin calendar. */
  externalBusy(from: Date, to: Date, staffId?: string): Promise<{ items: ExternalBusyBlock[] }> {
    return this.db.tx(async (m) => {
      const rows = await m.query<{ staffId: string; start: Date; end: Date }[]>(
        `select staff_id as "staffId", lower(busy) as start, upper(busy) as "end" from external_busy
          where busy && tstzrange($1, $2, '[)') and ($3::uuid is null or staff_id = $3)
          order by lower(busy), staff_id`,
        [from, to, staffId ?? null],
      );
      return { items: rows.map((r) => ({ staffId: r.staffId, start: r.start.toISOString(), end: r.end.toISOString() })) };
    });
  }

  private available(): GoogleCalendarClient {
    if (!this.google) throw conflict('Google Calendar sync is not configured on this platform (GOOGLE_CLIENT_ID)');
    return this.google;
  }

  private async assertStaff(m: EntityManager, staffId: string): Promise<void> {
    const [staff] = await m.query<unknown[]>(`select 1 from staff where id = $1`, [staffId]);
    if (!staff) throw notFound('Staff member');
  }

  private async row(m: EntityManager, staffId: string): Promise<ConnectionRow | undefined> {
    const [row] = await m.query<ConnectionRow[]>(
      `select status, email, last_sync_at as "lastSyncAt", last_error as "lastError", tokens from google_connections where staff_id = $1`,
      [staffId],
    );
    return row;
  }
}

const view = (row: ConnectionRow | undefined): GoogleConnection => ({
  status: row?.status ?? 'disconnected',
  ...(row?.email && row.status !== 'disconnected' && { email: row.email }),
  lastSyncAt: row?.lastSyncAt?.toISOString() ?? null,
  lastError: row?.lastError ?? null,
});
