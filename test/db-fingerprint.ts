import { Client } from 'pg';

/**
 * A fingerprint of everything the API has stored: a digest of every row of every table in the
 * public schema, read as the database owner (row-level security does not hide rows from it).
 * Two equal fingerprints mean no request in between wrote anything. `rate_limits` is left out: it
 * counts requests (a refused sign-in must count), it stores nothing a request asked for.
 */
export class DbFingerprint {
  private constructor(
    private readonly client: Client,
    private readonly query: string,
  ) {}

  static async open(databaseUrl: string): Promise<DbFingerprint> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ table_name: string }>(
      `select table_name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like '%migrations%'
          and table_name <> 'rate_limits'
        order by table_name`,
    );
    if (rows.length === 0) throw new Error('No tables to fingerprint');
    const query = rows
      .map(
        ({ table_name }) =>
          `select '${table_name}' as t, count(*)::text || ':' || md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as f from "${table_name}" x`,
      )
      .join(' union all ');
    return new DbFingerprint(client, query);
  }

  async take(): Promise<Record<string, string>> {
    const { rows } = await this.client.query<{ t: string; f: string }>(this.query);
    return Object.fromEntries(rows.map((row) => [row.t, row.f]));
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
