import { Injectable } from '@nestjs/common';
import {
  type Connection,
  DatabaseError,
  type PoolClient,
  Query,
  type QueryConfig,
  type QueryResult,
  type QueryResultRow,
} from 'pg';
import { DataSource, type EntityManager, QueryFailedError, type QueryRunner } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
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

/** A statement in a pipeline: its values already as Postgres text (JSON for jsonb), or null. */
export interface PipelinedStatement {
  text: string;
  values: (string | null)[];
}

/** A statement with its parameters, as `m.query` takes them. */
export interface Statement {
  text: string;
  values: unknown[];
}

const SET_TENANT_SQL = `select set_config('app.tenant_id', $1, true)`;
const ACTIVE_TENANT_SQL = 'select * from active_tenant_by_slug($1)';
const TENANT_FOR_CHANNEL_SQL = 'select id, status from tenant_for_channel($1, $2)';

const statementNames = new Map<string, string>();
const statementName = (text: string) => {
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `frontdesk_${statementNames.size + 1}`));
  return name;
};

/** Named statements known to be parsed on each pooled connection. */
const preparedOn = new WeakMap<PoolClient, Set<string>>();

/** A statement of a pipeline's `before` part, named when it is to be kept parsed on the connection. */
interface PipelinedPart extends PipelinedStatement {
  name?: string;
  /** Parse it under `name` (not yet parsed on this connection). */
  parse?: boolean;
}

/**
 * Statements `withNames` parsed under a name on each connection, by text. A name is recorded
 * only once its pipeline succeeded; after a failure its statement may or may not exist on the
 * server, so the next use parses it under a new name rather than guess.
 */
const pipelinedOn = new WeakMap<PoolClient, Map<string, string>>();
let pipelinedNames = 0;

/** `statements` named for `client`: parsed and planned once per connection, like `Db.prepared`. */
function withNames(client: PoolClient, statements: PipelinedStatement[]): PipelinedPart[] {
  const known = pipelinedOn.get(client);
  return statements.map((statement) => {
    const name = known?.get(statement.text);
    return name ? { ...statement, name } : { ...statement, name: `frontdesk_p${++pipelinedNames}`, parse: true };
  });
}

/** Records the names `withNames` gave, once their pipeline succeeded. */
function namesParsed(client: PoolClient, parts: PipelinedPart[]): void {
  let known = pipelinedOn.get(client);
  if (!known) pipelinedOn.set(client, (known = new Map()));
  for (const part of parts) if (part.parse && part.name) known.set(part.text, part.name);
}

/**
 * Sends `before` and then `last` in one write and one round trip: each statement's Parse (or
 * none when `last` is a named statement already parsed on this connection), Bind, Describe
 * and Execute, then a single Sync. Postgres runs everything up to a Sync as one transaction,
 * an implicit one unless a BEGIN is among them, and stops at the first error. Resolves with
 * one result per statement.
 *
 * pg counts a named statement as parsed at the first ParseComplete it sees, whichever
 * statement it belongs to, so a named `last` must already be parsed when `before` is not empty.
 */
async function pipeline(client: PoolClient, before: PipelinedStatement[], last: QueryConfig): Promise<QueryResult[]> {
  const results = await new Promise<unknown>((resolve, reject) => {
    // Extended mode even without values: a simple Query message would not join the pipeline.
    const config: QueryConfig & { queryMode: 'extended' } = { ...last, queryMode: 'extended' };
    const query = new Query(config, (error: Error | undefined, result: unknown) => (error ? reject(error) : resolve(result)));
    const submitLast = query.submit.bind(query);
    query.submit = (connection: Connection) => {
      connection.stream.cork();
      try {
        for (const statement of before) {
          // A named statement already parsed on this connection skips its Parse (and planning).
          const name = (statement as PipelinedPart).name ?? '';
          if (!name || (statement as PipelinedPart).parse) connection.parse({ name, text: statement.text, types: [] }, true);
          connection.bind({ statement: name, values: statement.values }, true);
          // Described, so pg knows the shape of the rows it gets back.
          connection.describe({ type: 'P', name: '' }, true);
          connection.execute({ portal: '' }, true);
        }
        submitLast(connection);
      } finally {
        connection.stream.uncork();
      }
    };
    client.query(query);
  }).catch((error: unknown) => {
    // The shape TypeORM gives database errors, which the error filter maps to answers.
    throw new QueryFailedError(last.text, last.values, error as Error);
  });
  const all = (Array.isArray(results) ? results : [results]) as QueryResult[];
  if (all.length !== before.length + 1) throw new Error(`Expected ${before.length + 1} results, got ${all.length}`);
  return all;
}

/**
 * Leaves `runner` as TypeORM's `startTransaction` would after a BEGIN it sent itself (TypeORM
 * 1.1's PostgresQueryRunner), so `commitTransaction`, `rollbackTransaction`, nested
 * `m.transaction` savepoints and `m.save` behave as in `dataSource.transaction`.
 */
function markTransactionStarted(runner: QueryRunner): void {
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  // Fails loudly, not with misplaced savepoints, should an upgrade rename these.
  if (state.isTransactionActive || state.transactionDepth !== 0) throw new Error('Unexpected TypeORM query runner state');
  state.isTransactionActive = true;
  state.transactionDepth = 1;
}

/** Leaves `runner` as TypeORM's `commitTransaction` would after a COMMIT it sent itself. */
function markTransactionEnded(runner: QueryRunner): void {
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = false;
  state.transactionDepth = 0;
}

/** The pg connection under a TypeORM query runner. */
const connectionOf = async (runner: QueryRunner) => (await runner.connect()) as PoolClient;

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

  /**
   * A transaction as an explicitly named tenant (public routes resolved by slug, workers).
   * BEGIN and the tenant setting travel in one round trip; the query runner is then left as
   * TypeORM's own `startTransaction` leaves it, so commit, rollback and nested savepoints
   * behave exactly as in `dataSource.transaction`.
   */
  async asTenant<T>(tenantId: string, work: (m: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const client = await connectionOf(runner);
      try {
        await pipeline(client, [{ text: 'BEGIN', values: [] }], { text: SET_TENANT_SQL, values: [tenantId] });
      } catch (error) {
        // A failed set_config leaves the transaction open and aborted.
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      markTransactionStarted(runner);
      try {
        const result = await work(runner.manager);
        await runner.commitTransaction();
        return result;
      } catch (error) {
        await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * `asTenant` for hot write paths, in as few round trips as their logic allows: `first`
   * (prepared, as in `prepared`) travels with BEGIN and the tenant setting, and the `last`
   * statement that `work` hands back travels with COMMIT. In between, `m` is an ordinary
   * transaction. Should `last` or the COMMIT fail, the transaction is rolled back and the
   * error thrown, as from `asTenant`.
   */
  async asTenantPipelined<R extends QueryResultRow, T>(
    tenantId: string,
    first: Statement,
    work: (m: EntityManager, firstRows: R[]) => Promise<{ result: T; last?: PipelinedStatement }>,
  ): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const client = await connectionOf(runner);
      const name = statementName(first.text);
      let firstRows: R[] | undefined;
      try {
        if (preparedOn.get(client)?.has(name)) {
          const begin = [
            { text: 'BEGIN', values: [] },
            { text: SET_TENANT_SQL, values: [tenantId] },
          ];
          const [, , result] = await pipeline(client, begin, { name, text: first.text, values: first.values });
          firstRows = result.rows as R[];
        } else {
          // First use on this connection: its first Parse travels without the BEGIN (see `pipeline`).
          await pipeline(client, [{ text: 'BEGIN', values: [] }], { text: SET_TENANT_SQL, values: [tenantId] });
        }
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      markTransactionStarted(runner);
      try {
        firstRows ??= await this.prepared<R>(runner.manager, first.text, first.values);
        const { result, last } = await work(runner.manager, firstRows);
        if (last) {
          const parts = withNames(client, [last]);
          await pipeline(client, parts, { text: 'COMMIT' });
          namesParsed(client, parts);
          markTransactionEnded(runner);
        } else {
          await runner.commitTransaction();
        }
        return result;
      } catch (error) {
        if (runner.isTransactionActive) {
          await runner.rollbackTransaction().catch(() => undefined);
        }
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * One statement as the tenant in one round trip, for hot public reads where BEGIN,
   * set_config and COMMIT were most of the cost: set_config and the statement share the
   * implicit transaction of one pipeline (see `pipeline`), so the setting is as
   * transaction-local as in `asTenant`, row-level security filters the statement, and
   * nothing stays set on the pooled connection. Prepared, as in `prepared`.
   */
  async readAsTenant<R extends QueryResultRow>(tenantId: string, sql: string, values: unknown[]): Promise<R[]> {
    const name = statementName(sql);
    const rows = await this.withClient(async (client) => {
      if (!preparedOn.get(client)?.has(name)) return undefined;
      const [, result] = await pipeline(client, [{ text: SET_TENANT_SQL, values: [tenantId] }], { name, text: sql, values });
      return result.rows as R[];
    });
    // First use on this connection: its first Parse travels alone (see `pipeline`).
    return rows ?? this.asTenant(tenantId, (m) => this.prepared<R>(m, sql, values));
  }

  /**
   * A pooled connection for a single pipeline, without a TypeORM query runner (whose
   * bookkeeping was a noticeable share of the hot public reads). A connection that failed
   * other than with a Postgres error is closed rather than reused.
   */
  private async withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await (this.dataSource.driver as PostgresDriver).master.connect();
    let broken: Error | undefined;
    try {
      return await work(client);
    } catch (error) {
      const cause = error instanceof QueryFailedError ? error.driverError : error;
      if (!(cause instanceof DatabaseError)) broken = error as Error;
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /**
   * `m.query` inside a transaction, as a named statement that each pooled connection parses
   * and plans once: for hot statements whose planning costs more than running them.
   */
  async prepared<R extends QueryResultRow>(m: EntityManager, sql: string, values: unknown[]): Promise<R[]> {
    if (!m.queryRunner?.isTransactionActive) throw new Error('Db.prepared runs inside a transaction');
    const client = await connectionOf(m.queryRunner);
    const name = statementName(sql);
    const [result] = await pipeline(client, [], { name, text: sql, values });
    let names = preparedOn.get(client);
    if (!names) preparedOn.set(client, (names = new Set()));
    names.add(name);
    return result.rows as R[];
  }

  /**
   * Several statements inside the transaction of `m`, sent in one write and answered in one
   * round trip (see `pipeline`): Postgres runs them in order, each with its own snapshot as
   * when sent one by one, and stops at the first error, which rejects (the transaction is
   * then aborted and rolls back). Each is parsed and planned once per pooled connection.
   * One array of rows per statement.
   */
  async pipelined(m: EntityManager, statements: PipelinedStatement[]): Promise<QueryResultRow[][]> {
    if (!m.queryRunner?.isTransactionActive) throw new Error('Db.pipelined runs inside a transaction');
    if (statements.length === 0) return [];
    const client = await connectionOf(m.queryRunner);
    // Every statement named (planning was most of their cost), and a trivial unnamed last one
    // for pg's Query to end the pipeline with (see `pipeline` on named last statements).
    const parts = withNames(client, statements);
    const results = await pipeline(client, parts, { text: 'select 1' });
    namesParsed(client, parts);
    return results.slice(0, -1).map((r) => r.rows);
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
    return this.withClient(async (client) => {
      const [result] = await pipeline(client, [], {
        name: statementName(ACTIVE_TENANT_SQL),
        text: ACTIVE_TENANT_SQL,
        values: [slug],
      });
      return (result.rows[0] as ActiveTenant | undefined) ?? null;
    });
  }

  /**
   * The tenant whose SMS number or WhatsApp phone number id this is (any status), or null: the
   * narrow SECURITY DEFINER routing read for webhooks, in one round trip.
   */
  async tenantForChannel(kind: 'sms' | 'whatsapp', address: string): Promise<{ id: string; status: string } | null> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const [result] = await pipeline(await connectionOf(runner), [], {
        name: statementName(TENANT_FOR_CHANNEL_SQL),
        text: TENANT_FOR_CHANNEL_SQL,
        values: [kind, address],
      });
      return (result.rows[0] as { id: string; status: string } | undefined) ?? null;
    } finally {
      await runner.release();
    }
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
