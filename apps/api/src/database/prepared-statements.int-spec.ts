import { TestApp } from '../../../../test/harness';
import { Db } from '../common/db/db.service';

/**
 * The app pool prepares its statements (`PreparingClient`): Postgres keeps each parameterised
 * text of a connection parsed (`pg_prepared_statements`), and plans it once when its generic plan
 * is as good; a transaction with `customPlans` plans for its values every time.
 */
describe('prepared statements on the app pool', () => {
  let t: TestApp;
  let db: Db;
  let tenantId: string;
  beforeAll(async () => {
    t = await TestApp.start();
    db = t.app.get(Db);
    tenantId = (await t.createTenant()).tenant.id;
  });
  afterAll(() => t.close());

  /** Runs `sql` with a parameter `times` times on one connection, then reads how Postgres planned it there. */
  const runAndRead = (sql: string, times: number, customPlans: boolean) =>
    db.asTenant(
      tenantId,
      async (m) => {
        for (let i = 0; i < times; i++) await m.query(sql, [i]);
        const [row] = await m.query<{ generic: number; custom: number }[]>(
          `select generic_plans::int as generic, custom_plans::int as custom
             from pg_prepared_statements where statement = $1`,
          [sql],
        );
        return row;
      },
      { customPlans },
    );

  it('parses a statement with parameters once per connection and switches to its generic plan', async () => {
    const sql = `select count(*) from services where duration_minutes > $1::int /* generic */`;
    const planned = await runAndRead(sql, 8, false);
    expect(planned).toBeDefined();
    expect(planned.generic).toBeGreaterThan(0);
    expect(planned.generic + planned.custom).toBe(8);
  });

  it('plans every call for its values in a transaction with customPlans', async () => {
    const sql = `select count(*) from services where duration_minutes > $1::int /* custom */`;
    const planned = await runAndRead(sql, 8, true);
    expect(planned).toEqual({ generic: 0, custom: 8 });
  });

  it('keeps rows and errors as before: a failed prepared statement leaves the connection usable', async () => {
    await expect(db.asTenant(tenantId, (m) => m.query('select 1 / $1::int', [0]))).rejects.toThrow(/division by zero/);
    const [row] = await db.asTenant(tenantId, (m) => m.query<{ one: number }[]>('select 1 / $1::int as one', [1]));
    expect(row).toEqual({ one: 1 });
  });
});
