import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Db } from '../../apps/api/src/common/db/db.service';
import { startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';

async function main() {
  const pg = await startEmbeddedPostgres({ dir: mkdtempSync(join(tmpdir(), 'fd-verify-')), database: 'v', fast: true });
  const ds = new DataSource({ type: 'postgres', url: pg.url, poolSize: 1 });
  await ds.initialize();
  const db = new Db(ds);
  const id = '11111111-1111-1111-1111-111111111111';
  console.log('inside', await db.readAsTenant(id, `select current_setting('app.tenant_id', true) as t, pg_current_xact_id()::text as x, $1::int as one`, [1]));
  console.log('after (same pooled conn)', await ds.query(`select current_setting('app.tenant_id', true) as t, pg_backend_pid() as pid`));
  await db.readAsTenant(id, `select 1/0 as boom`, []).catch((e: Error) => console.log('error ->', e.message));
  console.log('after error', await ds.query(`select current_setting('app.tenant_id', true) as t, pg_current_xact_id_if_assigned() as x`));
  console.log('no values', await db.readAsTenant(id, `select current_setting('app.tenant_id', true) as t`, []));
  // both statements in one transaction: xact id assigned in statement 2 is the one txid_current sees? check txn start time equality
  console.log('same tx', await db.readAsTenant(id, `select now() = transaction_timestamp() as same, now() < statement_timestamp() as later`, []));
  await ds.destroy();
  await pg.stop();
}
void main();
