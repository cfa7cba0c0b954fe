import { bookableTenant, customer, type BookableTenant } from '../../../test/booking-fixtures';
import { DbFingerprint } from '../../../test/db-fingerprint';
import { SUPERADMIN, TestApp, type RequestOptions } from '../../../test/harness';

/** Bad input is a 400 (never a 500), in the contract's error shape, and writes nothing. */
describe('input hardening', () => {
  let t: TestApp;
  let b: BookableTenant;
  let admin: string;
  let customerId: string;
  let fingerprint: DbFingerprint;

  beforeAll(async () => {
    t = await TestApp.start();
    b = await bookableTenant(t);
    admin = await t.superAdminToken();
    const booked = await t.request('POST', `/api/v1/public/${b.tenant.slug}/bookings`, {
      body: { serviceId: b.serviceId, start: b.at(b.day(3), '10:00'), customer: customer() },
    });
    if (booked.status !== 201) throw new Error(`setup booking failed: ${JSON.stringify(booked.body)}`);
    customerId = booked.body.customer.id;
    fingerprint = await DbFingerprint.open(t.databaseUrl);
  });
  afterAll(async () => {
    await fingerprint?.close();
    await t.close();
  });

  /** Sends the request and expects a 4xx with `code`, and the database unchanged. */
  async function expectRejected(method: string, url: string, options: RequestOptions, status: number, code: string) {
    const before = await fingerprint.take();
    const res = await t.request(method, url, options);
    expect({ url, status: res.status, code: res.body?.code }).toEqual({ url, status, code });
    expect(res.body.statusCode).toBe(status);
    expect(JSON.stringify(res.body)).not.toMatch(/\bat .+\(.+:\d+:\d+\)/); // no stack trace
    expect(await fingerprint.take()).toEqual(before);
    return res;
  }

  const json = (payload: string, token?: string): RequestOptions => ({
    token,
    payload,
    headers: { 'content-type': 'application/json' },
  });

  describe('a NUL character (U+0000) anywhere is a 400', () => {
    const nul = 'a\u0000b';

    it('in body fields: names, notes, aliases, search, login email, tenant names, chat', async () => {
      const owner = b.ownerToken;
      const service = { name: 'Colour', durationMinutes: 30, priceCents: 100 };
      await expectRejected(
        'POST',
        '/api/v1/services',
        { token: owner, body: { ...service, name: nul } },
        400,
        'validation_failed',
      );
      await expectRejected(
        'POST',
        '/api/v1/services',
        { token: owner, body: { ...service, aliases: [nul] } },
        400,
        'validation_failed',
      );
      await expectRejected('POST', '/api/v1/staff', { token: owner, body: { name: nul } }, 400, 'validation_failed');
      await expectRejected(
        'PATCH',
        `/api/v1/customers/${customerId}`,
        { token: owner, body: { notes: nul } },
        400,
        'validation_failed',
      );
      await expectRejected(
        'POST',
        '/api/v1/auth/login',
        { body: { email: nul, password: 'whatever-password' } },
        400,
        'validation_failed',
      );
      await expectRejected('POST', `/api/v1/public/${b.tenant.slug}/chat`, { body: { text: nul } }, 400, 'validation_failed');
      await expectRejected(
        'POST',
        `/api/v1/public/${b.tenant.slug}/bookings`,
        { body: { serviceId: b.serviceId, start: b.at(b.day(4), '10:00'), customer: customer('+12125550150', nul) } },
        400,
        'validation_failed',
      );
      await expectRejected(
        'PATCH',
        `/api/v1/admin/tenants/${b.tenant.id}`,
        { token: admin, body: { name: nul } },
        400,
        'validation_failed',
      );
      // Escaped in the JSON text, not a raw byte: it still decodes to U+0000.
      await expectRejected('POST', '/api/v1/staff', json('{"name":"x\\u0000y"}', owner), 400, 'validation_failed');
    });

    it('in query strings and path segments', async () => {
      await expectRejected('GET', '/api/v1/customers?search=a%00b', { token: b.ownerToken }, 400, 'validation_failed');
      await expectRejected('GET', '/api/v1/bookings?search=%00', { token: b.ownerToken }, 400, 'validation_failed');
      await expectRejected('GET', '/api/v1/public/salon%00x', {}, 400, 'validation_failed');
      await expectRejected('GET', `/api/v1/public/manage/abc%00def`, {}, 400, 'validation_failed');
      await expectRejected(
        'GET',
        `/api/v1/public/${b.tenant.slug}%00/availability?serviceId=${b.serviceId}&from=${b.day(1)}&to=${b.day(2)}`,
        {},
        400,
        'validation_failed',
      );
    });
  });

  describe('deeply nested JSON is a 400 before anything parses it into objects', () => {
    const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

    it('anonymous, at the top and inside a field', async () => {
      await expectRejected('POST', '/api/v1/auth/login', json(deep(10_000)), 400, 'validation_failed');
      await expectRejected(
        'POST',
        '/api/v1/auth/login',
        json(`{"email":${deepObject(10_000)},"password":"x"}`),
        400,
        'validation_failed',
      );
      await expectRejected('POST', `/api/v1/public/${b.tenant.slug}/chat`, json(deep(100_000)), 400, 'validation_failed');
    });

    it('authenticated too', async () => {
      await expectRejected(
        'PUT',
        '/api/v1/hours',
        json(`{"weekly":${deepObject(10_000)}}`, b.ownerToken),
        400,
        'validation_failed',
      );
      await expectRejected(
        'POST',
        '/api/v1/staff',
        json(`{"name":"x","hours":${deepObject(33)}}`, b.ownerToken),
        400,
        'validation_failed',
      );
    });

    it('still takes ordinary nesting and brackets inside strings', async () => {
      const res = await t.request('POST', '/api/v1/staff', json(`{"name":"${'[{'.repeat(100)}"}`, b.ownerToken));
      expect(res.status).toBe(201);
    });
  });

  describe('instants outside a sane range, or with an impossible offset, are a 400', () => {
    const bad = ['9999-12-31T23:59:59Z', '2026-12-01T15:00:00+25:00', '2026-12-01T15:00:00-13:30', '0001-01-01T00:00:00Z'];

    it('on public booking, admin booking and reschedule', async () => {
      for (const start of bad) {
        await expectRejected(
          'POST',
          `/api/v1/public/${b.tenant.slug}/bookings`,
          { body: { serviceId: b.serviceId, start, customer: customer('+12125550160') } },
          400,
          'validation_failed',
        );
        await expectRejected(
          'POST',
          '/api/v1/bookings',
          { token: b.ownerToken, body: { serviceId: b.serviceId, start, customer: customer('+12125550160') } },
          400,
          'validation_failed',
        );
      }
    });

    it('on availability, for local dates far out of range', async () => {
      for (const [from, to] of [
        ['9999-12-25', '9999-12-31'],
        ['0001-01-01', '0001-01-02'],
      ]) {
        const query = `serviceId=${b.serviceId}&from=${from}&to=${to}`;
        await expectRejected('GET', `/api/v1/public/${b.tenant.slug}/availability?${query}`, {}, 400, 'validation_failed');
        await expectRejected('GET', `/api/v1/availability?${query}`, { token: b.ownerToken }, 400, 'validation_failed');
      }
    });

    it('still takes any real offset', async () => {
      // Days out, so that no reminder of this booking falls due while later cases compare snapshots.
      const res = await t.request(
        'GET',
        `/api/v1/public/${b.tenant.slug}/availability?serviceId=${b.serviceId}&from=${b.day(5)}&to=${b.day(6)}`,
      );
      expect(res.status).toBe(200);
      const [slot] = res.body.slots as { start: string }[];
      const plus14 = new Date(slot.start).toISOString().replace('Z', '+00:00');
      const booked = await t.request('POST', `/api/v1/public/${b.tenant.slug}/bookings`, {
        body: { serviceId: b.serviceId, start: plus14, customer: customer('+12125550161') },
      });
      expect(booked.status).toBe(201);
    });
  });

  describe('list paging bounds', () => {
    it.each([
      ['/api/v1/customers?offset=9223372036854775808'],
      ['/api/v1/customers?offset=99999999999999999999999'],
      ['/api/v1/customers?limit=9223372036854775808'],
      ['/api/v1/conversations?offset=9223372036854775808'],
      ['/api/v1/bookings?offset=9223372036854775808'],
      ['/api/v1/audit?before=9223372036854775808'],
      ['/api/v1/audit?before=1e300'],
    ])('%s is a 400 naming the bound', async (url) => {
      const res = await expectRejected('GET', url, { token: b.ownerToken }, 400, 'validation_failed');
      expect(JSON.stringify(res.body.message)).toMatch(/must not be greater than \d+/);
    });
  });

  it('PATCH /customers/:id {"name": null} is a clear 400', async () => {
    const res = await expectRejected(
      'PATCH',
      `/api/v1/customers/${customerId}`,
      { token: b.ownerToken, body: { name: null } },
      400,
      'validation_failed',
    );
    expect(JSON.stringify(res.body.message)).toMatch(/name/);
    // Nullable fields of the same DTO stay nullable; a not-null flag does not.
    await expectRejected(
      'PATCH',
      `/api/v1/customers/${customerId}`,
      { token: b.ownerToken, body: { optedOut: null } },
      400,
      'validation_failed',
    );
    expect(
      (await t.request('PATCH', `/api/v1/customers/${customerId}`, { token: b.ownerToken, body: { notes: null } })).status,
    ).toBe(200);
  });

  describe('framework errors speak the contract', () => {
    it('a body over the limit is 413 payload_too_large', async () => {
      const big = JSON.stringify({ email: 'x'.repeat(2 * 1024 * 1024), password: 'x' });
      await expectRejected('POST', '/api/v1/auth/login', json(big), 413, 'payload_too_large');
    });

    it('a malformed URL is 400 validation_failed', async () => {
      const res = await expectRejected('GET', '/api/v1/customers/%E0%A4%A', { token: b.ownerToken }, 400, 'validation_failed');
      expect(res.body.code).not.toMatch(/^FST_/);
    });

    it('an unsupported content type is a 4xx in the error shape', async () => {
      const res = await t.request('POST', '/api/v1/auth/login', { payload: 'x', headers: { 'content-type': 'application/xml' } });
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({ statusCode: 415, code: 'validation_failed' });
    });
  });

  describe('length limits answer 400 before any work', () => {
    it('chat text is 1 to 2,000 characters', async () => {
      const chat = (text: string) => ({ body: { text } });
      await expectRejected('POST', `/api/v1/public/${b.tenant.slug}/chat`, chat('x'.repeat(2001)), 400, 'validation_failed');
      await expectRejected('POST', `/api/v1/public/${b.tenant.slug}/chat`, chat(''), 400, 'validation_failed');
      // 2,000 characters, each an astral-plane one (two UTF-16 code units): still 2,000.
      const ok = await t.request('POST', `/api/v1/public/${b.tenant.slug}/chat`, chat('😀'.repeat(2000)));
      expect(ok.status).toBe(200);
    });

    it('names, notes and free text everywhere', async () => {
      const owner = b.ownerToken;
      const long = (n: number) => 'x'.repeat(n + 1);
      await expectRejected(
        'PUT',
        '/api/v1/settings/channels',
        { token: owner, body: { smsNumber: long(40), whatsappPhoneNumberId: null } },
        400,
        'validation_failed',
      );
      await expectRejected(
        'PATCH',
        `/api/v1/customers/${customerId}`,
        { token: owner, body: { notes: long(5000) } },
        400,
        'validation_failed',
      );
      await expectRejected('POST', '/api/v1/staff', { token: owner, body: { name: long(200) } }, 400, 'validation_failed');
      await expectRejected(
        'POST',
        '/api/v1/auth/login',
        { body: { email: SUPERADMIN.email, password: long(200) } },
        400,
        'validation_failed',
      );
    });
  });
});
