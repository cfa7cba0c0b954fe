import { randomBytes } from 'node:crypto';
import { SchedulerRegistry } from '@nestjs/schedule';
import ICAL from 'ical.js';
import { customer, seededBookableTenant } from '../../../../../test/booking-fixtures';
import { FAKE_GOOGLE_CLIENT, FakeGoogle } from '../../../../../test/fakes/fake-google';
import { TestApp } from '../../../../../test/harness';
import { CalendarSyncWorker } from './calendar-sync-worker';
import { eventIdFor } from './google-calendar.client';
import { SignedTokens } from './signed-tokens';

const PUBLIC_BASE_URL = 'http://frontdesk.test';
type Tenant = Awaited<ReturnType<typeof seededBookableTenant>>;

describe('Calendars (integration, fake Google)', () => {
  let google: FakeGoogle;
  let t: TestApp;
  let worker: CalendarSyncWorker;
  let emails = 0;

  // Processes of one deployment share their secrets: the second process below reads the tokens
  // the first one stored (each test app would otherwise generate a key of its own).
  const ENCRYPTION_KEY = randomBytes(32).toString('hex');
  const env = () => ({
    ENCRYPTION_KEY,
    PUBLIC_BASE_URL,
    GOOGLE_CLIENT_ID: FAKE_GOOGLE_CLIENT.id,
    GOOGLE_CLIENT_SECRET: FAKE_GOOGLE_CLIENT.secret,
    GOOGLE_OAUTH_BASE_URL: google.url,
    GOOGLE_API_BASE_URL: google.url,
  });

  beforeAll(async () => {
    google = await new FakeGoogle().start();
    t = await TestApp.start(env());
    // The tests drive the worker themselves.
    t.app.get(SchedulerRegistry).deleteInterval('calendar-sync');
    worker = t.app.get(CalendarSyncWorker);
  });
  afterAll(async () => {
    await t.close();
    await google.stop();
  });
  beforeEach(() => google.reset());

  const tenant = () => seededBookableTenant(t, { policy: { maxAdvanceDays: 60 } });
  const path = (url: string) => url.slice(PUBLIC_BASE_URL.length);

  async function book(b: Tenant, staffId: string, date: string, time: string, name = 'Priya Patel') {
    const res = await t.request('POST', '/api/v1/bookings', {
      token: b.ownerToken,
      body: {
        serviceId: b.serviceId,
        staffId,
        start: b.at(date, time),
        customer: customer(`+1 212 555 ${String(1000 + emails++)}`, name),
      },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; start: string; end: string; status: string; updatedAt: string };
  }

  async function connect(b: Tenant, staffId: string, email = `staff${emails++}@example.test`) {
    const start = await t.request('POST', `/api/v1/staff/${staffId}/google/connect`, { token: b.ownerToken });
    expect(start.status).toBe(200);
    const consent = new URL(start.body.url as string);
    const state = consent.searchParams.get('state')!;
    const code = google.grant(email);
    const back = await t.request('GET', `/api/v1/integrations/google/callback?code=${code}&state=${encodeURIComponent(state)}`);
    expect(back.status).toBe(302);
    expect(back.headers.location).toBe(`${PUBLIC_BASE_URL}/staff?google=connected&staffId=${staffId}`);
    return email;
  }

  async function status(b: Tenant, staffId: string) {
    const res = await t.request('GET', `/api/v1/staff/${staffId}/google`, { token: b.ownerToken });
    expect(res.status).toBe(200);
    return res.body as { status: string; email?: string; lastSyncAt: string | null; lastError: string | null };
  }

  async function slotStarts(b: Tenant, staffId: string, date: string, excludeBookingId?: string) {
    const exclude = excludeBookingId ? `&excludeBookingId=${excludeBookingId}` : '';
    const res = await t.request(
      'GET',
      `/api/v1/availability?serviceId=${b.serviceId}&from=${date}&to=${date}&staffId=${staffId}${exclude}`,
      {
        token: b.ownerToken,
      },
    );
    expect(res.status).toBe(200);
    return (res.body.slots as { start: string }[]).map((s) => s.start);
  }

  /** Runs the worker until nothing is due. */
  async function drain() {
    while ((await worker.runOnce()) > 0);
  }

  const eventCalls = (bookingId: string) =>
    google
      .calendarCalls()
      .filter(
        (c) =>
          c.path.endsWith(`/events/${eventIdFor(bookingId)}`) || (c.method === 'POST' && c.body?.id === eventIdFor(bookingId)),
      )
      .map((c) => c.method);

  describe('ICS feed', () => {
    async function feed(b: Tenant, staffId: string) {
      const res = await t.request('GET', `/api/v1/staff/${staffId}/calendar-feed`, { token: b.ownerToken });
      expect(res.status).toBe(200);
      return res.body as { url: string; busyOnly: boolean };
    }
    async function events(url: string) {
      const res = await t.request('GET', path(url));
      expect(res.status).toBe(200);
      expect(String(res.headers['content-type'])).toMatch(/^text\/calendar/);
      const text = res.body as string;
      const component = new ICAL.Component(ICAL.parse(text));
      return { text, component, events: component.getAllSubcomponents('vevent') };
    }

    it("lists the staff member's active bookings in UTC with stable UIDs and rising SEQUENCE", async () => {
      const b = await tenant();
      const [ana, jordan] = b.staffIds;
      const kept = await book(b, ana, b.day(3), '10:00', 'Kim Lee');
      const moved = await book(b, ana, b.day(3), '13:00');
      const cancelled = await book(b, ana, b.day(4), '10:00');
      await book(b, jordan, b.day(3), '10:00');
      expect((await t.request('POST', `/api/v1/bookings/${cancelled.id}/cancel`, { token: b.ownerToken, body: {} })).status).toBe(
        200,
      );
      const { url, busyOnly } = await feed(b, ana);
      expect(busyOnly).toBe(false);
      expect(url).toMatch(new RegExp(`^${PUBLIC_BASE_URL}/api/v1/ical/[0-9a-f-]{36}\\.[A-Za-z0-9_-]+\\.ics$`));

      const before = await events(url);
      expect(before.component.getFirstPropertyValue('refresh-interval')?.toString()).toBe('PT15M');
      expect(before.text).toContain('X-PUBLISHED-TTL:PT15M');
      expect(before.text).not.toContain('VTIMEZONE');
      const byUid = (list: ICAL.Component[]) =>
        new Map(list.map((e) => [e.getFirstPropertyValue('uid') as string, new ICAL.Event(e)]));
      const first = byUid(before.events);
      expect([...first.keys()].sort()).toEqual([`${kept.id}@frontdesk`, `${moved.id}@frontdesk`].sort());
      const keptEvent = first.get(`${kept.id}@frontdesk`)!;
      expect(keptEvent.startDate.zone.tzid).toBe('UTC');
      expect(before.text.match(/^DT(START|END)[^\r\n]*/gm)!.every((line) => /^DT(START|END):\d{8}T\d{6}Z$/.test(line))).toBe(
        true,
      );
      expect(keptEvent.startDate.toJSDate().toISOString()).toBe(kept.start);
      expect(keptEvent.endDate.toJSDate().toISOString()).toBe(kept.end);
      expect(keptEvent.summary).toBe('Haircut — Kim Lee');

      const res = await t.request('POST', `/api/v1/bookings/${moved.id}/reschedule`, {
        token: b.ownerToken,
        body: { start: b.at(b.day(5), '11:00') },
      });
      expect(res.status).toBe(200);
      const after = byUid((await events(url)).events);
      const movedAfter = after.get(`${moved.id}@frontdesk`)!;
      expect(movedAfter.sequence).toBeGreaterThan(first.get(`${moved.id}@frontdesk`)!.sequence);
      expect(movedAfter.startDate.toJSDate().toISOString()).toBe(b.at(b.day(5), '11:00').replace(/\.\d+Z$|Z$/, '.000Z'));
      expect(after.get(`${kept.id}@frontdesk`)!.sequence).toBe(keptEvent.sequence);
    });

    it('shows only "Busy" when the owner asks, and a regenerated URL revokes the old one', async () => {
      const b = await tenant();
      const [ana] = b.staffIds;
      await book(b, ana, b.day(2), '10:00', 'Kim Lee');
      const set = await t.request('PATCH', `/api/v1/staff/${ana}/calendar-feed`, {
        token: b.ownerToken,
        body: { busyOnly: true },
      });
      expect(set.status).toBe(200);
      expect(set.body.busyOnly).toBe(true);
      const { text, events: list } = await events(set.body.url as string);
      expect(list.map((e) => e.getFirstPropertyValue('summary'))).toEqual(['Busy']);
      expect(text).not.toContain('Kim');
      expect(text).not.toContain('Haircut');

      const fresh = await t.request('POST', `/api/v1/staff/${ana}/calendar-feed`, { token: b.ownerToken });
      expect(fresh.status).toBe(200);
      expect(fresh.body.url).not.toBe(set.body.url);
      expect((await t.request('GET', path(set.body.url as string))).status).toBe(404);
      expect((await events(fresh.body.url as string)).events).toHaveLength(1);
      const tampered = (fresh.body.url as string).replace(
        /\.([A-Za-z0-9_-])([A-Za-z0-9_-]*\.ics)$/,
        (_m, c: string, rest: string) => `.${c === 'A' ? 'B' : 'A'}${rest}`,
      );
      expect(tampered).not.toBe(fresh.body.url);
      expect((await t.request('GET', path(tampered))).status).toBe(404);
    });

    it("answers 404 for another tenant's staff member", async () => {
      const b = await tenant();
      const other = await tenant();
      const res = await t.request('GET', `/api/v1/staff/${b.staffIds[0]}/calendar-feed`, { token: other.ownerToken });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('not_found');
      expect((await t.request('POST', `/api/v1/staff/${b.staffIds[0]}/calendar-feed`, { token: other.ownerToken })).status).toBe(
        404,
      );
    });
  });

  describe('Google connect', () => {
    it('asks for offline calendar access with a signed state, and stores the tokens encrypted', async () => {
      const b = await tenant();
      const [ana] = b.staffIds;
      const start = await t.request('POST', `/api/v1/staff/${ana}/google/connect`, { token: b.ownerToken });
      const consent = new URL(start.body.url as string);
      expect(`${consent.origin}${consent.pathname}`).toBe(`${google.url}/o/oauth2/v2/auth`);
      expect(consent.searchParams.get('access_type')).toBe('offline');
      expect(consent.searchParams.get('scope')).toBe('https://www.googleapis.com/auth/calendar');
      expect(consent.searchParams.get('redirect_uri')).toBe(`${PUBLIC_BASE_URL}/api/v1/integrations/google/callback`);
      expect(consent.searchParams.get('client_id')).toBe(FAKE_GOOGLE_CLIENT.id);

      const email = await connect(b, ana);
      expect(await status(b, ana)).toEqual({ status: 'connected', email, lastSyncAt: null, lastError: null });
      expect(google.tokenGrants()).toEqual(['authorization_code']);
      const [row] = await t.sql<{ tokens: Buffer }>(`select tokens from google_connections where staff_id = $1`, [ana]);
      expect(row.tokens.toString('latin1')).not.toMatch(/refresh\.|access\./);
    });

    it('refuses a tampered or expired state: nothing exchanged, nothing stored', async () => {
      const b = await tenant();
      const [ana] = b.staffIds;
      const start = await t.request('POST', `/api/v1/staff/${ana}/google/connect`, { token: b.ownerToken });
      const state = new URL(start.body.url as string).searchParams.get('state')!;
      const [payload, signature] = state.split('.');
      const forged = Buffer.from(
        JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), s: b.staffIds[1] }),
      ).toString('base64url');
      const expired = t.app
        .get(SignedTokens)
        .googleState({ tenantId: b.tenant.id, staffId: ana }, new Date(Date.now() - 16 * 60_000));
      for (const bad of [`${forged}.${signature}`, expired, 'nonsense']) {
        const res = await t.request(
          'GET',
          `/api/v1/integrations/google/callback?code=${google.grant('x@example.test')}&state=${encodeURIComponent(bad)}`,
        );
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('state_invalid');
      }
      expect(google.tokenGrants()).toEqual([]);
      expect(await t.sql(`select 1 from google_connections where tenant_id = $1`, [b.tenant.id])).toEqual([]);
    });

    it("keeps other tenants' staff out", async () => {
      const b = await tenant();
      const other = await tenant();
      for (const [method, suffix] of [
        ['GET', 'google'],
        ['POST', 'google/connect'],
        ['POST', 'google/sync'],
        ['DELETE', 'google'],
      ] as const) {
        const res = await t.request(method, `/api/v1/staff/${b.staffIds[0]}/${suffix}`, { token: other.ownerToken });
        expect(res.status).toBe(404);
      }
    });
  });

  describe('busy times in', () => {
    it("removes slots of that staff member only, and Frontdesk's own events never block their booking", async () => {
      const b = await tenant();
      const [ana, jordan] = b.staffIds;
      const email = await connect(b, ana);
      const date = b.day(2);
      google.account(email).busy.push({ start: b.at(date, '10:00'), end: b.at(date, '12:00') });
      const own = await book(b, ana, date, '14:00');
      await drain();
      expect(eventCalls(own.id)).toEqual(['POST']);

      const synced = await t.request('POST', `/api/v1/staff/${ana}/google/sync`, { token: b.ownerToken });
      expect(synced.status).toBe(200);
      expect(synced.body.status).toBe('connected');
      expect(synced.body.lastSyncAt).not.toBeNull();

      const anaSlots = await slotStarts(b, ana, date);
      expect(anaSlots).not.toContain(b.at(date, '10:00').replace('Z', '.000Z'));
      expect(
        anaSlots.filter(
          (s) => s >= new Date(b.at(date, '09:30')).toISOString() && s < new Date(b.at(date, '12:00')).toISOString(),
        ),
      ).toEqual([]);
      expect(anaSlots).toContain(new Date(b.at(date, '12:00')).toISOString());
      expect(await slotStarts(b, jordan, date)).toContain(new Date(b.at(date, '10:00')).toISOString());
      // The booking's own event is busy in Google, yet moving the booking may use its own time.
      expect(await slotStarts(b, ana, date, own.id)).toContain(new Date(b.at(date, '14:00')).toISOString());
      const blocks = await t.request(
        'GET',
        `/api/v1/calendar/external-busy?from=${encodeURIComponent(b.at(date, '00:00'))}&to=${encodeURIComponent(b.at(b.day(3), '00:00'))}`,
        { token: b.ownerToken },
      );
      expect(blocks.body.items).toEqual([
        { staffId: ana, start: new Date(b.at(date, '10:00')).toISOString(), end: new Date(b.at(date, '12:00')).toISOString() },
      ]);
      // A booking into the busy time is refused like one into a closure.
      const refused = await t.request('POST', '/api/v1/bookings', {
        token: b.ownerToken,
        body: { serviceId: b.serviceId, staffId: ana, start: b.at(date, '10:30'), customer: customer('+1 212 555 7777') },
      });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('slot_unavailable');
    });

    it("reads the whole bookable horizon in spans within Google's 90-day limit", async () => {
      const b = await seededBookableTenant(t, { policy: { maxAdvanceDays: 200 } });
      await connect(b, b.staffIds[0]);
      const synced = await t.request('POST', `/api/v1/staff/${b.staffIds[0]}/google/sync`, { token: b.ownerToken });
      expect(synced.status).toBe(200);
      const spans = google
        .calendarCalls()
        .filter((c) => c.path === '/calendar/v3/freeBusy')
        .map((c) => [Date.parse(c.body!.timeMin as string), Date.parse(c.body!.timeMax as string)]);
      expect(spans).toHaveLength(3);
      for (const [min, max] of spans) expect(max - min).toBeLessThanOrEqual(90 * 86_400_000);
      expect(spans[1][0]).toBe(spans[0][1]);
      expect(spans[2][1] - spans[0][0]).toBeGreaterThanOrEqual(201 * 86_400_000);
      expect((await status(b, b.staffIds[0])).status).toBe('connected');
    });

    it('refreshes an expired access token with the refresh token', async () => {
      const b = await tenant();
      await connect(b, b.staffIds[0]);
      google.reset();
      google.expireAccessTokens();
      const res = await t.request('POST', `/api/v1/staff/${b.staffIds[0]}/google/sync`, { token: b.ownerToken });
      expect(res.body).toMatchObject({ status: 'connected', lastError: null });
      expect(google.tokenGrants()).toEqual(['refresh_token']);
      // The refreshed token was stored: the next call needs no refresh.
      google.reset();
      await t.request('POST', `/api/v1/staff/${b.staffIds[0]}/google/sync`, { token: b.ownerToken });
      expect(google.tokenGrants()).toEqual([]);
    });

    it('a revoked grant (invalid_grant) disconnects, with the reason, and availability falls back to the own book', async () => {
      const b = await tenant();
      const [ana] = b.staffIds;
      const email = await connect(b, ana);
      const date = b.day(2);
      google.account(email).busy.push({ start: b.at(date, '10:00'), end: b.at(date, '12:00') });
      await t.request('POST', `/api/v1/staff/${ana}/google/sync`, { token: b.ownerToken });
      expect(await slotStarts(b, ana, date)).not.toContain(new Date(b.at(date, '10:00')).toISOString());

      google.revokeGrant(email);
      google.expireAccessTokens();
      await t.sql(`update google_connections set sync_due_at = now() where staff_id = $1`, [ana]);
      await drain();
      const after = await status(b, ana);
      expect(after.status).toBe('disconnected');
      expect(after.lastError).toMatch(/invalid_grant/);
      expect(await slotStarts(b, ana, date)).toContain(new Date(b.at(date, '10:00')).toISOString());

      const booking = await book(b, ana, date, '10:00');
      await drain();
      expect(eventCalls(booking.id)).toEqual([]);
      expect((await t.request('POST', `/api/v1/staff/${ana}/google/sync`, { token: b.ownerToken })).status).toBe(409);
    });
  });

  describe('bookings out', () => {
    it('insert, patch on reschedule, delete on cancel: each exactly once, even when Google fails the first call', async () => {
      const b = await tenant();
      const [ana] = b.staffIds;
      const email = await connect(b, ana);
      google.reset();
      const booking = await book(b, ana, b.day(2), '10:00', 'Kim Lee');
      google.failNext(1, 503);
      await drain();
      expect(eventCalls(booking.id)).toEqual(['POST']);
      const [job] = await t.sql<{ pending: boolean; attempts: number; last_error: string }>(
        `select pending, attempts, last_error from calendar_event_jobs where booking_id = $1`,
        [booking.id],
      );
      expect(job).toMatchObject({ pending: true, attempts: 1 });
      expect(job.last_error).toMatch(/503/);
      // The booking is untouched by the failure.
      const unchanged = await t.request('GET', `/api/v1/bookings/${booking.id}`, { token: b.ownerToken });
      expect(unchanged.body).toMatchObject({ status: 'confirmed', start: booking.start, updatedAt: booking.updatedAt });

      await t.sql(`update calendar_event_jobs set due_at = now() where booking_id = $1`, [booking.id]);
      await drain();
      expect(eventCalls(booking.id)).toEqual(['POST', 'POST']);
      const event = google.account(email).events.get(eventIdFor(booking.id))!;
      expect(event).toMatchObject({ summary: 'Haircut — Kim Lee', status: 'confirmed' });
      expect(event.start.dateTime).toBe(booking.start);

      const moved = await t.request('POST', `/api/v1/bookings/${booking.id}/reschedule`, {
        token: b.ownerToken,
        body: { start: b.at(b.day(3), '11:00') },
      });
      await drain();
      expect(eventCalls(booking.id)).toEqual(['POST', 'POST', 'PATCH']);
      expect(google.account(email).events.get(eventIdFor(booking.id))!.start.dateTime).toBe(moved.body.start);

      google.failNext(1, 500);
      await t.request('POST', `/api/v1/bookings/${booking.id}/cancel`, { token: b.ownerToken, body: {} });
      await drain();
      await t.sql(`update calendar_event_jobs set due_at = now() where booking_id = $1`, [booking.id]);
      await drain();
      expect(eventCalls(booking.id)).toEqual(['POST', 'POST', 'PATCH', 'DELETE', 'DELETE']);
      expect(google.account(email).events.get(eventIdFor(booking.id))!.status).toBe('cancelled');
      expect(await t.sql(`select pending from calendar_event_jobs where booking_id = $1`, [booking.id])).toEqual([
        { pending: false },
      ]);
    });

    it('a delete Google answers 404 or 410 is done', async () => {
      const b = await tenant();
      const [ana] = b.staffIds;
      const email = await connect(b, ana);
      const booking = await book(b, ana, b.day(2), '10:00');
      await drain();
      google.account(email).events.delete(eventIdFor(booking.id));
      await t.request('POST', `/api/v1/bookings/${booking.id}/cancel`, { token: b.ownerToken, body: {} });
      await drain();
      expect(eventCalls(booking.id)).toEqual(['POST', 'DELETE']);
      expect(await t.sql(`select pending, last_error from calendar_event_jobs where booking_id = $1`, [booking.id])).toEqual([
        { pending: false, last_error: null },
      ]);
    });

    it('disconnect revokes and forgets; connecting again rewrites events without duplicating them', async () => {
      const b = await tenant();
      const [ana] = b.staffIds;
      const email = await connect(b, ana);
      const booking = await book(b, ana, b.day(2), '10:00');
      await drain();
      const gone = await t.request('DELETE', `/api/v1/staff/${ana}/google`, { token: b.ownerToken });
      expect(gone.status).toBe(204);
      expect(google.revocations()).toHaveLength(1);
      expect(await status(b, ana)).toMatchObject({ status: 'disconnected' });
      expect(await t.sql(`select tokens from google_connections where staff_id = $1`, [ana])).toEqual([{ tokens: null }]);

      await connect(b, ana, email);
      await drain();
      expect(eventCalls(booking.id)).toEqual(['POST', 'PATCH']);
      expect([...google.account(email).events.values()].filter((e) => e.status === 'confirmed')).toHaveLength(1);
    });

    it('moving a booking to another staff member deletes it from the first calendar', async () => {
      const b = await tenant();
      const [ana, jordan] = b.staffIds;
      const anaEmail = await connect(b, ana);
      const jordanEmail = await connect(b, jordan);
      const booking = await book(b, ana, b.day(2), '10:00');
      await drain();
      await t.request('POST', `/api/v1/bookings/${booking.id}/reschedule`, {
        token: b.ownerToken,
        body: { start: b.at(b.day(2), '10:00'), staffId: jordan },
      });
      await drain();
      expect(google.account(anaEmail).events.get(eventIdFor(booking.id))!.status).toBe('cancelled');
      expect(google.account(jordanEmail).events.get(eventIdFor(booking.id))!.status).toBe('confirmed');
    });

    it('two processes share the work without calling Google twice', async () => {
      const b = await tenant();
      const [ana, jordan] = b.staffIds;
      await connect(b, ana);
      await connect(b, jordan);
      const bookings = await Promise.all([
        book(b, ana, b.day(2), '10:00'),
        book(b, ana, b.day(2), '11:00'),
        book(b, jordan, b.day(2), '10:00'),
        book(b, jordan, b.day(2), '12:00'),
      ]);
      const second = await TestApp.start(env(), t.databaseUrl);
      try {
        second.app.get(SchedulerRegistry).deleteInterval('calendar-sync');
        google.reset();
        google.delayMs = 30;
        const other = second.app.get(CalendarSyncWorker);
        await Promise.all([worker.runOnce(), other.runOnce(), worker.runOnce(), other.runOnce()]);
        google.delayMs = 0;
        for (const booking of bookings) expect(eventCalls(booking.id)).toEqual(['POST']);
        const freeBusy = google.calendarCalls().filter((c) => c.path === '/calendar/v3/freeBusy');
        expect(freeBusy).toHaveLength(2);
      } finally {
        await second.close();
      }
    });
  });
});
