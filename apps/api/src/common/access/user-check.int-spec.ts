import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { TestApp } from '../../../../../test/harness';
import { seedTenant } from '../../../../../test/factories';
import { hashPassword } from '../../modules/auth/passwords';

describe('every request checks the token against its user (USER_CHECK_CACHE_SECONDS=0: read each time)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ USER_CHECK_CACHE_SECONDS: '0' });
  });
  afterAll(() => t.close());

  const refused = async (url: string, token: string) => {
    const res = await t.request('GET', url, { token });
    return { status: res.status, code: res.body.code };
  };

  it('refuses a deleted user', async () => {
    const { tenant, ownerToken } = await seedTenant(t);
    expect((await t.request('GET', '/api/v1/tenant', { token: ownerToken })).status).toBe(200);
    await t.sql(`delete from users where tenant_id = $1`, [tenant.id]);
    expect(await refused('/api/v1/tenant', ownerToken)).toEqual({ status: 401, code: 'unauthorized' });
  });

  it("refuses a deleted user's token when it talks as a phone on the public chat", async () => {
    const { tenant, ownerToken } = await seedTenant(t);
    const chat = () =>
      t.request('POST', `/api/v1/public/${tenant.slug}/chat`, { token: ownerToken, body: { from: '+16465550142', text: 'Hi' } });
    expect((await chat()).status).toBe(200);
    await t.sql(`delete from users where tenant_id = $1`, [tenant.id]);
    const res = await chat();
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'unauthorized' });
  });

  it('refuses a demoted owner on owner-only routes (and everywhere until they sign in again)', async () => {
    const { tenant, ownerToken } = await seedTenant(t);
    expect((await t.request('GET', '/api/v1/audit', { token: ownerToken })).status).toBe(200);
    await t.sql(`update users set role = 'staff' where tenant_id = $1`, [tenant.id]);
    expect(await refused('/api/v1/audit', ownerToken)).toEqual({ status: 401, code: 'unauthorized' });
    expect(await refused('/api/v1/tenant', ownerToken)).toEqual({ status: 401, code: 'unauthorized' });
  });

  it('refuses a user moved to another tenant', async () => {
    const { tenant, ownerToken } = await seedTenant(t);
    const other = await seedTenant(t);
    await t.sql(`update users set tenant_id = $2 where tenant_id = $1`, [tenant.id, other.tenant.id]);
    expect(await refused('/api/v1/tenant', ownerToken)).toEqual({ status: 401, code: 'unauthorized' });
  });

  it('refuses a removed super-admin on platform routes', async () => {
    const email = `admin-${randomUUID()}@frontdesk.test`;
    await t.sql(
      `insert into users (tenant_id, email, name, role, password_hash) values (null, $1, 'Second Admin', 'super_admin', $2)`,
      [email, await hashPassword('second-admin-password', t.config.passwordHashCost)],
    );
    const token = await t.login(email, 'second-admin-password');
    expect((await t.request('GET', '/api/v1/admin/tenants', { token })).status).toBe(200);
    await t.sql(`delete from users where email = $1`, [email]);
    expect(await refused('/api/v1/admin/tenants', token)).toEqual({ status: 401, code: 'unauthorized' });
  });

  it('refuses a validly signed token whose subject is not a user id with 401, not a database error', async () => {
    const token = await t.app.get(JwtService).signAsync({ sub: 'not-a-uuid', role: 'super_admin', tid: null });
    expect(await refused('/api/v1/admin/tenants', token)).toEqual({ status: 401, code: 'unauthorized' });
  });
});

describe('the user check cache (the default lifetime)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it("refuses a suspended business's users at once when it is suspended through this process", async () => {
    const { tenant, ownerToken } = await seedTenant(t);
    // The owner's access is now remembered as active.
    expect((await t.request('GET', '/api/v1/tenant', { token: ownerToken })).status).toBe(200);
    const admin = await t.superAdminToken();
    await t.request('PATCH', `/api/v1/admin/tenants/${tenant.id}`, { token: admin, body: { status: 'suspended' } });
    const res = await t.request('GET', '/api/v1/tenant', { token: ownerToken });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('tenant_suspended');
    await t.request('PATCH', `/api/v1/admin/tenants/${tenant.id}`, { token: admin, body: { status: 'active' } });
    expect((await t.request('GET', '/api/v1/tenant', { token: ownerToken })).status).toBe(200);
  });
});
