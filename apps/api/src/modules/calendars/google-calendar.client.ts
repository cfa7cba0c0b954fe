import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { OAuth2Client, type Credentials } from 'google-auth-library';
import type { InstantRange } from '@frontdesk/scheduling';
import type { GoogleConfig } from '../../config/config';

export const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar';
/** Google refuses a freeBusy query spanning more than this. */
export const FREE_BUSY_MAX_DAYS = 90;
const DAY_MS = 86_400_000;

/** What is kept (encrypted) of a grant. */
export interface GoogleTokens {
  refreshToken: string;
  accessToken: string | null;
  /** Epoch ms. */
  expiryDate: number | null;
}

/** An event as Frontdesk writes it for a booking. */
export interface CalendarEvent {
  id: string;
  summary: string;
  description: string | null;
  start: Date;
  end: Date;
}

/**
 * How a failed Google call is handled: `invalid_grant` (revoked or expired grant: reconnect),
 * `gone` (404/410: the event is not there), `duplicate` (409: the event id exists), `transient`
 * (anything else: retried later).
 */
export type GoogleFailure = 'invalid_grant' | 'gone' | 'duplicate' | 'transient';

interface ErrorLike {
  status?: number;
  response?: { status?: number; data?: { error?: unknown } };
  message?: string;
}

export function classifyGoogleError(error: unknown): GoogleFailure {
  const e = error as ErrorLike;
  const status = e.response?.status ?? e.status;
  if (e.response?.data?.error === 'invalid_grant' || /invalid_grant/.test(e.message ?? '')) return 'invalid_grant';
  if (status === 404 || status === 410) return 'gone';
  if (status === 409) return 'duplicate';
  return 'transient';
}

/** A short, secret-free account of a failure for the admin app. */
export function describeGoogleError(error: unknown): string {
  const e = error as ErrorLike;
  const status = e.response?.status ?? e.status;
  const detail = e.response?.data?.error;
  const text = typeof detail === 'string' ? detail : (e.message ?? 'unknown error');
  return `${status ? `Google answered ${status}: ` : ''}${text}`.slice(0, 500);
}

/** Google's event id for a booking: base32hex characters only, so the booking's hex digits with a prefix. */
export const eventIdFor = (bookingId: string) => `fd${bookingId.replace(/-/g, '')}`;

/** The platform's Google OAuth client and Calendar API, pointed at `GOOGLE_*` base URLs. */
export class GoogleCalendarClient {
  constructor(
    private readonly config: GoogleConfig,
    private readonly redirectUri: string,
  ) {}

  consentUrl(state: string): string {
    return this.oauth().generateAuthUrl({ access_type: 'offline', prompt: 'consent', scope: [CALENDAR_SCOPE], state });
  }

  /** Exchanges a consent's code for tokens; null when Google gave no refresh token. */
  async exchange(code: string): Promise<GoogleTokens | null> {
    const { tokens } = await this.oauth().getToken(code);
    if (!tokens.refresh_token) return null;
    return fromCredentials(tokens, tokens.refresh_token);
  }

  async revoke(token: string): Promise<void> {
    await this.oauth().revokeToken(token);
  }

  session(tokens: GoogleTokens): CalendarSession {
    const auth = this.oauth();
    auth.setCredentials({ refresh_token: tokens.refreshToken, access_token: tokens.accessToken, expiry_date: tokens.expiryDate });
    return new CalendarSession(
      auth,
      tokens,
      calendar({ version: 'v3', rootUrl: `${this.config.apiBaseUrl}/`, auth, retry: false }),
    );
  }

  private oauth(): OAuth2Client {
    return new OAuth2Client({
      clientId: this.config.clientId,
      clientSecret: this.config.clientSecret.reveal(),
      redirectUri: this.redirectUri,
      // Node's own fetch: gaxios otherwise loads node-fetch with a dynamic import on first use.
      transporterOptions: { fetchImplementation: fetch },
      // A 401 with a stored expiry (an access token revoked or expired early) refreshes and retries once.
      forceRefreshOnFailure: true,
      endpoints: {
        oauth2AuthBaseUrl: `${this.config.consentBaseUrl}/o/oauth2/v2/auth`,
        oauth2TokenUrl: `${this.config.oauthBaseUrl}/token`,
        oauth2RevokeUrl: `${this.config.oauthBaseUrl}/revoke`,
      },
    });
  }
}

const fromCredentials = (c: Credentials, refreshToken: string): GoogleTokens => ({
  refreshToken: c.refresh_token ?? refreshToken,
  accessToken: c.access_token ?? null,
  expiryDate: c.expiry_date ?? null,
});

/**
 * One staff member's calendar for one piece of work. The OAuth client refreshes an expired
 * access token on its own; `refreshedTokens()` says what to store afterwards.
 */
export class CalendarSession {
  private refreshed: GoogleTokens | null = null;

  constructor(
    auth: OAuth2Client,
    private readonly tokens: GoogleTokens,
    private readonly api: calendar_v3.Calendar,
  ) {
    auth.on('tokens', (c) => {
      this.refreshed = fromCredentials(c, this.refreshed?.refreshToken ?? tokens.refreshToken);
    });
  }

  /** The token set to store, when an access token was refreshed during this session. */
  refreshedTokens(): GoogleTokens | null {
    return this.refreshed;
  }

  /** The primary calendar's id: the account's email address. */
  async primaryEmail(): Promise<string | null> {
    const { data } = await this.api.calendars.get({ calendarId: 'primary' });
    return data.id ?? null;
  }

  /** Busy ranges of the primary calendar over `[from, to)`, asked for in spans Google accepts. */
  async busy(from: Date, to: Date): Promise<InstantRange[]> {
    const ranges: InstantRange[] = [];
    for (let start = from.getTime(); start < to.getTime(); start += FREE_BUSY_MAX_DAYS * DAY_MS) {
      const end = Math.min(start + FREE_BUSY_MAX_DAYS * DAY_MS, to.getTime());
      const { data } = await this.api.freebusy.query({
        requestBody: { timeMin: new Date(start).toISOString(), timeMax: new Date(end).toISOString(), items: [{ id: 'primary' }] },
      });
      const primary = data.calendars?.primary;
      if (primary?.errors?.length) throw new Error(`freeBusy: ${primary.errors.map((e) => e.reason).join(', ')}`);
      for (const busy of primary?.busy ?? []) {
        if (busy.start && busy.end) ranges.push({ start: new Date(busy.start), end: new Date(busy.end) });
      }
    }
    return ranges;
  }

  /** Writes the event: insert, or patch when that id exists already (a retry, a reconnect, a reschedule). */
  async upsert(event: CalendarEvent, exists: boolean): Promise<void> {
    if (exists) {
      try {
        await this.patch(event);
        return;
      } catch (error) {
        if (classifyGoogleError(error) !== 'gone') throw error;
      }
    }
    try {
      await this.api.events.insert({ calendarId: 'primary', requestBody: { id: event.id, ...body(event) } });
    } catch (error) {
      if (classifyGoogleError(error) !== 'duplicate') throw error;
      await this.patch(event);
    }
  }

  /** Deletes the event; one already gone (404/410) counts as deleted. */
  async remove(eventId: string): Promise<void> {
    try {
      await this.api.events.delete({ calendarId: 'primary', eventId, sendUpdates: 'none' });
    } catch (error) {
      if (classifyGoogleError(error) !== 'gone') throw error;
    }
  }

  private async patch(event: CalendarEvent): Promise<void> {
    // `status: confirmed` brings back an event deleted in Google since (Google keeps it as cancelled).
    await this.api.events.patch({
      calendarId: 'primary',
      eventId: event.id,
      requestBody: { ...body(event), status: 'confirmed' },
    });
  }
}

const body = (event: CalendarEvent): calendar_v3.Schema$Event => ({
  summary: event.summary,
  description: event.description,
  start: { dateTime: event.start.toISOString(), timeZone: 'UTC' },
  end: { dateTime: event.end.toISOString(), timeZone: 'UTC' },
  extendedProperties: { private: { frontdesk: 'booking' } },
});
