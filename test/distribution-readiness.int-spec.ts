/**
 * The rules a distributed Postgres (Citus, every tenant table distributed by `tenant_id`) needs
 * of the schema, read from the live catalog of the migrated database: a key or foreign key it
 * cannot enforce per shard, or a policy it cannot push down, fails here before it reaches a
 * migration. SCALING.md says what distributing the schema involves beyond these.
 */
import { Client } from 'pg';
import { createTestDatabase } from './harness';

/**
 * What still stands between the schema and distribution, each listed in SCALING.md with its
 * plan. The test fails on anything not listed here, and on a listed gap that is gone (shorten
 * the list), so it only ever shrinks.
 */
const KNOWN_GAPS = [
  // Primary keys are (id); distributing needs (tenant_id, id) (the unique (tenant_id, id) each
  // table already has for its composite foreign keys becomes the key).
  ...['audit_log', 'bookings', 'conversations', 'customers', 'messages', 'overrides', 'payments', 'refunds']
    .concat(['reminders', 'services', 'staff', 'web_chats'])
    .map((table) => `${table}_pkey on ${table}`),
  // Stripe's ids are unique platform-wide and webhooks find their row by them across tenants.
  'payments_checkout_session_id_key on payments',
  'payments_payment_intent_id_key on payments',
  'refunds_stripe_refund_id_key on refunds',
  // A provider's message id is unique platform-wide so a redelivery is recognised whichever
  // tenant its number reaches now: a dedupe table of its own (reference or local) under Citus.
  'messages_provider_id on messages',
  // Events of accounts no tenant owns have no tenant: a local (coordinator) table, not distributed.
  'stripe_events_pkey on stripe_events',
  // Users sign in by email across tenants and super-admins have none: a reference table.
  'users_email_key on users',
  'users_pkey on users',
].sort();

describe('the schema is ready to distribute by tenant_id', () => {
  let db: Client;

  beforeAll(async () => {
    db = new Client({ connectionString: await createTestDatabase() });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
  });

  /** Tables of the public schema with a `tenant_id` column: the ones to distribute. */
  const TENANT_TABLES = `
    select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p')
       and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)`;
  const tenantIdOf = (rel: string) =>
    `(select a.attnum from pg_attribute a where a.attrelid = ${rel} and a.attname = 'tenant_id')`;

  it('finds the tenant tables', async () => {
    const { rows } = await db.query(`select count(*)::int as n from (${TENANT_TABLES}) t`);
    expect(rows[0].n).toBeGreaterThan(10);
  });

  it('has tenant_id in every primary key, unique index and exclusion constraint of a tenant table', async () => {
    const { rows } = await db.query<{ what: string }>(`
      select format('%s on %s', i.indexrelid::regclass, i.indrelid::regclass) as what
        from pg_index i
       where i.indrelid in (${TENANT_TABLES}) and i.indisunique
         and not ${tenantIdOf('i.indrelid')} = any (i.indkey::int2[])
      union all
      select format('%s on %s', x.conname, x.conrelid::regclass)
        from pg_constraint x
       where x.contype = 'x' and x.conrelid in (${TENANT_TABLES})
         and not ${tenantIdOf('x.conrelid')} = any (x.conkey)
       order by 1`);
    expect(rows.map((r) => r.what).sort()).toEqual(KNOWN_GAPS);
  });

  it('has tenant_id on both sides, paired, of every foreign key between tenant tables', async () => {
    const { rows } = await db.query<{ what: string }>(`
      select format('%s on %s', f.conname, f.conrelid::regclass) as what
        from pg_constraint f
       where f.contype = 'f' and f.conrelid in (${TENANT_TABLES}) and f.confrelid in (${TENANT_TABLES})
         and not exists (
           select 1 from unnest(f.conkey, f.confkey) as k(child, parent)
            where k.child = ${tenantIdOf('f.conrelid')} and k.parent = ${tenantIdOf('f.confrelid')})
       order by 1`);
    expect(rows.map((r) => r.what)).toEqual([]);
  });

  it('has no subquery in a row-level security policy', async () => {
    const { rows } = await db.query<{ what: string }>(`
      select format('%s on %s', policyname, tablename) as what from pg_policies
       where schemaname = 'public' and (coalesce(qual, '') ~* '\\mselect\\M' or coalesce(with_check, '') ~* '\\mselect\\M')
       order by 1`);
    expect(rows.map((r) => r.what)).toEqual([]);
  });

  it('puts every tenant table under row-level security', async () => {
    const { rows } = await db.query<{ table: string }>(`
      select c.oid::regclass::text as table from pg_class c
       where c.oid in (${TENANT_TABLES}) and not (c.relrowsecurity
         and exists (select 1 from pg_policy p where p.polrelid = c.oid))
       order by 1`);
    expect(rows.map((r) => r.table)).toEqual([]);
  });
});
