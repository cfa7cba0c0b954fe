/**
 * Where a server's CPU went, from a V8 .cpuprofile (node --cpu-prof): each sample is charged to
 * a layer — the innermost frame on its stack that belongs to one (understanding, state machine,
 * slot search, database driver and ORM, framework, app shell), so time spent in a helper
 * library (luxon, JSON) counts for the layer that called it — and the top functions by self
 * time are listed. `fromUs`/`toUs` keep only the samples in that window of the monotonic clock
 * (bench/chat.ts prints the window of its measured phases), leaving start-up and shutdown out.
 *
 * Run: node -r @swc-node/register bench/cpu-profile-summary.ts <file.cpuprofile> [fromUs toUs]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Layers by the file a frame runs in; the first that matches wins. */
const LAYERS: [layer: string, pattern: RegExp][] = [
  ['understanding', /libs\/conversation\/src\/understanding\//],
  ['state machine', /libs\/conversation\/src\//],
  ['slot search (libs/scheduling)', /libs\/scheduling\/src\//],
  ['database: TypeORM', /node_modules\/typeorm\//],
  ['database: pg driver', /node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-[a-z]+)\//],
  ['framework: validation', /node_modules\/(class-validator|class-transformer)\//],
  ['framework: logging', /node_modules\/(pino|pino-[a-z]+|nestjs-pino|sonic-boom)\//],
  ['framework: Nest', /node_modules\/@nestjs\//],
  ['framework: Fastify', /node_modules\/(fastify|@fastify\/[^/]+|find-my-way|light-my-request|avvio|fast-json-stringify)\//],
  ['tracing/metrics', /node_modules\/(@opentelemetry\/[^/]+|prom-client)\//],
  ['app shell (apps/api)', /apps\/api\/src\//],
];

const SPECIAL = new Set(['(garbage collector)', '(idle)', '(program)', '(root)']);

function layerOf(url: string): string | undefined {
  return LAYERS.find(([, pattern]) => pattern.test(url))?.[0];
}

/** A short name for where a frame's code lives: the package, or the file under the repo. */
function moduleOf(url: string): string {
  if (!url) return '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1];
  const repo = /\/(apps|libs)\/(.+)$/.exec(url);
  return repo ? `${repo[1]}/${repo[2]}` : url.replace(/^file:\/\//, '');
}

function summarise(profile: Profile, fromUs: number, toUs: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const layerOfNode = new Map<number, string>();
  const resolveLayer = (id: number): string => {
    const known = layerOfNode.get(id);
    if (known) return known;
    const node = byId.get(id)!;
    const name = node.callFrame.functionName;
    let layer: string;
    if (SPECIAL.has(name)) layer = name;
    else {
      const own = layerOf(node.callFrame.url);
      const up = parent.get(id);
      layer = own ?? (up === undefined ? 'other (node internals, timers)' : resolveLayer(up));
      if (layer === '(root)') layer = 'other (node internals, timers)';
    }
    layerOfNode.set(id, layer);
    return layer;
  };

  const layers = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (t < fromUs || t > toUs) return;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') return;
    total += dt;
    const layer = resolveLayer(id);
    layers.set(layer, (layers.get(layer) ?? 0) + dt);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${moduleOf(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + dt);
  });
  return { total, layers, functions };
}

function main() {
  const [file, from, to] = process.argv.slice(2);
  if (!file) throw new Error('usage: cpu-profile-summary.ts <file.cpuprofile> [fromUs toUs]');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const { total, layers, functions } = summarise(profile, Number(from ?? -Infinity), Number(to ?? Infinity));
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  console.log(
    `busy CPU in window: ${(total / 1000).toFixed(0)} ms (idle left out)\n\nby layer (innermost frame of ours on the stack):`,
  );
  for (const [layer, us] of [...layers].sort((a, b) => b[1] - a[1])) console.log(`  ${pct(us)}  ${layer}`);
  console.log('\ntop functions by self time:');
  for (const [fn, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${pct(us)}  ${fn}`);
}

main();
