import { SUPERADMIN, TestApp } from '../../../../../test/harness';

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
    const wrongPassword = await t.request('POST', '/api/v1/auth/login', { body: { email: SUPERADMIN.email, password: 'nope-nope' } });
    const unknownEmail = await t.request('POST', '/api/v1/auth/login', { body: { email: 'ghost@example.test', password: 'nope-nope' } });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownEmail.body);
    expect(wrongPassword.body.code).toBe('unauthorized');
  });
});
