import { TestApp } from '../../../test/harness';

describe('HTTP surface', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('answers /health with the database state', async () => {
    const res = await t.request('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', db: 'up' });
  });

  it('gives every answer a request id, echoing one the client sent', async () => {
    const generated = await t.request('GET', '/health');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await t.request('GET', '/health', { headers: { 'x-request-id': 'trace-123' } });
    expect(echoed.headers['x-request-id']).toBe('trace-123');
  });

  it('sends security headers', async () => {
    const res = await t.request('GET', '/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('allows the admin origin through CORS', async () => {
    const res = await t.request('OPTIONS', '/api/v1/auth/login', {
      headers: { origin: t.config.publicBaseUrl, 'access-control-request-method': 'POST' },
    });
    expect(res.headers['access-control-allow-origin']).toBe(t.config.publicBaseUrl);
  });

  it('answers unknown API routes with the error shape', async () => {
    const res = await t.request('GET', '/api/v1/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'not_found' });
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.request('GET', '/api/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/admin/tenants']));
    expect((await t.request('GET', '/api/docs')).status).toBe(200);
  });

  it('serves the admin app at / and for its client-side routes', async () => {
    for (const path of ['/', '/bookings/some-id']) {
      const res = await t.request('GET', path);
      expect(res.status).toBe(200);
      expect(String(res.headers['content-type'])).toContain('text/html');
      expect(res.body).toContain('<div id="root">');
    }
  });
});

describe('public rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ PUBLIC_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 rate_limited past the per-minute budget of one client IP', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.request('GET', '/api/v1/public/no-such-business')).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
    const limited = await t.request('GET', '/api/v1/public/no-such-business');
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Health is not a public booking endpoint and stays reachable.
    expect((await t.request('GET', '/health')).status).toBe(200);
  });
});
