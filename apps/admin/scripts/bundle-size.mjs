// Prints the gzip size of the JavaScript a browser loads before the first route renders:
// the entry script of dist/index.html plus every chunk it imports statically (transitively).
// Route chunks (React.lazy) are not counted. Usage: node apps/admin/scripts/bundle-size.mjs
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '../dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const entries = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/?([^"]+\.js)"/g)].map(
  (m) => m[1],
);

const seen = new Set();
const queue = [...entries];
while (queue.length) {
  const file = queue.shift();
  if (seen.has(file)) continue;
  seen.add(file);
  const code = readFileSync(join(dist, file), 'utf8');
  // Static imports only: `import … from "./x.js"` and bare `import "./x.js"`, not `import("./x.js")`.
  for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+\.js)["']/g)) {
    queue.push(join(dirname(file), m[1]).replace(/^\.\//, ''));
  }
}

let raw = 0;
let gzip = 0;
for (const file of seen) {
  const code = readFileSync(join(dist, file));
  raw += code.length;
  gzip += gzipSync(code, { level: 9 }).length;
  console.log(`  ${file}  ${(code.length / 1024).toFixed(1)} kB`);
}
console.log(`initial JS: ${seen.size} file(s), ${(raw / 1024).toFixed(1)} kB raw, ${(gzip / 1024).toFixed(1)} kB gzip`);
