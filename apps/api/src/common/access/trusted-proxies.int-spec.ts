import { TestApp } from '../../../../../test/harness';
import { LOGIN_FAILURES_PER_PAIR } from './rate-limits.service';

/*
 * Fastify's inject() connects from 127.0.0.1: that is the direct peer here, and X-Forwarded-For
 * is what a client (or a proxy in front of the app) claims.
 */
const PROFILE = '/api/v1/public/nobody-by-this-slug';
const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });

describe('client IPs with no trusted proxy (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ PUBLIC_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('counts public requests per direct peer, whatever X-Forwarded-For claims', async () => {
    for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      expect((await t.request('GET', PROFILE, from(ip))).status).toBe(404);
    }
    const res = await t.request('GET', PROFILE, from('203.0.113.4'));
    expect(res.status).toBe(429);
    expect(res.body.code).toBe('rate_limited');
  });

  it('throttles failed sign-ins per direct peer, whatever X-Forwarded-For claims', async () => {
    const { ownerEmail } = await t.createTenant();
    for (let i = 0; i < LOGIN_FAILURES_PER_PAIR; i++) {
      const res = await t.request('POST', '/api/v1/auth/login', {
        body: { email: ownerEmail, password: `wrong-${i}` },
        ...from(`198.51.100.${i}`),
      });
      expect(res.status).toBe(401);
    }
    const res = await t.request('POST', '/api/v1/auth/login', {
      body: { email: ownerEmail, password: 'owner-password' },
      ...from('198.51.100.200'),
    });
    expect(res.status).toBe(429);
  });
});

describe('client IPs behind a trusted proxy (TRUSTED_PROXIES=127.0.0.1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ PUBLIC_RATE_LIMIT_PER_MINUTE: '3', TRUSTED_PROXIES: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('counts public requests per forwarded client IP', async () => {
    for (let i = 0; i < 3; i++) expect((await t.request('GET', PROFILE, from('203.0.113.1'))).status).toBe(404);
    expect((await t.request('GET', PROFILE, from('203.0.113.1'))).status).toBe(429);
    expect((await t.request('GET', PROFILE, from('203.0.113.2'))).status).toBe(404);
    // The client is the address the trusted proxy appended last, not what the client put before it.
    expect((await t.request('GET', PROFILE, from('203.0.113.9, 203.0.113.1'))).status).toBe(429);
  });
});
