/**
 * Start `wrangler dev` fully offline with its state inside the repo, and wait until it answers.
 * Used by `npm start`, the browser tests and the benches so all three run the same server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { isFree } from './free-port.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

/** Environment that keeps wrangler/miniflare off the network and out of $HOME (see TOOLCHAIN.md). */
export function offlineEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const cache = resolve(ROOT, '.cache');
  mkdirSync(resolve(cache, 'wrangler-logs'), { recursive: true });
  return {
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_SEND_ERROR_REPORTS: 'false',
    WRANGLER_HIDE_BANNER: 'true',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    XDG_CONFIG_HOME: resolve(cache, 'config'),
    WRANGLER_LOG_PATH: resolve(cache, 'wrangler-logs'),
    MINIFLARE_CACHE_DIR: resolve(cache, 'miniflare'),
    ...extra,
  };
}

export interface DevServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  port?: number;
  /** Directory for Durable Object / R2 / Queue state; defaults to .wrangler/state. */
  persistTo?: string;
  /** Extra `--var NAME:value` bindings (tests use their own site keys and admin token). */
  vars?: Record<string, string>;
  /** Pipe wrangler's output to this process (npm start) instead of buffering it. */
  inheritOutput?: boolean;
  timeoutMs?: number;
}

/** Spawn `wrangler dev` and resolve once `GET /v1/health` answers 200. */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const { port = 8787, persistTo, vars = {}, inheritOutput = false, timeoutMs = 90_000 } = options;
  // Otherwise the health check below would find whatever already listens there and call it ready.
  if (!(await isFree(port))) {
    throw new Error(`port ${port} is already in use: is another \`npm start\` or \`wrangler dev\` running?`);
  }
  const args = ['wrangler', 'dev', '--port', String(port), '--log-level', 'warn'];
  if (persistTo) args.push('--persist-to', persistTo);
  for (const [name, value] of Object.entries(vars)) args.push('--var', `${name}:${value}`);
  const child = spawn('npx', args, {
    cwd: ROOT,
    env: offlineEnv(),
    stdio: inheritOutput ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://localhost:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {}
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/v1/health`);
      if (res.ok) return { url, process: child, stop };
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`wrangler dev did not answer on ${url} within ${timeoutMs} ms:\n${output}`);
}
