import { AsyncLocalStorage } from 'node:async_hooks';
import { type AfterQueryEvent, DataSource, type EntitySubscriberInterface } from 'typeorm';
import { type BookableTenant, bookableTenant } from '../../../../../test/booking-fixtures';
import { TestApp } from '../../../../../test/harness';

/**
 * A chat message is answered the tenant's catalog only when it changed since the server last
 * read it (`tenants.catalog_version`, moved by triggers on everything the catalog holds).
 */
describe('chat: the catalog read again only when it changed', () => {
  let t: TestApp;
  let b: BookableTenant;
  const entered = new AsyncLocalStorage<{ catalog: unknown }[]>();
  let phones = 0;

  beforeAll(async () => {
    t = await TestApp.start();
    b = await bookableTenant(t, { maxAdvanceDays: 60 });
    const watcher: EntitySubscriberInterface = {
      afterQuery: (event: AfterQueryEvent) => {
        if (!event.query.startsWith('select enter_conversation(')) return;
        // The driver's result: its rows, of one column `entered`.
        const [row] = (event.rawResults as { rows: { entered: { catalog: unknown } }[] }).rows;
        entered.getStore()?.push(row.entered);
      },
    };
    t.app.get(DataSource).subscribers.push(watcher);
  });
  afterAll(() => t.close());

  /** The replies to one message, and whether Postgres answered it the catalog. */
  const chat = async (text: string, from = `+1 646 555 ${String(3000 + phones++)}`) => {
    const seen: { catalog: unknown }[] = [];
    const res = await entered.run(seen, () =>
      t.request('POST', `/api/v1/public/${b.tenant.slug}/chat`, { token: b.ownerToken, body: { from, text } }),
    );
    expect(res.status).toBe(200);
    expect(seen).toHaveLength(1);
    return { text: (res.body.replies as { text: string }[]).map((r) => r.text).join(' '), catalogRead: seen[0].catalog !== null };
  };
  const version = async () =>
    Number((await t.sql('select catalog_version from tenants where id = $1', [b.tenant.id]))[0].catalog_version);

  it('answers a message from the catalog it holds until the catalog changes, then from the new one', async () => {
    await chat('hi');
    const same = await chat('how much is a haircut?');
    expect(same).toEqual({ text: expect.stringContaining('$30.00'), catalogRead: false });

    const res = await t.request('PATCH', `/api/v1/services/${b.serviceId}`, { token: b.ownerToken, body: { priceCents: 4500 } });
    expect(res.status).toBe(200);
    const changed = await chat('how much is a haircut?');
    expect(changed).toEqual({ text: expect.stringContaining('$45.00'), catalogRead: true });
    expect((await chat('how much is a haircut?')).catalogRead).toBe(false);
  });

  it('moves the version with every change to what the catalog holds', async () => {
    const { ownerToken: token } = b;
    const changes: [string, () => Promise<{ status: number }>][] = [
      [
        'a service added',
        () => t.request('POST', '/api/v1/services', { token, body: { name: 'Shave', durationMinutes: 20, priceCents: 1500 } }),
      ],
      ['a service changed', () => t.request('PATCH', `/api/v1/services/${b.serviceId}`, { token, body: { aliases: ['trim'] } })],
      [
        'a staff member renamed',
        () => t.request('PATCH', `/api/v1/staff/${b.staffIds[1]}`, { token, body: { name: 'Jordan K' } }),
      ],
      [
        'who performs what',
        () => t.request('PATCH', `/api/v1/staff/${b.staffIds[1]}`, { token, body: { serviceIds: [b.serviceId] } }),
      ],
      [
        'a staff member added',
        () => t.request('POST', '/api/v1/staff', { token, body: { name: 'Robin', serviceIds: null, hours: null } }),
      ],
      [
        'opening hours',
        async () => {
          const { body } = await t.request('GET', '/api/v1/hours', { token });
          return t.request('PUT', '/api/v1/hours', { token, body: { weekly: { ...body.weekly, sun: [] } } });
        },
      ],
      [
        'the booking policy',
        async () => {
          const { body } = await t.request('GET', '/api/v1/settings/booking-policy', { token });
          return t.request('PUT', '/api/v1/settings/booking-policy', { token, body: { ...body, maxAdvanceDays: 30 } });
        },
      ],
    ];
    const outcomes: [string, number, boolean][] = [];
    for (const [what, change] of changes) {
      const before = await version();
      const { status } = await change();
      outcomes.push([what, status, (await version()) > before]);
    }
    expect(outcomes).toEqual(changes.map(([what]) => [what, expect.any(Number), true]));
    expect(outcomes.every(([, status]) => status < 300)).toBe(true);
    // The next message reads the catalog with all of it.
    const next = await chat('what services do you have?');
    expect(next).toEqual({ text: expect.stringContaining('Shave'), catalogRead: true });
  });

  it('leaves the version alone for what the catalog does not hold', async () => {
    const before = await version();
    await chat(`haircut ${b.day(3)} at 10am, this is Ana`);
    await chat('yes');
    expect(await version()).toBe(before);
  });
});
