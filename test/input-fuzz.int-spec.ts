import fc from 'fast-check';
import { ERROR_CODES } from '@frontdesk/contracts';
import { bookableTenant, customer, type BookableTenant } from './booking-fixtures';
import { DbFingerprint } from './db-fingerprint';
import { Lifecycle } from '../apps/api/src/common/lifecycle/lifecycle.service';
import { TestApp, type RequestOptions } from './harness';

/**
 * Property: whatever a client sends to any route, as anyone, the API never answers 5xx, every
 * 4xx is in the contract's error shape, and a 4xx writes nothing. Routes and their parameters
 * and bodies come from the OpenAPI document (itself generated from the controllers and DTOs),
 * so a new route or field is fuzzed without touching this file.
 */

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  example?: unknown;
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
};

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

interface Route {
  method: string;
  /** OpenAPI template, `/api/v1/services/{id}`. */
  path: string;
  parameters: Parameter[];
  body: Schema | undefined;
}

type Actor = 'anonymous' | 'owner' | 'super_admin';

interface FuzzRequest {
  route: Route;
  actor: Actor;
  url: string;
  /** The JSON text sent, or undefined for no body. */
  payload: string | undefined;
}

/** Stands in for a value that is serialised as 10,000 levels of nested arrays. */
const DEEP = '__fuzz_deep_nesting__';
const deepJson = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;

const NUMBERS_TOO_BIG_OR_ODD = [2 ** 63, -(2 ** 63), 1e308, -1e308, 2 ** 53 + 2, 2 ** 31, -1, 0, 0.5, 1e-300];
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202eevil\u202c',
  'שלום עולם',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀',
  '😀'.repeat(2001),
  'x'.repeat(10_001),
  "'; drop table bookings; --",
  '%00',
  '../../etc/passwd',
  '9999-12-31T23:59:59Z',
  '2026-12-01T15:00:00+25:00',
  '-271821-04-20T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '0000-01-01',
  '9999-12-31',
  '2026-02-30',
  '24:00',
  '9223372036854775808',
  '1e400',
  'NaN',
  '-0',
  '00000000-0000-0000-0000-000000000000',
];
const WRONG_TYPES: unknown[] = [null, true, false, [], {}, [1, 'a', null], { a: { b: [] } }, DEEP];

/** A value as it appears in a URL: strings as they are, anything else as its JSON. */
const asText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

const nasty: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBERS_TOO_BIG_OR_ODD) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })) },
  { weight: 2, arbitrary: fc.constantFrom(...WRONG_TYPES) },
);

describe('input fuzz: every route, as anyone, with hostile input', () => {
  let t: TestApp;
  let b: BookableTenant;
  let adminToken: string;
  let fingerprint: DbFingerprint;
  let routes: Route[];
  let schemas: Record<string, Schema>;
  /** Real values for path parameters and id fields, so requests also reach existing records. */
  const known = { ids: [] as string[], slugs: [] as string[], tokens: [] as string[] };

  beforeAll(async () => {
    t = await TestApp.start();
    // As a started process is (main.ts): ready, so /health/ready answers 200 rather than its 'starting' 503.
    t.app.get(Lifecycle).markReady();
    b = await bookableTenant(t);
    adminToken = await t.superAdminToken();
    const booked = await t.request('POST', `/api/v1/public/${b.tenant.slug}/bookings`, {
      body: { serviceId: b.serviceId, start: b.at(b.day(3), '10:00'), customer: customer() },
    });
    const chat = await t.request('POST', `/api/v1/public/${b.tenant.slug}/chat`, {
      token: b.ownerToken,
      body: { from: '+12125550199', text: 'hi' },
    });
    const conversations = await t.request('GET', '/api/v1/conversations', { token: b.ownerToken });
    const override = await t.request('POST', '/api/v1/overrides', {
      token: b.ownerToken,
      body: { date: b.day(5), kind: 'closed' },
    });
    for (const [what, res] of Object.entries({ booked, chat, override })) {
      if (res.status >= 300) throw new Error(`setup ${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    known.ids.push(
      b.tenant.id,
      b.serviceId,
      ...b.staffIds,
      booked.body.id,
      booked.body.customer.id,
      override.body.id,
      ...conversations.body.items.map((c: { id: string }) => c.id),
    );
    known.slugs.push(b.tenant.slug);
    known.tokens.push(String(booked.body.manageUrl).split('/manage/')[1]);

    const doc = (await t.request('GET', '/api/docs-json')).body;
    schemas = doc.components?.schemas ?? {};
    routes = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        parameters: (operation.parameters ?? []) as Parameter[],
        body: operation.requestBody?.content?.['application/json']?.schema as Schema | undefined,
      })),
    );
    fingerprint = await DbFingerprint.open(t.databaseUrl);
  });
  afterAll(async () => {
    await fingerprint?.close();
    await t?.close();
  });

  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(schemas[schema.$ref.replace('#/components/schemas/', '')] ?? {});
    if (schema.allOf?.length === 1) return resolve(schema.allOf[0]);
    return schema;
  };

  /** A value the schema allows (as far as the document says), often a real one. */
  function valid(raw: Schema, name: string, depth = 0): fc.Arbitrary<unknown> {
    const schema = resolve(raw);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    if (schema.pattern?.includes('[01]\\d')) return fc.constantFrom('09:00', '12:30', '17:00');
    if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
    if (schema.format === 'uuid' || /(^id$|Id$)/.test(name)) {
      return fc.oneof(fc.constantFrom(...known.ids), fc.uuid());
    }
    if (/start$/i.test(name) && schema.type === 'string' && !schema.pattern) {
      return fc.integer({ min: 1, max: 20 }).chain((d) => fc.constantFrom(b.at(b.day(d), '10:00'), b.at(b.day(d), '14:15')));
    }
    if (schema.format === 'date' || ['from', 'to', 'date'].includes(name)) {
      return fc.integer({ min: -3, max: 40 }).map((d) => b.day(d));
    }
    if (schema.type === 'integer') {
      return fc.integer({ min: Math.max(schema.minimum ?? 0, -1e6), max: Math.min(schema.maximum ?? 1000, 1e6) });
    }
    if (schema.type === 'number') return fc.double({ min: schema.minimum ?? 0, max: schema.maximum ?? 1000, noNaN: true });
    if (schema.type === 'boolean') return fc.boolean();
    if (schema.type === 'array') {
      return depth > 4 ? fc.constant([]) : fc.array(field(schema.items ?? {}, name, depth + 1), { maxLength: 3 });
    }
    if (schema.type === 'object') return depth > 4 ? fc.constant({}) : object(schema, depth + 1);
    if (/phone|^from$/i.test(name)) return fc.constantFrom('+12125550123', '+1 212 555 0177', '2125550188');
    if (/email/i.test(name)) return fc.constantFrom('someone@example.test', 'root@frontdesk.test');
    if (typeof schema.example === 'string') return fc.oneof(fc.constant(schema.example), fc.lorem({ maxCount: 3 }));
    return fc.lorem({ maxCount: 3 });
  }

  /** Mostly a value the field allows, sometimes a hostile one. */
  const field = (schema: Schema, name: string, depth = 0): fc.Arbitrary<unknown> =>
    fc.oneof({ weight: 3, arbitrary: valid(schema, name, depth) }, { weight: 1, arbitrary: nasty });

  function object(schema: Schema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
    const properties = schema.properties ?? {};
    const names = Object.keys(properties);
    if (names.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), nasty, { maxKeys: 3 });
    return fc
      .record(Object.fromEntries(names.map((n) => [n, field(properties[n], n, depth)])), {
        requiredKeys: (schema.required ?? []).filter((n) => names.includes(n)),
      })
      .chain((value) =>
        // Now and then a field the DTO does not declare.
        fc.oneof(
          { weight: 12, arbitrary: fc.constant(value) },
          { weight: 1, arbitrary: nasty.map((x) => ({ ...value, unknownField: x })) },
        ),
      );
  }

  const pathValue = (name: string): fc.Arbitrary<string> =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...(name === 'slug' ? known.slugs : name === 'token' ? known.tokens : known.ids)) },
      { weight: 1, arbitrary: nasty.map(asText) },
    );

  const encode = (value: string) => {
    try {
      return encodeURIComponent(value);
    } catch {
      return value; // a lone surrogate: sent as it is
    }
  };

  function request(route: Route): fc.Arbitrary<Omit<FuzzRequest, 'actor'>> {
    const pathParams = route.parameters.filter((p) => p.in === 'path');
    const queryParams = route.parameters.filter((p) => p.in === 'query');
    const path = fc
      .tuple(...pathParams.map((p) => pathValue(p.name)))
      .map((values) => pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, encode(values[i])), route.path));
    const query = fc
      .tuple(...queryParams.map((p) => fc.option(field(p.schema ?? {}, p.name), { freq: 3, nil: undefined })))
      .map((values) =>
        queryParams
          .flatMap((p, i) => (values[i] === undefined ? [] : [`${encode(p.name)}=${encode(asText(values[i]))}`]))
          .join('&'),
      );
    const body: fc.Arbitrary<unknown> =
      route.method === 'GET' || route.method === 'DELETE'
        ? fc.constant(undefined)
        : route.body
          ? fc.oneof({ weight: 6, arbitrary: object(resolve(route.body)) }, { weight: 1, arbitrary: nasty })
          : fc.oneof(fc.constant(undefined), nasty, fc.dictionary(fc.string({ maxLength: 8 }), nasty, { maxKeys: 3 }));
    return fc.record({ path, query, body }).map(({ path: p, query: q, body: value }) => ({
      route,
      url: q ? `${p}?${q}` : p,
      payload: value === undefined ? undefined : JSON.stringify(value).replace(JSON.stringify(DEEP), deepJson),
    }));
  }

  it('never answers 5xx, answers 4xx in the error shape, and writes nothing on a 4xx', async () => {
    expect(routes.length).toBeGreaterThan(20);
    const actors: Actor[] = ['anonymous', 'owner', 'super_admin'];
    const arbitrary = fc
      .tuple(fc.constantFrom(...routes), fc.constantFrom(...actors))
      .chain(([route, actor]) => request(route).map((r): FuzzRequest => ({ ...r, actor })))
      // A counterexample prints as the request, its body cut short (a deep one is 20 kB).
      .map((r) =>
        Object.assign(r, {
          [fc.toStringMethod]: () => `${r.actor} ${r.route.method} ${r.url} ${r.payload?.slice(0, 500) ?? ''}`,
        }),
      );
    const statuses: Record<string, number> = {};
    let requests = 0;
    const started = Date.now();

    await fc.assert(
      fc.asyncProperty(arbitrary, async (r) => {
        const options: RequestOptions = { headers: {} };
        if (r.actor === 'owner') options.token = b.ownerToken;
        if (r.actor === 'super_admin') {
          options.token = adminToken;
          options.headers!['x-tenant-id'] = b.tenant.id;
        }
        if (r.payload !== undefined) {
          options.payload = r.payload;
          options.headers!['content-type'] = 'application/json';
        }
        const before = await fingerprint.take();
        const res = await t.request(r.route.method, r.url, options);
        requests++;
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        const what = `${r.actor} ${r.route.method} ${r.url} ${r.payload?.slice(0, 300) ?? ''} -> ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
        if (res.status >= 500) throw new Error(`5xx: ${what}`);
        if (res.status >= 400) {
          if (res.body?.statusCode !== res.status || !(ERROR_CODES as readonly string[]).includes(res.body?.code)) {
            throw new Error(`not the error shape: ${what}`);
          }
          const after = await fingerprint.take();
          const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
          if (changed.length > 0) throw new Error(`a ${res.status} wrote to ${changed.join(', ')}: ${what}`);
        }
      }),
      { numRuns: 500, endOnFailure: true },
    );

    const seconds = (Date.now() - started) / 1000;
    // Reached the handlers, not only the validation in front of them.
    expect(Object.keys(statuses).some((s) => s.startsWith('2'))).toBe(true);
    expect(statuses['400']).toBeGreaterThan(0);
    console.info(`input fuzz: ${requests} requests over ${routes.length} routes in ${seconds.toFixed(1)} s`, statuses);
  });
});
