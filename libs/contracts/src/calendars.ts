/** `GET/POST/PATCH /api/v1/staff/:id/calendar-feed`: the staff member's secret ICS feed. */
export interface CalendarFeed {
  /** `…/api/v1/ical/<token>.ics`; regenerating it makes the old one answer 404. */
  url: string;
  /** Events say only "Busy" (no customer name nor service). */
  busyOnly: boolean;
}

export interface UpdateCalendarFeedRequest {
  busyOnly: boolean;
}

export type GoogleConnectionStatus = 'disconnected' | 'connected' | 'error';

/** `GET /api/v1/staff/:id/google`. */
export interface GoogleConnection {
  status: GoogleConnectionStatus;
  /** The connected Google account. */
  email?: string;
  lastSyncAt: string | null;
  /** Why the last sync failed, or why the connection was dropped (e.g. the grant was revoked). */
  lastError: string | null;
}

/** `POST /api/v1/staff/:id/google/connect`: Google's consent page. */
export interface GoogleConnectStart {
  url: string;
}

/** A busy range of a staff member's own calendar (`GET /api/v1/calendar/external-busy`). */
export interface ExternalBusyBlock {
  staffId: string;
  start: string;
  end: string;
}
