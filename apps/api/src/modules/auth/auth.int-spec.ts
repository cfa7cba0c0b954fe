import { SUPERADMIN, TestApp } from '../../../../../test/harness';
import { JwtService } from '@nestjs/jwt';
import argon2 from 'argon2';
import { setTimeout as sleep } from 'node:timers/promises';
import { LOGIN_FAILURES_PER_PAIR } from '../../common/access/rate-limits.service';
import { hashPassword } from './passwords';

/** The cost an argon2 hash was made with, from its `$m=…,t=…,p=…$` segment. */
const costOf = (hash: string) =>
  Object.fromEntries(
    hash
      .split('$')[3]
      .split(',')
      .map((kv) => [kv.split('=')[0], Number(kv.split('=')[1])]),
  );

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

  it('hashes new passwords at the configured cost', async () => {
    const [row] = await t.sql<{ password_hash: string }>(`select password_hash from users where email = $1`, [SUPERADMIN.email]);
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(costOf(row.password_hash)).toEqual({ m: 1024, t: 1, p: 1 });
  });

  it('still signs in a user whose password was hashed at another cost (the production default)', async () => {
    const hash = await hashPassword('stored-at-full-cost', { memoryCost: 65536, timeCost: 3, parallelism: 4 });
    expect(costOf(hash)).toEqual({ m: 65536, t: 3, p: 4 });
    await t.sql(
      `insert into users (tenant_id, email, name, role, password_hash) values (null, $1, 'Old Admin', 'super_admin', $2)`,
      ['old-admin@frontdesk.test', hash],
    );
    const ok = await t.request('POST', '/api/v1/auth/login', {
      body: { email: 'old-admin@frontdesk.test', password: 'stored-at-full-cost' },
    });
    expect(ok.status).toBe(200);
    const wrong = await t.request('POST', '/api/v1/auth/login', {
      body: { email: 'old-admin@frontdesk.test', password: 'nope-nope' },
    });
    expect(wrong.status).toBe(401);
  });
});

describe('a suspended business', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  it("answers its users' right and wrong passwords alike, as wrong credentials, after checking either", async () => {
    const { tenant, ownerEmail } = await t.createTenant();
    const admin = await t.superAdminToken();
    await t.request('PATCH', `/api/v1/admin/tenants/${tenant.id}`, { token: admin, body: { status: 'suspended' } });
    const verify = jest.spyOn(argon2, 'verify');

    const right = await t.request('POST', '/api/v1/auth/login', { body: { email: ownerEmail, password: 'owner-password' } });
    const wrong = await t.request('POST', '/api/v1/auth/login', { body: { email: ownerEmail, password: 'not-the-password' } });
    const unknown = await t.request('POST', '/api/v1/auth/login', {
      body: { email: 'ghost@example.test', password: 'owner-password' },
    });

    expect(right.status).toBe(401);
    expect(right.body).toEqual(wrong.body);
    expect(right.body).toEqual(unknown.body);
    expect(right.body).toMatchObject({ code: 'unauthorized', message: 'Email or password is incorrect' });
    // Each answer came after one password verification, so none is quicker than the others.
    expect(verify).toHaveBeenCalledTimes(3);
  });
});

describe('failed login limiting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('throttles an email from the IP that failed, even for the right password', async () => {
    const { ownerEmail } = await t.createTenant();
    for (let i = 0; i < LOGIN_FAILURES_PER_PAIR; i++) {
      const res = await t.request('POST', '/api/v1/auth/login', { body: { email: ownerEmail, password: `wrong-${i}` } });
      expect(res.status).toBe(401);
    }
    const locked = await t.request('POST', '/api/v1/auth/login', { body: { email: ownerEmail, password: 'owner-password' } });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ code: 'rate_limited', retryAfterSeconds: expect.any(Number) });
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

  it('stops accepting a token it accepted once the token expires', async () => {
    const jwt = t.app.get(JwtService);
    const { sub, role, tid } = jwt.decode<{ sub: string; role: string; tid: string | null }>(await t.superAdminToken());
    const shortLived = await jwt.signAsync({ sub, role, tid }, { expiresIn: 2 });
    expect((await t.request('GET', '/api/v1/admin/tenants', { token: shortLived })).status).toBe(200);
    // Accepted again from what the first request verified, until the token's expiry.
    expect((await t.request('GET', '/api/v1/admin/tenants', { token: shortLived })).status).toBe(200);
    await sleep(jwt.decode<{ exp: number }>(shortLived).exp * 1000 - Date.now() + 50);
    const res = await t.request('GET', '/api/v1/admin/tenants', { token: shortLived });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthorized');
  });
});
