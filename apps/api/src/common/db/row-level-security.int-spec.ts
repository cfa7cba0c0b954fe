import { DataSource } from 'typeorm';
import { TestApp } from '../../../../../test/harness';
import { Db } from './db.service';

describe('row-level security backstop', () => {
  let t: TestApp;
  let db: Db;
  let a: string;
  let b: string;
  beforeAll(async () => {
    t = await TestApp.start();
    db = t.app.get(Db);
    a = (await t.createTenant()).tenant.id;
    b = (await t.createTenant()).tenant.id;
  });
  afterAll(() => t.close());

  it('runs the application as a role that owns nothing and cannot bypass RLS', async () => {
    const [role] = await db.asTenant(a, (m) =>
      m.query(`select current_user as name, r.rolbypassrls, r.rolsuper from pg_roles r where r.rolname = current_user`),
    );
    expect(role).toEqual({ name: 'frontdesk_app', rolbypassrls: false, rolsuper: false });
    const owned = await t.sql(`select tablename from pg_tables where schemaname = 'public' and tableowner = 'frontdesk_app'`);
    expect(owned).toEqual([]);
  });

  it('shows a query without a tenant filter only its own tenant rows', async () => {
    // Each onboarded tenant has one staff member; the raw query names no tenant.
    const seenByA = await db.asTenant(a, (m) => m.query('select tenant_id from staff'));
    expect(seenByA.length).toBeGreaterThan(0);
    expect(new Set(seenByA.map((r: { tenant_id: string }) => r.tenant_id))).toEqual(new Set([a]));
    const seenByB = await db.asTenant(b, (m) => m.query('select tenant_id from staff'));
    expect(new Set(seenByB.map((r: { tenant_id: string }) => r.tenant_id))).toEqual(new Set([b]));
    const total = await t.sql(`select count(*)::int as n from staff where tenant_id in ($1, $2)`, [a, b]);
    expect(total[0].n).toBe(seenByA.length + seenByB.length);
  });

  it('shows nothing to a query that runs outside any tenant transaction', async () => {
    const raw = t.app.get(DataSource);
    expect(await raw.query('select * from staff')).toEqual([]);
    expect(await raw.query('select * from tenants')).toEqual([]);
    expect(await raw.query('select * from users')).toEqual([]);
  });

  it("refuses to write a row into another tenant's data", async () => {
    await expect(
      db.asTenant(a, (m) =>
        m.query(`insert into services (tenant_id, name, duration_minutes, price_cents) values ($1, 'x', 30, 0)`, [b]),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      db.asTenant(a, (m) => m.query(`update staff set name = 'hijacked' where tenant_id = $1 returning id`, [b])),
    ).resolves.toEqual([[], 0]);
    const names = await t.sql(`select name from staff where tenant_id = $1`, [b]);
    expect(names.map((r) => r.name)).not.toContain('hijacked');
  });

  it('throws when tenant-scoped code runs without a tenant context', async () => {
    await expect(db.tx(async (m) => m.query('select 1'))).rejects.toThrow(/No tenant context/);
  });
});
