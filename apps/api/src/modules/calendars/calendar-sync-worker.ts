import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Db } from '../../common/db/db.service';
import type { GoogleCalendarClient } from './google-calendar.client';
import { GOOGLE_CALENDAR } from './google-calendar.provider';
import { CALENDAR_LEASE_SECONDS, GoogleSync } from './google-sync';

export const CALENDAR_SYNC_INTERVAL_MS = 2_000;
/** Pieces of work leased per claim; each is a Google call or two. */
const CLAIM_BATCH = 20;

/**
 * Google Calendar sync in every API process at once: due busy refreshes and pending event
 * writes are claimed with leases (`claim_google_syncs`, `claim_calendar_event_jobs`: FOR UPDATE
 * SKIP LOCKED), so each is done by one process, and a crashed process's work returns after its lease.
 */
@Injectable()
export class CalendarSyncWorker {
  private readonly logger = new Logger(CalendarSyncWorker.name);
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly sync: GoogleSync,
    @Inject(GOOGLE_CALENDAR) private readonly google: GoogleCalendarClient | null,
  ) {}

  @Interval('calendar-sync', CALENDAR_SYNC_INTERVAL_MS)
  async tick(): Promise<void> {
    if (this.running || !this.google) return;
    this.running = true;
    try {
      await this.runOnce();
    } catch (error) {
      this.logger.error(`Calendar sync run failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.running = false;
    }
  }

  /** Does what is due now: event writes first (a customer just booked), then busy refreshes. Returns how many pieces. */
  async runOnce(): Promise<number> {
    let done = 0;
    for (const claim of await this.db.claimCalendarEventJobs(CALENDAR_LEASE_SECONDS, CLAIM_BATCH)) {
      await this.sync.writeEvent(claim);
      done++;
    }
    for (const claim of await this.db.claimGoogleSyncs(CALENDAR_LEASE_SECONDS, CLAIM_BATCH)) {
      await this.sync.refreshBusy(claim);
      done++;
    }
    return done;
  }
}
