import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../apps/api/src/database/embedded-postgres';

const ROOT = join(__dirname, '..');

export interface RunningServer {
  baseUrl: string;
  /** The process started (the server, or npm running it; its embedded Postgres runs as its descendants). */
  pid: number | undefined;
  output: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop: () => Promise<number | null>;
}

const SERVER_COMMANDS = {
  /** The server process itself. */
  node: [process.execPath, '-r', '@swc-node/register', 'apps/api/src/main.ts'],
  /** The README's start command, as a person (or a process manager) runs it. */
  'npm start': ['npm', 'start', '--silent'],
} as const;

/**
 * Starts the real server and waits until /health answers 200. `nodeFlags` go to the server's
 * node (the `node` command only), for flags NODE_OPTIONS refuses such as --cpu-prof.
 */
export async function startServer(
  env: Record<string, string>,
  timeoutMs = 60_000,
  command: keyof typeof SERVER_COMMANDS = 'node',
  nodeFlags: string[] = [],
): Promise<RunningServer> {
  const port = await freePort();
  const [program, ...commandArgs] = SERVER_COMMANDS[command];
  const args = command === 'node' ? [...nodeFlags, ...commandArgs] : commandArgs;
  const child: ChildProcess = spawn(program, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${output}`);
    const ok = await fetch(`${baseUrl}/health`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy in ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    baseUrl,
    pid: child.pid,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
