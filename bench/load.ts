/** A small closed-loop HTTP load generator: `connections` loops, each sending its next request when the last one answers. */
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'undici';

export interface LoadResult {
  requests: number;
  errors: number;
  statuses: Record<number, number>;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export async function load(options: {
  url: string;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  /** Body for the i-th request (POST). */
  body?: (i: number) => unknown;
}): Promise<LoadResult> {
  const agent = new Agent({ connections: options.connections, pipelining: 1 });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let sent = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const i = sent++;
      const t0 = performance.now();
      try {
        const res = await request(options.url, {
          dispatcher: agent,
          method: options.method ?? 'GET',
          headers: options.body ? { 'content-type': 'application/json' } : undefined,
          body: options.body ? JSON.stringify(options.body(i)) : undefined,
        });
        await res.body.dump();
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  const seconds = (performance.now() - started) / 1000;
  await agent.close();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    statuses,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

export const describeLoad = (name: string, r: LoadResult) =>
  `${name.padEnd(34)} ${r.perSecond.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p95 ${r.p95.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   (${r.requests} requests, statuses ${JSON.stringify(r.statuses)}${r.errors ? `, ${r.errors} errors` : ''})`;

export interface BurstResult {
  /** From sending the first request until the last answer arrived. */
  ms: number;
  statuses: Record<number, number>;
  errors: number;
}

/**
 * Sends `count` requests at the same moment, each on its own connection, and waits for every
 * answer. The connections are opened beforehand (one GET of `warmUrl` each), so the time is
 * the server's, not TCP setup's.
 */
export async function burst(options: {
  url: string;
  warmUrl: string;
  count: number;
  method?: 'GET' | 'POST';
  body?: (i: number) => unknown;
}): Promise<BurstResult> {
  const agent = new Agent({ connections: options.count, pipelining: 1 });
  try {
    await Promise.all(
      Array.from({ length: options.count }, async () => {
        const res = await request(options.warmUrl, { dispatcher: agent });
        await res.body.dump();
      }),
    );
    const statuses: Record<number, number> = {};
    let errors = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: options.count }, async (_, i) => {
        try {
          const res = await request(options.url, {
            dispatcher: agent,
            method: options.method ?? 'GET',
            headers: options.body ? { 'content-type': 'application/json' } : undefined,
            body: options.body ? JSON.stringify(options.body(i)) : undefined,
          });
          await res.body.dump();
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        } catch {
          errors++;
        }
      }),
    );
    return { ms: performance.now() - started, statuses, errors };
  } finally {
    await agent.close();
  }
}

/** CPU time (ms) used so far by this process's descendants: the server's node process, and its Postgres. */
export interface ServerCpu {
  node: number;
  postgres: number;
}

/**
 * Reads /proc (Linux) for every process below this one. On a machine shared with other work,
 * requests per second swing with the neighbours' load; CPU time per request, the server's own,
 * swings much less and is the figure to compare before and after a change. Null elsewhere.
 */
export function serverCpu(): ServerCpu | null {
  try {
    const children = new Map<number, number[]>();
    const command = new Map<number, string>();
    const ticks = new Map<number, number>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // exited meanwhile
      }
      const pid = Number(entry);
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const parent = Number(fields[1]);
      children.set(parent, [...(children.get(parent) ?? []), pid]);
      command.set(pid, stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
      ticks.set(pid, Number(fields[11]) + Number(fields[12])); // utime + stime
    }
    const total: ServerCpu = { node: 0, postgres: 0 };
    const visit = (pid: number) => {
      for (const child of children.get(pid) ?? []) {
        total[command.get(child)?.startsWith('postgres') ? 'postgres' : 'node'] += ((ticks.get(child) ?? 0) * 1000) / 100;
        visit(child);
      }
    };
    visit(process.pid);
    return total;
  } catch {
    return null;
  }
}

/** `work`'s result, and the server's CPU time per request it sent, as text. */
export async function withServerCpu<T extends { requests: number }>(work: () => Promise<T>): Promise<T & { cpu: string }> {
  const before = serverCpu();
  const result = await work();
  const after = serverCpu();
  const per = (key: keyof ServerCpu) => (before && after ? ((after[key] - before[key]) / result.requests).toFixed(2) : '?');
  return { ...result, cpu: `server CPU per request: node ${per('node')} ms, postgres ${per('postgres')} ms` };
}
