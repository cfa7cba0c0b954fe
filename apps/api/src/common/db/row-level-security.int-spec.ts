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

  it('connects as a role that owns nothing, cannot bypass RLS and belongs to no other role', async () => {
    const [role] = await db.asTenant(a, (m) =>
      m.query(
        `select session_user as session, current_user as name, r.rolbypassrls, r.rolsuper, r.rolcreaterole, r.rolinherit
           from pg_roles r where r.rolname = current_user`,
      ),
    );
    expect(role).toEqual({
      session: 'frontdesk_app',
      name: 'frontdesk_app',
      rolbypassrls: false,
      rolsuper: false,
      rolcreaterole: false,
      rolinherit: false,
    });
    const owned = await t.sql(`select tablename from pg_tables where schemaname = 'public' and tableowner = 'frontdesk_app'`);
    expect(owned).toEqual([]);
    const memberOf = await t.sql(
      `select roleid::regrole::text as role from pg_auth_members where member = 'frontdesk_app'::regrole`,
    );
    expect(memberOf).toEqual([]);
  });

  it('guards every table that holds tenant rows with the tenant policy', async () => {
    const tables = await t.sql(
      `select c.relname as table, c.relrowsecurity as rls,
              (select array_agg(p.qual order by p.polname) from (
                 select polname, pg_get_expr(polqual, polrelid) as qual from pg_policy where polrelid = c.oid) p) as policies
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'
          and (exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
               or c.relname = 'tenants')
        order by c.relname`,
    );
    expect(tables.length).toBeGreaterThan(8);
    for (const table of tables) {
      const column = table.table === 'tenants' ? 'id' : 'tenant_id';
      expect({ table: table.table, rls: table.rls, policies: table.policies }).toEqual({
        table: table.table,
        rls: true,
        policies: [`(${column} = app_tenant_id())`],
      });
    }
  });

  describe('holds against any statement the app could send', () => {
    const owner = () => new URL(t.databaseUrl).username;
    const staffTenants = async (statements: string[]) =>
      db.asTenant(a, async (m) => {
        for (const statement of statements) {
          // A refused statement aborts only its savepoint: the transaction goes on to look.
          await m.query('SAVEPOINT probe');
          await m.query(statement).then(
            () => m.query('RELEASE SAVEPOINT probe'),
            () => m.query('ROLLBACK TO SAVEPOINT probe'),
          );
        }
        const rows: { tenant_id: string }[] = await m.query('select tenant_id from staff');
        const [who]: { session: string; current: string }[] = await m.query(
          'select session_user as session, current_user as current',
        );
        return { tenants: new Set(rows.map((r) => r.tenant_id)), who };
      });

    it('RESET ROLE', async () => {
      const seen = await staffTenants(['RESET ROLE']);
      expect(seen.tenants).toEqual(new Set([a]));
      expect(seen.who).toEqual({ session: 'frontdesk_app', current: 'frontdesk_app' });
    });

    it('SET ROLE to the owner is refused', async () => {
      await expect(db.asTenant(a, (m) => m.query(`SET ROLE "${owner()}"`))).rejects.toThrow(/permission denied/);
      const seen = await staffTenants([`SET ROLE "${owner()}"`, 'SET ROLE postgres']);
      expect(seen.tenants).toEqual(new Set([a]));
      expect(seen.who).toEqual({ session: 'frontdesk_app', current: 'frontdesk_app' });
    });

    it("the old cross-tenant switch (set_config('app.cross_tenant', 'on'))", async () => {
      const seen = await staffTenants([`select set_config('app.cross_tenant', 'on', false)`]);
      expect(seen.tenants).toEqual(new Set([a]));
      const outside = await t.app.get(DataSource).transaction(async (m) => {
        await m.query(`select set_config('app.cross_tenant', 'on', true)`);
        return m.query('select * from tenants');
      });
      expect(outside).toEqual([]);
    });

    it('SET SESSION AUTHORIZATION is refused', async () => {
      await expect(db.asTenant(a, (m) => m.query(`SET SESSION AUTHORIZATION "${owner()}"`))).rejects.toThrow(/permission denied/);
    });
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

  it("keeps each request's tenant to itself when two tenants' requests interleave", async () => {
    const owners = await Promise.all(
      ['Alder', 'Birch'].map(async (name) => {
        const { ownerToken } = await t.createTenant();
        const created = await t.request('POST', '/api/v1/services', {
          token: ownerToken,
          body: { name: `${name} Cut`, durationMinutes: 30, priceCents: 1000 },
        });
        expect(created.status).toBe(201);
        return { name, ownerToken };
      }),
    );
    const answers = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const { name, ownerToken } = owners[i % 2];
        const res = await t.request('GET', '/api/v1/services', { token: ownerToken });
        return [name, (res.body.items as { name: string }[]).map((service) => service.name)];
      }),
    );
    expect(answers).toEqual(Array.from({ length: 40 }, (_, i) => [owners[i % 2].name, [`${owners[i % 2].name} Cut`]]));
  });

  it('throws when tenant-scoped code runs without a tenant context', async () => {
    await expect(db.tx(async (m) => m.query('select 1'))).rejects.toThrow(/No tenant context/);
  });
});
