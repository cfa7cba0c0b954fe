import type { EntityManager } from 'typeorm';

/** One SQL statement with its positional parameters ($1, $2, …). */
export type Statement = [sql: string, params: unknown[]];

/**
 * `sql` with its positional parameters moved up by `by`: for a statement run as a CTE of
 * another whose own parameters come first, so both are sent as one round trip.
 */
export const shiftParameters = (sql: string, by: number): string =>
  sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + by}`);

/**
 * Sends independent writes as one statement, each a CTE of it: they see the same snapshot and
 * none sees another's changes, so only writes that do not depend on each other go together.
 */
export async function writeTogether(m: EntityManager, writes: Statement[]): Promise<void> {
  if (writes.length <= 1) {
    if (writes[0]) await m.query(...writes[0]);
    return;
  }
  const ctes: string[] = [];
  const params: unknown[] = [];
  for (const [sql, own] of writes) {
    ctes.push(`write${ctes.length} as (${shiftParameters(sql, params.length)})`);
    params.push(...own);
  }
  await m.query(`with ${ctes.join(', ')} select 1`, params);
}
