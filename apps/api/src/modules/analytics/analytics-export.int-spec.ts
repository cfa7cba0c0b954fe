import { BOOKINGS_CSV_COLUMNS } from '@frontdesk/contracts';
import { seedTenant, type SeededTenant } from '../../../../../test/factories';
import { TestApp } from '../../../../../test/harness';
import { CSV_PAGE_ROWS } from './analytics.service';

/** Four staff members booked at the same instants: every start is shared by four bookings. */
const STAFF = ['Ana', 'Ben', 'Cleo', 'Dev'];
/** Enough half-hour slots that the export spans several pages, with ties at each page boundary. */
const SLOTS = Math.ceil((2.5 * CSV_PAGE_ROWS) / STAFF.length);
const TRICKY_NAME = 'Smith, "Jo"';

describe('analytics CSV export of a large range', () => {
  let t: TestApp;
  let lisbon: SeededTenant;

  beforeAll(async () => {
    t = await TestApp.start();
    lisbon = await seedTenant(t, {
      timezone: 'Europe/Lisbon',
      staff: STAFF,
      services: [{ name: 'Cut', durationMinutes: 30, priceCents: 5000 }],
    });
    await t.sql(
      `insert into customers (tenant_id, phone, name)
       values ($1, '+351910000001', 'Rui'), ($1, '+351910000002', $2), ($1, '+351910000003', 'Ines')`,
      [lisbon.tenant.id, TRICKY_NAME],
    );
    // Starts carry microseconds (where the next page begins must be exact, not a JavaScript Date's
    // milliseconds) and run from 2026-03-01 over Lisbon's change to summer time (29 March).
    await t.sql(
      `with c as (select array_agg(id order by phone) as ids from customers where tenant_id = $1),
            slot as (select i, ('2026-03-01 08:00'::timestamp at time zone 'Europe/Lisbon')
                                 + i * interval '30 minutes' + interval '250 microseconds' as at
                       from generate_series(0, $4 - 1) i)
       insert into bookings (tenant_id, service_id, staff_id, customer_id, status, start_at, end_at, blocked, source,
                             risk_tier, risk_score, created_at)
       select $1, $2, st.id, c.ids[1 + (slot.i + st.n) % 3], case when slot.i % 5 = 0 then 'no_show' else 'completed' end,
              slot.at, slot.at + interval '30 minutes', tstzrange(slot.at, slot.at + interval '30 minutes'), 'web',
              'low', 0.05, slot.at - interval '3 days'
         from slot, c, unnest($3::uuid[]) with ordinality st(id, n)`,
      [lisbon.tenant.id, lisbon.serviceIds[0], lisbon.staffIds, SLOTS],
    );
  });
  afterAll(() => t.close());

  it('writes every booking of the range once, in start order across pages, escaped as before', async () => {
    const [{ last }] = await t.sql<{ last: string }>(
      `select to_char(max(start_at) at time zone 'Europe/Lisbon', 'YYYY-MM-DD') as last from bookings where tenant_id = $1`,
      [lisbon.tenant.id],
    );
    const res = await t.request('GET', `/api/v1/analytics/bookings.csv?from=2026-03-01&to=${last}`, {
      token: lisbon.ownerToken,
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const [header, ...lines] = (res.body as string).trimEnd().split('\n');
    expect(header).toBe(BOOKINGS_CSV_COLUMNS.join(','));

    const expected = await t.sql<{ id: string; start: string; customer: string; status: string }>(
      `select b.id, to_char(b.start_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as start,
              c.name as customer, b.status
         from bookings b join customers c on c.id = b.customer_id
        where b.tenant_id = $1 order by b.start_at, b.id`,
      [lisbon.tenant.id],
    );
    expect(expected).toHaveLength(SLOTS * STAFF.length);
    expect(lines).toHaveLength(expected.length);
    const column = (name: (typeof BOOKINGS_CSV_COLUMNS)[number]) => BOOKINGS_CSV_COLUMNS.indexOf(name);
    // The tricky name is the only field holding a comma: a line splits into one more part there.
    const fields = (line: string) => line.replace(/"Smith, ""Jo"""/, 'TRICKY').split(',');
    expect(lines.map((line) => fields(line)[column('id')])).toEqual(expected.map((row) => row.id));
    expect(lines.map((line) => fields(line)[column('start')])).toEqual(expected.map((row) => row.start));
    expect(lines.map((line) => fields(line)[column('status')])).toEqual(expected.map((row) => row.status));
    expect(lines.map((line) => fields(line)[column('customerName')])).toEqual(
      expected.map((row) => (row.customer === TRICKY_NAME ? 'TRICKY' : row.customer)),
    );
    expect(lines.every((line) => fields(line).length === BOOKINGS_CSV_COLUMNS.length)).toBe(true);
  });
});
