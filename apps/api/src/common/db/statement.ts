/** One SQL statement with its positional parameters ($1, $2, …). */
export type Statement = [sql: string, params: unknown[]];

/**
 * `sql` with its positional parameters moved up by `by`: for a statement run as a CTE of
 * another whose own parameters come first, so both are sent as one round trip.
 */
export const shiftParameters = (sql: string, by: number): string =>
  sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + by}`);
