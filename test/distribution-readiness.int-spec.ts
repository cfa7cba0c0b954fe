/**
 * The rules a distributed Postgres (Citus, every tenant table distributed by `tenant_id`) needs
 * of the schema, read from the live catalog of the migrated database: a key or foreign key it
 * cannot enforce per shard, or a policy it cannot push down, fails here before it reaches a
 * migration. Every table is placed explicitly, so a new table fails until someone decides where
 * it goes; SCALING.md's SQL must place each table the same way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase } from './harness';

/** Distributed by `tenant_id`, colocated: every table that holds one tenant's rows. */
const DISTRIBUTED_BY_TENANT = [
  'audit_log',
  'bookings',
  'calendar_event_jobs',
  'calendar_feeds',
  'conversations',
  'customers',
  'external_busy',
  'google_connections',
  'idempotency_keys',
  'messages',
  'overrides',
  'payments',
  'refunds',
  'reminders',
  'services',
  'staff',
  'staff_services',
  'web_chats',
];

type Placement = 'reference' | 'local' | `distributed by ${string}`;

/** Every other table: where it goes under Citus, and why not with its tenant. */
const PLACED_OTHERWISE: Record<string, { placement: Placement; why: string }> = {
  tenants: {
    placement: 'reference',
    why: 'the tenants themselves, found by slug, number or Stripe account before any tenant is known; every tenant table references it',
  },
  users: { placement: 'reference', why: 'sign-in finds a user by email across tenants, and super-admins have no tenant' },
  stripe_events: {
    placement: 'local',
    why: "events of accounts no tenant owns have no tenant; each event is recorded once by Stripe's id, whatever its tenant",
  },
  platform_audit_log: { placement: 'local', why: "super-admins' changes, outside any tenant" },
  early_delivery_statuses: {
    placement: 'local',
    why: 'delivery reports that came before their send was recorded, kept by provider id for minutes',
  },
  rate_limits: {
    placement: 'distributed by key',
    why: 'counters per client address or login, counted before any tenant is known',
  },
  migrations: { placement: 'local', why: "TypeORM's record of the migrations applied" },
  inbound_message_ids: {
    placement: 'distributed by provider_message_id',
    why: "a provider's inbound message id is recognised once across the platform, whichever business's number it reaches",
  },
};

const PLACEMENTS = new Map<string, Placement>([
  ...DISTRIBUTED_BY_TENANT.map((table) => [table, 'distributed by tenant_id'] as const),
  ...Object.entries(PLACED_OTHERWISE).map(([table, { placement }]) => [table, placement] as const),
]);

const sqlList = (tables: string[]) => tables.map((table) => `'${table}'`).join(', ');
const DISTRIBUTED = `(select oid from pg_class where relnamespace = 'public'::regnamespace and relname in (${sqlList(DISTRIBUTED_BY_TENANT)}))`;
const REFERENCE = `(select oid from pg_class where relnamespace = 'public'::regnamespace and relname in (${sqlList(
  Object.keys(PLACED_OTHERWISE).filter((table) => PLACED_OTHERWISE[table].placement === 'reference'),
)}))`;
const tenantIdOf = (rel: string) =>
  `(select a.attnum from pg_attribute a where a.attrelid = ${rel} and a.attname = 'tenant_id' and not a.attisdropped)`;

/** The placement SCALING.md's SQL gives each table, in the order it gives them. */
function placementsInScalingMd(): [string, Placement][] {
  const text = readFileSync(join(__dirname, '..', 'SCALING.md'), 'utf8');
  const calls = text.matchAll(
    /(create_distributed_table|create_reference_table|citus_add_local_table_to_metadata)\('(\w+)'(?:, '(\w+)')?/g,
  );
  return [...calls].map(([, call, table, column]): [string, Placement] => [
    table,
    call === 'create_reference_table' ? 'reference' : call === 'create_distributed_table' ? `distributed by ${column}` : 'local',
  ]);
}

describe('the schema is ready to distribute by tenant_id', () => {
  let db: Client;

  beforeAll(async () => {
    db = new Client({ connectionString: await createTestDatabase() });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
  });

  it('places every table, each once', async () => {
    const { rows } = await db.query<{ table: string }>(`
      select relname as table from pg_class
       where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') order by 1`);
    expect(rows.map((r) => r.table)).toEqual([...PLACEMENTS.keys()].sort());
    expect(PLACEMENTS.size).toBe(DISTRIBUTED_BY_TENANT.length + Object.keys(PLACED_OTHERWISE).length);
  });

  it('gives every distributed table a tenant_id that is never null (Citus refuses a row without one)', async () => {
    const { rows } = await db.query<{ table: string }>(`
      select c.relname as table from pg_class c
       where c.oid in ${DISTRIBUTED}
         and not exists (select 1 from pg_attribute a
                          where a.attrelid = c.oid and a.attname = 'tenant_id' and a.attnotnull and not a.attisdropped)
       order by 1`);
    expect(rows.map((r) => r.table)).toEqual([]);
  });

  it('has tenant_id in every primary key, unique index and exclusion constraint of a distributed table', async () => {
    const { rows } = await db.query<{ what: string }>(`
      select format('%s on %s', i.indexrelid::regclass, i.indrelid::regclass) as what
        from pg_index i
       where i.indrelid in ${DISTRIBUTED} and i.indisunique
         and not ${tenantIdOf('i.indrelid')} = any (i.indkey::int2[])
      union all
      select format('%s on %s', x.conname, x.conrelid::regclass)
        from pg_constraint x
       where x.contype = 'x' and x.conrelid in ${DISTRIBUTED}
         and not ${tenantIdOf('x.conrelid')} = any (x.conkey)
       order by 1`);
    expect(rows.map((r) => r.what)).toEqual([]);
  });

  it('has tenant_id on both sides, paired, of every foreign key between distributed tables', async () => {
    const { rows } = await db.query<{ what: string }>(`
      select format('%s on %s', f.conname, f.conrelid::regclass) as what
        from pg_constraint f
       where f.contype = 'f' and f.conrelid in ${DISTRIBUTED} and f.confrelid in ${DISTRIBUTED}
         and not exists (
           select 1 from unnest(f.conkey, f.confkey) as k(child, parent)
            where k.child = ${tenantIdOf('f.conrelid')} and k.parent = ${tenantIdOf('f.confrelid')})
       order by 1`);
    expect(rows.map((r) => r.what)).toEqual([]);
  });

  it('points every other foreign key at a reference table', async () => {
    const { rows } = await db.query<{ what: string }>(`
      select format('%s on %s', f.conname, f.conrelid::regclass) as what
        from pg_constraint f
       where f.contype = 'f' and f.connamespace = 'public'::regnamespace
         and f.confrelid not in ${REFERENCE}
         and not (f.conrelid in ${DISTRIBUTED} and f.confrelid in ${DISTRIBUTED})
       order by 1`);
    expect(rows.map((r) => r.what)).toEqual([]);
  });

  it('finds a row of a distributed table by its id together with its tenant in SQL functions', async () => {
    // No policy adds the tenant inside a SECURITY DEFINER function, and the key is (tenant_id, id):
    // `x.id = y.z` alone would read the whole table (and is not routable to one shard under Citus).
    const { rows } = await db.query<{ name: string; source: string }>(`
      select p.proname as name, p.prosrc as source from pg_proc p join pg_language l on l.oid = p.prolang
       where p.pronamespace = 'public'::regnamespace and l.lanname in ('sql', 'plpgsql') order by 1`);
    const sameTenant = (source: string, a: string, b: string) =>
      new RegExp(`\\b${a}\\.tenant_id\\s*=\\s*${b}\\.tenant_id\\b|\\b${b}\\.tenant_id\\s*=\\s*${a}\\.tenant_id\\b`).test(source);
    const byIdAlone = rows.flatMap(({ name, source }) =>
      [...source.matchAll(/\b(\w+)\.id\s*=\s*(\w+)\.(\w+)/g)]
        .filter(([, row, other, column]) => column !== 'tenant_id' && !sameTenant(source, row, other))
        .map(([match]) => `${name}: ${match}`),
    );
    expect(byIdAlone).toEqual([]);
  });

  it('has no subquery in a row-level security policy', async () => {
    const { rows } = await db.query<{ what: string }>(`
      select format('%s on %s', policyname, tablename) as what from pg_policies
       where schemaname = 'public' and (coalesce(qual, '') ~* '\\mselect\\M' or coalesce(with_check, '') ~* '\\mselect\\M')
       order by 1`);
    expect(rows.map((r) => r.what)).toEqual([]);
  });

  it('puts every table holding a tenant_id under row-level security', async () => {
    const { rows } = await db.query<{ table: string }>(`
      select c.relname as table from pg_class c
       where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and ${tenantIdOf('c.oid')} is not null
         and not (c.relrowsecurity and exists (select 1 from pg_policy p where p.polrelid = c.oid))
       order by 1`);
    expect(rows.map((r) => r.table)).toEqual([]);
  });

  it("matches SCALING.md's SQL, which places each table once, after the tables it references", async () => {
    const inScalingMd = placementsInScalingMd();
    expect(new Map(inScalingMd)).toEqual(PLACEMENTS);
    expect(inScalingMd).toHaveLength(PLACEMENTS.size);
    const position = new Map(inScalingMd.map(([table], index) => [table, index]));
    const { rows } = await db.query<{ child: string; parent: string }>(`
      select f.conrelid::regclass::text as child, f.confrelid::regclass::text as parent
        from pg_constraint f where f.contype = 'f' and f.connamespace = 'public'::regnamespace and f.conrelid <> f.confrelid`);
    const outOfOrder = rows.filter((fk) => position.get(fk.parent)! > position.get(fk.child)!);
    expect(outOfOrder).toEqual([]);
  });
});
