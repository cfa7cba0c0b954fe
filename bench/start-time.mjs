// Measures the start command: time from `npm start` until /health answers 200.
// Cold = a fresh DATA_DIR (initdb, migrations, seed); warm = the same DATA_DIR again.
// Run: node bench/start-time.mjs   (builds the admin app first if stale, not timed)
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function timeStart(dataDir) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
    detached: true,
  });
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid, 'SIGTERM');
  await exited;
  return seconds;
}

execFileSync('node', ['scripts/build-admin-if-stale.mjs'], { stdio: 'inherit' });
const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-start-bench-'));
chmodSync(dataDir, 0o755);
const cold = await timeStart(dataDir);
const warm = [];
for (let i = 0; i < 3; i++) warm.push(await timeStart(dataDir));
warm.sort((a, b) => a - b);
console.log(`cold start (fresh DATA_DIR): ${cold.toFixed(2)} s`);
console.log(`warm start (same DATA_DIR), median of 3: ${warm[1].toFixed(2)} s  [${warm.map((s) => s.toFixed(2)).join(', ')}]`);
