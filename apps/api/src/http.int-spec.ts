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

  it.each([['<script>alert(1)</script>'], ['a'.repeat(65)], ['two words'], ['line\\nbreak'], ['ünïcode']])(
    'replaces a client request id that is not a short safe token (%s) with its own',
    async (id) => {
      const res = await t.request('GET', '/health', { headers: { 'x-request-id': id } });
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f-]{27}$/);
    },
  );

  it('sends security headers', async () => {
    const res = await t.request('GET', '/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('allows inline scripts only on the API docs, never in the admin app or the API', async () => {
    const scriptSrc = (csp: unknown) => /script-src ([^;]*)/.exec(String(csp))?.[1];
    for (const path of ['/', '/bookings/some-id', '/api/v1/tenant', '/health', '/api/docs-json']) {
      const res = await t.request('GET', path);
      expect({ path, scriptSrc: scriptSrc(res.headers['content-security-policy']) }).toEqual({ path, scriptSrc: "'self'" });
    }
    const docs = await t.request('GET', '/api/docs');
    expect(docs.status).toBe(200);
    expect(scriptSrc(docs.headers['content-security-policy'])).toBe("'self' 'unsafe-inline'");
  });

  it('sends no HSTS when served over plain HTTP', async () => {
    expect(t.config.publicBaseUrl).toMatch(/^http:/);
    expect((await t.request('GET', '/health')).headers['strict-transport-security']).toBeUndefined();
    expect((await t.request('GET', '/')).headers['strict-transport-security']).toBeUndefined();
  });

  it('allows the admin origin through CORS, and not the dev server outside development', async () => {
    const res = await t.request('OPTIONS', '/api/v1/auth/login', {
      headers: { origin: t.config.publicBaseUrl, 'access-control-request-method': 'POST' },
    });
    expect(res.headers['access-control-allow-origin']).toBe(t.config.publicBaseUrl);
    const dev = await t.request('OPTIONS', '/api/v1/auth/login', {
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(dev.headers['access-control-allow-origin']).toBeUndefined();
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

describe('HTTP surface served over HTTPS, in development', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ PUBLIC_BASE_URL: 'https://desk.example.test', NODE_ENV: 'development' });
  });
  afterAll(() => t.close());

  it('sends HSTS when the public base URL is https', async () => {
    const res = await t.request('GET', '/health');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('lets the admin dev server through CORS in development', async () => {
    const res = await t.request('OPTIONS', '/api/v1/auth/login', {
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
  });
});
