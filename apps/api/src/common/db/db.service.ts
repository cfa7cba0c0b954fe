import { Injectable } from '@nestjs/common';
import { type Connection, type PoolClient, Query, type QueryConfig, type QueryResult, type QueryResultRow } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import type { Locale } from '@frontdesk/contracts';
import { getTenantContext } from '../tenancy/tenant-context';

/** What anyone may know of an active business: the fields of its public profile. */
export interface ActiveTenant {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  currency: string;
  locale: Locale;
}

const SET_TENANT_SQL = `select set_config('app.tenant_id', $1, true)`;

const statementNames = new Map<string, string>();
const statementName = (text: string) => {
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `frontdesk_${statementNames.size + 1}`));
  return name;
};

/**
 * `set_config` and one statement sent together, before a single Sync. Postgres runs every
 * statement up to a Sync as one transaction (an implicit one when no BEGIN was sent), so
 * the tenant setting is transaction-local exactly as in `asTenant`, row-level security
 * filters the statement, and nothing is left set on the pooled connection. It saves the
 * BEGIN, set_config and COMMIT round trips of an explicit transaction.
 */
function tenantStatement(tenantId: string, text: string, values: unknown[], done: (error: Error | undefined, results: unknown) => void): Query {
  // Named, so each pooled connection parses and plans it once: planning the schedule
  // statement took longer than running it. Extended mode even without values, since a
  // simple Query message after unsynced extended messages would not share their transaction.
  const config: QueryConfig & { queryMode: 'extended' } = { name: statementName(text), text, values, queryMode: 'extended' };
  const query = new Query(config, done);
  const submitStatement = query.submit.bind(query);
  query.submit = (connection: Connection) => {
    // Corked, so everything leaves in one write; the statement's own submit adds its Parse,
    // Bind, Describe, Execute and the Sync.
    connection.stream.cork();
    try {
      connection.parse({ name: '', text: SET_TENANT_SQL, types: [] }, true);
      connection.bind({ values: [tenantId] }, true);
      // Described, so pg has a row description for set_config's one row.
      connection.describe({ type: 'P', name: '' }, true);
      connection.execute({ portal: '' }, true);
      submitStatement(connection);
    } finally {
      connection.stream.uncork();
    }
  };
  return query;
}

/**
 * The only way application code reaches the database. Every transaction declares whose
 * rows it may see: Postgres row-level security filters by the tenant set here, so a
 * query that forgets its tenant filter still sees only that tenant's rows.
 */
@Injectable()
export class Db {
  constructor(private readonly dataSource: DataSource) {}

  /** A transaction as the tenant of the current request. */
  async tx<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.asTenant(getTenantContext().tenantId, work);
  }

  /** A transaction as an explicitly named tenant (public routes resolved by slug, workers). */
  asTenant<T>(tenantId: string, work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
      return work(m);
    });
  }

  /**
   * One read-only statement as the tenant, in one round trip (see `TenantStatement`): for
   * hot public reads, where a transaction's BEGIN, set_config and COMMIT were most of the
   * cost. Same isolation as `asTenant`; anything that writes or needs several statements
   * belongs in `asTenant`.
   */
  async readAsTenant<R extends QueryResultRow>(tenantId: string, sql: string, values: unknown[]): Promise<R[]> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      const results = await new Promise<unknown>((resolve, reject) => {
        client.query(tenantStatement(tenantId, sql, values, (error, result) => (error ? reject(error) : resolve(result))));
      });
      // Two results: set_config's, then the statement's.
      if (!Array.isArray(results) || results.length !== 2) throw new Error('readAsTenant takes exactly one statement that returns rows');
      return (results[1] as QueryResult<R>).rows;
    } finally {
      await runner.release();
    }
  }

  /**
   * A transaction that sees every tenant. Reserved for the reviewed cross-tenant paths:
   * login, super-admin tenant management, routing a public slug or webhook to its tenant,
   * and background workers.
   */
  crossTenant<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`select set_config('app.cross_tenant', 'on', true)`);
      return work(m);
    });
  }

  /**
   * The public face of the active tenant with this slug, or null for an unknown or suspended
   * one: a narrow SECURITY DEFINER read in one round trip, so public routes need no
   * cross-tenant transaction to find their tenant.
   */
  async activeTenantBySlug(slug: string): Promise<ActiveTenant | null> {
    const rows: ActiveTenant[] = await this.dataSource.query('select * from active_tenant_by_slug($1)', [slug]);
    return rows[0] ?? null;
  }

  /** `active`, `suspended`, or null for an unknown tenant (a narrow SECURITY DEFINER read). */
  async tenantStatus(tenantId: string): Promise<string | null> {
    const rows: { status: string | null }[] = await this.dataSource.query('select tenant_status($1) as status', [tenantId]);
    return rows[0]?.status ?? null;
  }

  async ping(): Promise<void> {
    await this.dataSource.query('select 1');
  }
}
