/**
 * Replies sent twice per 1,000 when the API process is killed (SIGKILL) mid-burst: 1,000
 * customers each send one WhatsApp message, the process dies once half the replies have gone
 * out, and a new process on the same database finishes the burst (test/outbox-crash.ts says
 * how). A send the provider accepted whose record the dead process never wrote is sent again
 * once its lease lapses; nothing else is.
 *
 * Run: node -r @swc-node/register bench/outbox-crash.ts [runs=3] [customers=1000]
 */
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDatabase, startEmbeddedPostgres } from '../apps/api/src/database/embedded-postgres';
import { crashMidBurst } from '../test/outbox-crash';

async function main() {
  const runs = Number(process.argv[2] ?? 3);
  const customers = Number(process.argv[3] ?? 1000);
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-bench-crash-'));
  chmodSync(dir, 0o755);
  const cluster = await startEmbeddedPostgres({ dir, database: 'postgres' });
  try {
    let duplicates = 0;
    let accepted = 0;
    for (let run = 1; run <= runs; run++) {
      const url = cluster.url.replace(/\/postgres$/, `/crash_${run}`);
      await ensureDatabase(url); // the server migrates it at start
      const o = await crashMidBurst(customers, url);
      duplicates += o.duplicates;
      accepted += o.accepted;
      console.log(
        `run ${run}: ${o.customers} customers, ${o.recorded} replies recorded, ${o.accepted} sends accepted ` +
          `(${o.acceptedBeforeKill} before the kill), ${o.duplicates} sent twice, ${o.lost} lost`,
      );
    }
    console.log(`duplicates per 1,000 replies: ${((duplicates / (accepted - duplicates)) * 1000).toFixed(1)} (${runs} kills)`);
  } finally {
    await cluster.stop();
  }
}

void main();
