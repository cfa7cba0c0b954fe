import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHEAP_PASSWORD_HASHING } from './server-env';
import { startServer } from './start-process';

interface OtlpSpan {
  name: string;
  attributes: { key: string; value: Record<string, unknown> }[];
}

/** A minimal OTLP/HTTP (JSON) trace receiver: records every span posted to /v1/traces. */
async function otlpReceiver(): Promise<{ url: string; spans: OtlpSpan[]; server: Server }> {
  const spans: OtlpSpan[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        const data = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
        for (const resource of data.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, server };
}

const attribute = (span: OtlpSpan, key: string) => Object.values(span.attributes.find((a) => a.key === key)?.value ?? {})[0];

describe('OpenTelemetry tracing', () => {
  it('exports request and SQL spans to OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    const receiver = await otlpReceiver();
    const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-otel-'));
    chmodSync(dataDir, 0o755);
    const server = await startServer({
      DATA_DIR: dataDir,
      SUPERADMIN_EMAIL: 'root@otel.test',
      SUPERADMIN_PASSWORD: 'otel-password',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      ...CHEAP_PASSWORD_HASHING,
    });
    expect((await fetch(`${server.baseUrl}/api/v1/public/demo`)).status).toBe(200);
    expect(await server.stop()).toBe(0);
    receiver.server.close();

    const routes = receiver.spans.map((span) => attribute(span, 'http.route')).filter(Boolean);
    expect(routes).toContain('/api/v1/public/:slug');
    expect(
      receiver.spans.some((span) => /postgres/.test(String(attribute(span, 'db.system') ?? attribute(span, 'db.system.name')))),
    ).toBe(true);
  });
});
