import { randomBytes } from 'node:crypto';
import { FakeHttpServer, type FakeAnswer, type RecordedRequest } from './fake-http-server';

type Json = Record<string, any>;

export const FAKE_GOOGLE_CLIENT = { id: 'fake-client.apps.googleusercontent.com', secret: 'fake-google-client-secret' };

/** An event as the fake keeps it; `status: 'cancelled'` once deleted (Google keeps deleted events' ids). */
export interface FakeEvent {
  id: string;
  summary?: string;
  description?: string | null;
  start: { dateTime: string };
  end: { dateTime: string };
  status: 'confirmed' | 'cancelled';
  transparency?: 'opaque' | 'transparent';
}

interface Account {
  email: string;
  events: Map<string, FakeEvent>;
  /** Busy time from events Frontdesk did not write (meetings, holidays). */
  busy: { start: string; end: string }[];
}

/** A Calendar API call the fake answered, by whose account. */
export interface GoogleCall {
  method: string;
  path: string;
  email: string | null;
  body: Json | null;
}

const token = (prefix: string) => `${prefix}.${randomBytes(16).toString('hex')}`;
const DAY_MS = 86_400_000;
const EVENT_PATH = /^\/calendar\/v3\/calendars\/primary\/events(?:\/([^/?]+))?(?:\?.*)?$/;

const apiError = (status: number, reason: string, message: string): FakeAnswer => ({
  status,
  body: { error: { code: status, message, errors: [{ domain: 'global', reason, message }] } },
});
const oauthError = (status: number, error: string, description: string): FakeAnswer => ({
  status,
  body: { error, error_description: description },
});

/**
 * The parts of Google that Frontdesk calls, wire-compatible with google-auth-library and
 * @googleapis/calendar pointed at it: the OAuth consent page (grants at once and redirects
 * back), the token endpoint (authorization code, refresh token; `invalid_grant` for a used or
 * unknown code and a revoked refresh token), revoke, `calendars.get primary`, `freeBusy` (at
 * most 90 days; busy = the account's own busy time plus its opaque, not cancelled events), and
 * `events` insert (409 on an existing id, deleted ones included), patch (404 unknown) and delete
 * (404 unknown, 410 already deleted). Access tokens expire when `expireAccessTokens()` says so.
 */
export class FakeGoogle extends FakeHttpServer {
  private readonly accounts = new Map<string, Account>();
  private readonly codes = new Map<string, string>();
  private readonly refreshTokens = new Map<string, { email: string; revoked: boolean }>();
  private readonly accessTokens = new Map<string, { email: string; valid: boolean }>();
  /** Who the consent page grants when a browser opens it. */
  consentEmail = 'staff@example.test';

  account(email: string): Account {
    let account = this.accounts.get(email);
    if (!account) this.accounts.set(email, (account = { email, events: new Map(), busy: [] }));
    return account;
  }

  /** An authorization code granting `email`'s calendar, as the consent page would hand it out. */
  grant(email: string): string {
    this.account(email);
    const code = token('code');
    this.codes.set(code, email);
    return code;
  }

  /** The user removes Frontdesk's access in their Google account: refresh and access tokens stop working. */
  revokeGrant(email: string): void {
    for (const grant of this.refreshTokens.values()) if (grant.email === email) grant.revoked = true;
    for (const access of this.accessTokens.values()) if (access.email === email) access.valid = false;
  }

  /** Every access token handed out so far stops working (as after an hour); refresh tokens stay good. */
  expireAccessTokens(): void {
    for (const access of this.accessTokens.values()) access.valid = false;
  }

  /** Calendar API calls (not OAuth), oldest first. */
  calendarCalls(): GoogleCall[] {
    return this.requests
      .filter((r) => r.url.startsWith('/calendar/'))
      .map((r) => ({
        method: r.method,
        path: r.url.split('?')[0],
        email: this.accessTokens.get(bearer(r) ?? '')?.email ?? null,
        body: r.body ? (JSON.parse(r.body) as Json) : null,
      }));
  }

  /** Token endpoint calls by grant type (`authorization_code`, `refresh_token`). */
  tokenGrants(): string[] {
    return this.requests.filter((r) => r.url === '/token').map((r) => new URLSearchParams(r.body).get('grant_type') ?? '');
  }

  revocations(): string[] {
    return this.requests
      .filter((r) => r.url.startsWith('/revoke'))
      .map((r) => new URL(r.url, 'http://x').searchParams.get('token') ?? '');
  }

  protected authenticate(request: RecordedRequest): FakeAnswer | null {
    if (request.url.startsWith('/o/oauth2/') || request.url.startsWith('/revoke')) return null;
    if (request.url === '/token') {
      const form = new URLSearchParams(request.body);
      return form.get('client_id') === FAKE_GOOGLE_CLIENT.id && form.get('client_secret') === FAKE_GOOGLE_CLIENT.secret
        ? null
        : oauthError(401, 'invalid_client', 'The OAuth client was not found.');
    }
    const access = this.accessTokens.get(bearer(request) ?? '');
    if (!access?.valid) {
      return {
        status: 401,
        body: { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } },
      };
    }
    return null;
  }

  protected failure(status: number): unknown {
    return { error: { code: status, message: 'Backend Error', errors: [{ domain: 'global', reason: 'backendError' }] } };
  }

  protected answer(request: RecordedRequest): FakeAnswer {
    const url = new URL(request.url, 'http://fake');
    if (request.method === 'GET' && url.pathname === '/o/oauth2/v2/auth') return this.consent(url);
    if (request.method === 'POST' && url.pathname === '/token') return this.token(new URLSearchParams(request.body));
    if (request.method === 'POST' && url.pathname === '/revoke') return this.revoke(url.searchParams.get('token') ?? '');
    const account = this.account(this.accessTokens.get(bearer(request) ?? '')!.email);
    if (request.method === 'GET' && url.pathname === '/calendar/v3/calendars/primary') {
      return { status: 200, body: { kind: 'calendar#calendar', id: account.email, summary: account.email, timeZone: 'UTC' } };
    }
    if (request.method === 'POST' && url.pathname === '/calendar/v3/freeBusy')
      return this.freeBusy(account, JSON.parse(request.body) as Json);
    const event = EVENT_PATH.exec(request.url);
    if (event) return this.events(account, request.method, event[1], request.body ? (JSON.parse(request.body) as Json) : {});
    return apiError(404, 'notFound', `No route ${request.method} ${url.pathname}`);
  }

  private consent(url: URL): FakeAnswer {
    const back = new URL(url.searchParams.get('redirect_uri') ?? '');
    back.searchParams.set('code', this.grant(this.consentEmail));
    back.searchParams.set('state', url.searchParams.get('state') ?? '');
    return { status: 302, body: '', raw: { headers: { location: back.toString() } } };
  }

  private token(form: URLSearchParams): FakeAnswer {
    let email: string | undefined;
    let refreshToken: string | undefined;
    if (form.get('grant_type') === 'authorization_code') {
      email = this.codes.get(form.get('code') ?? '');
      if (!email) return oauthError(400, 'invalid_grant', 'Malformed auth code.');
      this.codes.delete(form.get('code')!);
      refreshToken = token('refresh');
      this.refreshTokens.set(refreshToken, { email, revoked: false });
    } else if (form.get('grant_type') === 'refresh_token') {
      const grant = this.refreshTokens.get(form.get('refresh_token') ?? '');
      if (!grant || grant.revoked) return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
      email = grant.email;
    } else {
      return oauthError(400, 'unsupported_grant_type', 'Invalid grant_type');
    }
    const accessToken = token('access');
    this.accessTokens.set(accessToken, { email, valid: true });
    return {
      status: 200,
      body: {
        access_token: accessToken,
        expires_in: 3599,
        token_type: 'Bearer',
        scope: 'https://www.googleapis.com/auth/calendar',
        ...(refreshToken && { refresh_token: refreshToken }),
      },
    };
  }

  private revoke(value: string): FakeAnswer {
    const grant = this.refreshTokens.get(value);
    const access = this.accessTokens.get(value);
    if (!grant && !access) return oauthError(400, 'invalid_token', 'Token expired or revoked');
    this.revokeGrant((grant ?? access)!.email);
    return { status: 200, body: {} };
  }

  private freeBusy(account: Account, body: Json): FakeAnswer {
    const min = Date.parse(body.timeMin as string);
    const max = Date.parse(body.timeMax as string);
    if (!(min < max)) return apiError(400, 'timeRangeEmpty', 'The specified time range is empty.');
    if (max - min > 90 * DAY_MS) return apiError(400, 'timeRangeTooLong', 'The requested time range is too long.');
    const ranges = [
      ...account.busy.map((b) => [Date.parse(b.start), Date.parse(b.end)]),
      ...[...account.events.values()]
        .filter((e) => e.status !== 'cancelled' && e.transparency !== 'transparent')
        .map((e) => [Date.parse(e.start.dateTime), Date.parse(e.end.dateTime)]),
    ]
      .map(([s, e]) => [Math.max(s, min), Math.min(e, max)])
      .filter(([s, e]) => s < e)
      .sort((a, b) => a[0] - b[0]);
    // Google answers merged busy blocks.
    const merged: number[][] = [];
    for (const [s, e] of ranges) {
      const last = merged[merged.length - 1];
      if (last && s <= last[1]) last[1] = Math.max(last[1], e);
      else merged.push([s, e]);
    }
    return {
      status: 200,
      body: {
        kind: 'calendar#freeBusy',
        timeMin: new Date(min).toISOString(),
        timeMax: new Date(max).toISOString(),
        calendars: {
          primary: { busy: merged.map(([s, e]) => ({ start: new Date(s).toISOString(), end: new Date(e).toISOString() })) },
        },
      },
    };
  }

  private events(account: Account, method: string, id: string | undefined, body: Json): FakeAnswer {
    if (method === 'POST' && !id) {
      const eventId = (body.id as string | undefined) ?? randomBytes(13).toString('hex');
      if (!/^[a-v0-9]{5,1024}$/.test(eventId)) return apiError(400, 'invalid', 'Invalid resource id value.');
      if (account.events.has(eventId)) return apiError(409, 'duplicate', 'The requested identifier already exists.');
      const event = { ...body, id: eventId, status: 'confirmed' } as FakeEvent;
      account.events.set(eventId, event);
      return { status: 200, body: { kind: 'calendar#event', ...event } };
    }
    const existing = id ? account.events.get(id) : undefined;
    if (method === 'PATCH' && id) {
      if (!existing) return apiError(404, 'notFound', 'Not Found');
      const event = { ...existing, ...body, id };
      account.events.set(id, event);
      return { status: 200, body: { kind: 'calendar#event', ...event } };
    }
    if (method === 'DELETE' && id) {
      if (!existing) return apiError(404, 'notFound', 'Not Found');
      if (existing.status === 'cancelled') return apiError(410, 'deleted', 'Resource has been deleted');
      existing.status = 'cancelled';
      return { status: 204, body: '', raw: { headers: {} } };
    }
    return apiError(405, 'methodNotAllowed', 'Method not allowed');
  }
}

function bearer(request: RecordedRequest): string | null {
  const header = request.headers.authorization;
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : null;
}
