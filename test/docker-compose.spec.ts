/**
 * No Docker engine runs where the tests run, so `docker-compose.yml` is checked by reading it:
 * its structure, and that its parts agree with each other and with the Dockerfile.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..');

interface Service {
  build?: string;
  image?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  configs?: { source: string; target: string }[];
  networks?: string[] | Record<string, { ipv4_address?: string }>;
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  configs: Record<string, { content: string }>;
  volumes: Record<string, unknown>;
};
const apis = Object.keys(compose.services).filter((name) => compose.services[name].build === '.');
const caddy = compose.services.caddy;
const caddyfile = compose.configs[caddy.configs![0].source].content;

describe('docker-compose.yml', () => {
  it('runs two API replicas of this image, Postgres and Caddy', () => {
    expect(apis).toEqual(['api-1', 'api-2']);
    expect(compose.services.postgres.image).toMatch(/^postgres:18/);
    expect(caddy.image).toMatch(/^caddy:2/);
  });

  it('gives every service a healthcheck, and starts each after what it needs is healthy', () => {
    for (const [name, service] of Object.entries(compose.services))
      expect([name, service.healthcheck?.test.length]).toEqual([name, expect.any(Number)]);
    for (const api of apis) {
      expect(compose.services[api].depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
      expect(compose.services[api].healthcheck!.test.join(' ')).toContain('http://127.0.0.1:3000/health/ready');
    }
    expect(caddy.depends_on).toEqual(Object.fromEntries(apis.map((api) => [api, { condition: 'service_healthy' }])));
  });

  it('points the replicas at the one Postgres, with the secrets they must share required', () => {
    for (const api of apis) {
      const env = compose.services[api].environment!;
      expect(new URL(env.DATABASE_URL).host).toBe('postgres:5432');
      for (const secret of ['JWT_SECRET', 'LINK_SIGNING_SECRET', 'ENCRYPTION_KEY', 'APP_DATABASE_PASSWORD']) {
        expect(env[secret]).toMatch(new RegExp(`^\\$\\{${secret}:\\?`));
      }
    }
  });

  it('balances over every replica on the port the image exposes, trusting only Caddy as a proxy', () => {
    const port = /EXPOSE (\d+)/.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))![1];
    expect(caddyfile).toContain(`reverse_proxy ${apis.map((api) => `${api}:${port}`).join(' ')}`);
    expect(caddyfile).toContain('health_uri /health/ready');
    const caddyAddress = (caddy.networks as Record<string, { ipv4_address: string }>).frontdesk.ipv4_address;
    for (const api of apis) expect(compose.services[api].environment!.TRUSTED_PROXIES).toBe(caddyAddress);
  });

  it('declares every named volume it mounts', () => {
    const mounted = Object.values(compose.services).flatMap((s) => (s.volumes ?? []).map((v) => v.split(':')[0]));
    expect(mounted.sort()).toEqual(Object.keys(compose.volumes).sort());
  });
});
