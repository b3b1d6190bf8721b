/**
 * Start `wrangler dev` fully offline with its state inside the repo, and wait until it answers.
 * Used by `npm start`, the browser tests and the benches so all three run the same server.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isFree, randomFreePort } from './free-port.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

/** How long wrangler and workerd get to exit after a stop signal before their group is SIGKILLed. */
export const STOP_GRACE_MS = 5000;

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
  /** The leader of the server's process group (wrangler, workerd and their helpers). */
  process: ChildProcess;
  /** The DevTools inspector port of its workerd (CPU profiles of the Worker's isolate). */
  inspectorPort: number;
  /** Send `signal` (default SIGTERM) to the whole group; resolves once every process of it is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface DevServerOptions {
  port?: number;
  /** Directory for Durable Object / R2 / Queue state; defaults to .wrangler/state. */
  persistTo?: string;
  /** Extra `--var NAME:value` bindings (tests use their own site keys and admin token). */
  vars?: Record<string, string>;
  /** `--test-scheduled`: `GET /__scheduled?cron=...` then runs the Cron Trigger's handler. */
  testScheduled?: boolean;
  /** Pipe wrangler's output to this process (npm start) instead of buffering it. */
  inheritOutput?: boolean;
  timeoutMs?: number;
  /** Aborting stops a server that is still starting (startDevServer then rejects). */
  signal?: AbortSignal;
}

// wrangler runs in a session (and process group) of its own: a signal sent to the process that
// started it never reaches it, so `stop` signals the group. This shell leads the group and runs
// wrangler; should the starter die without stopping it (even by SIGKILL, as tsx does to a child
// that is slow to acknowledge a relayed signal), the starter's end of fd 3 closes and the shell
// takes the group down. Background jobs of `sh -c` read /dev/null unless told otherwise.
const GROUP_LEADER = 'npx "$@" <&0 3<&- & w=$!; { read -r _; kill -TERM 0; } <&3 & wait "$w"';

/** True while any process of group `pgid` exists (zombies included: they are not reaped yet). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Send `signal` to group `pgid`, wait for all of it to exit, SIGKILL what remains after the grace. */
async function stopGroup(pgid: number, signal: NodeJS.Signals): Promise<void> {
  for (const [sig, waitMs] of [
    [signal, STOP_GRACE_MS],
    ['SIGKILL', 2000],
  ] as const) {
    try {
      process.kill(-pgid, sig);
    } catch {}
    const deadline = Date.now() + waitMs;
    while (groupAlive(pgid) && Date.now() < deadline) await sleep(50);
    if (!groupAlive(pgid)) return;
  }
}

/** The D1 database of wrangler.toml whose migrations (edge/migrations) every local server gets. */
export const CATALOG_DB = 'rec-catalog';

/** Apply the D1 migrations to the local state in `persistTo` (default .wrangler/state); idempotent. */
export function applyMigrations(persistTo?: string): Promise<void> {
  const args = ['wrangler', 'd1', 'migrations', 'apply', CATALOG_DB, '--local'];
  if (persistTo) args.push('--persist-to', persistTo);
  return new Promise((done, fail) => {
    execFile('npx', args, { cwd: ROOT, env: offlineEnv() }, (error, stdout, stderr) =>
      error ? fail(new Error(`D1 migrations failed: ${stderr || stdout || error.message}`)) : done(),
    );
  });
}

/**
 * A state folder holding only the migrated D1 database, made once per set of migrations (their
 * names and text, and wrangler.toml, name it) under .cache. A fresh server's state is a copy of it:
 * `wrangler d1 migrations apply` is a second wrangler and workerd start, ~5 s of CPU that every
 * browser test file and bench paid beside the server's own start.
 */
export async function migratedTemplate(): Promise<string> {
  const dir = resolve(ROOT, 'edge/migrations');
  const hash = createHash('sha256').update(readFileSync(resolve(ROOT, 'wrangler.toml')));
  for (const name of readdirSync(dir).sort()) hash.update(name).update(readFileSync(join(dir, name)));
  const root = resolve(ROOT, '.cache/d1-template');
  const template = join(root, hash.digest('hex').slice(0, 16));
  if (existsSync(template)) return template;
  mkdirSync(root, { recursive: true });
  const staging = mkdtempSync(join(root, 'staging-'));
  try {
    await applyMigrations(staging);
    renameSync(staging, template);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another process made the same template meanwhile: theirs is as good as ours.
    if (!existsSync(template)) throw error;
  }
  return template;
}

/** True when `persistTo` names a folder with no state yet (a test's or a bench's throwaway one). */
function freshState(persistTo?: string): persistTo is string {
  return !!persistTo && (!existsSync(persistTo) || readdirSync(persistTo).length === 0);
}

/**
 * Spawn `wrangler dev` and resolve once `GET /v1/health` answers 200 and the D1 migrations are
 * applied: fresh state starts as a copy of the migrated template (before the server, which would
 * otherwise create its own database there); used state is migrated beside the server's start.
 */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const { port = 8787, persistTo, vars = {}, testScheduled = false, inheritOutput = false } = options;
  const { timeoutMs = 90_000, signal } = options;
  // Otherwise the health check below would find whatever already listens there and call it ready.
  if (!(await isFree(port))) {
    throw new Error(`port ${port} is already in use: is another \`npm start\` or \`wrangler dev\` running?`);
  }
  signal?.throwIfAborted();
  const fresh = freshState(persistTo);
  if (fresh) cpSync(await migratedTemplate(), persistTo, { recursive: true });
  const migrated = fresh ? Promise.resolve() : applyMigrations(persistTo);
  migrated.catch(() => undefined); // awaited below, after the server answers
  // An inspector port of its own: wrangler's default 9229 made the second of two servers started
  // side by side exit with "Address already in use".
  const inspector = String(await randomFreePort());
  const args = [
    'wrangler',
    'dev',
    '--port',
    String(port),
    '--inspector-port',
    inspector,
    '--log-level',
    'warn',
  ];
  if (persistTo) args.push('--persist-to', persistTo);
  if (testScheduled) args.push('--test-scheduled');
  for (const [name, value] of Object.entries(vars)) args.push('--var', `${name}:${value}`);
  const out = inheritOutput ? 'inherit' : 'pipe';
  const child = spawn('sh', ['-c', GROUP_LEADER, 'sh', ...args], {
    cwd: ROOT,
    env: offlineEnv(),
    stdio: [inheritOutput ? 'inherit' : 'ignore', out, out, 'pipe'],
    detached: true,
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://localhost:${port}`;
  let stopped: Promise<void> | undefined;
  const stop = (how: NodeJS.Signals = 'SIGTERM') => {
    stopped ??= stopGroup(child.pid!, how).finally(() => child.stdio[3]?.destroy());
    return stopped;
  };
  const onAbort = () => void stop();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      signal?.throwIfAborted();
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`wrangler dev exited with ${child.exitCode ?? child.signalCode}:\n${output}`);
      try {
        const res = await fetch(`${url}/v1/health`);
        if (res.ok) {
          await migrated;
          return { url, process: child, stop, inspectorPort: Number(inspector) };
        }
      } catch {}
      await sleep(250);
    }
    throw new Error(`wrangler dev did not answer on ${url} within ${timeoutMs} ms:\n${output}`);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
