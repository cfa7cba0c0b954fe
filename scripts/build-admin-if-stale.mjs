// Builds the admin app when its bundle is missing or older than its sources, so
// `npm start` serves an up-to-date app without rebuilding on every start.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const admin = 'apps/admin';
const built = join(admin, 'dist', 'index.html');
const sources = [join(admin, 'src'), join(admin, 'index.html'), join(admin, 'vite.config.ts'), 'libs/contracts/src'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

if (!existsSync(built) || newestMtime(built) < Math.max(...sources.map(newestMtime))) {
  console.log('Building the admin app…');
  execFileSync('npx', ['vite', 'build', '--config', join(admin, 'vite.config.ts'), '--logLevel', 'warn'], { stdio: 'inherit' });
}
