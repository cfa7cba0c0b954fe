import { SUPERADMIN, TestApp } from '../../../../../test/harness';
import { LOGIN_FAILURES_PER_EMAIL } from '../../common/access/rate-limits.service';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('signs in the super-admin with a null tenant', async () => {
    const res = await t.request('POST', '/api/v1/auth/login', { body: SUPERADMIN });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: SUPERADMIN.email, role: 'super_admin', tenantId: null });
    expect(typeof res.body.accessToken).toBe('string');
  });

  it('answers wrong credentials with the same 401 whether the email exists or not', async () => {
    const wrongPassword = await t.request('POST', '/api/v1/auth/login', {
      body: { email: SUPERADMIN.email, password: 'nope-nope' },
    });
    const unknownEmail = await t.request('POST', '/api/v1/auth/login', {
      body: { email: 'ghost@example.test', password: 'nope-nope' },
    });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownEmail.body);
    expect(wrongPassword.body.code).toBe('unauthorized');
  });
});

describe('failed login limiting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('locks an email after repeated failures, even for the right password', async () => {
    const { ownerEmail } = await t.createTenant();
    for (let i = 0; i < LOGIN_FAILURES_PER_EMAIL; i++) {
      const res = await t.request('POST', '/api/v1/auth/login', { body: { email: ownerEmail, password: `wrong-${i}` } });
      expect(res.status).toBe(401);
    }
    const locked = await t.request('POST', '/api/v1/auth/login', { body: { email: ownerEmail, password: 'owner-password' } });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('answers a malformed login body with 400 validation_failed', async () => {
    const res = await t.request('POST', '/api/v1/auth/login', { body: { email: 'a@example.test' } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
  });

  it('rejects a tampered or expired access token with 401', async () => {
    const token = await t.superAdminToken();
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    const res = await t.request('GET', '/api/v1/admin/tenants', { token: tampered });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthorized');
  });
});
