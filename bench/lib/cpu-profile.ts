/**
 * A CPU profile of the Worker's isolate through `wrangler dev`'s inspector port (Chrome DevTools
 * protocol): start, run something, stop, and sum the samples by function (self time) and by
 * function including its callees (total time, each function counted once per sample).
 */
// `ws`, not Node's global WebSocket: the latter's handshake with workerd's inspector fails
// ("inspector socket ... failed", tried 2026-12-02).
import { cpSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import WebSocket from 'ws';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
/** A V8 CPU profile as CDP's `Profiler.stop` returns it (workerd's or Chromium's). */
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** One function's share of the profile, in ms per `per` (e.g. per request). */
export interface ProfileRow {
  fn: string;
  selfMs: number;
  totalMs: number;
}

class Cdp {
  #next = 1;
  readonly #waiting = new Map<number, (r: unknown) => void>();
  constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { id?: number; result?: unknown };
      if (msg.id !== undefined) this.#waiting.get(msg.id)?.(msg.result);
    });
  }
  send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.#next++;
    this.ws.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve) => this.#waiting.set(id, resolve as (r: unknown) => void));
  }
}

/** Connect to the first worker target of inspector port `port`. */
async function connect(port: number): Promise<{ cdp: Cdp; ws: WebSocket }> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error(`no inspector target on port ${port}`);
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject));
  return { cdp: new Cdp(ws), ws };
}

/** Profile `run` (sampling every `intervalUs`); rows sorted by self time, ms divided by `per`. */
export async function profileOf(
  port: number,
  run: () => Promise<void>,
  { intervalUs = 100, per = 1 }: { intervalUs?: number; per?: number } = {},
): Promise<{ profiledMs: number; rows: ProfileRow[] }> {
  const { cdp, ws } = await connect(port);
  try {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
    await cdp.send('Profiler.start');
    await run();
    const { profile } = await cdp.send<{ profile: Profile }>('Profiler.stop');
    return summarizeProfile(profile, per);
  } finally {
    ws.close();
  }
}

/** Self and total ms per function name (`name file:line:column`), divided by `per`; idle time left out. */
export function summarizeProfile(profile: Profile, per: number): { profiledMs: number; rows: ProfileRow[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: ProfileNode) => {
    const file = n.callFrame.url.split('/').at(-1) ?? '';
    // The column too: a minified browser bundle is one line.
    const { lineNumber, columnNumber } = n.callFrame;
    return `${n.callFrame.functionName || '(anonymous)'} ${file}:${lineNumber + 1}:${columnNumber + 1}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let profiled = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (!node) return;
    const leaf = name(node);
    if (leaf.startsWith('(idle)')) return;
    profiled += us;
    self.set(leaf, (self.get(leaf) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const fn = name(byId.get(at)!);
      if (seen.has(fn)) continue;
      seen.add(fn);
      total.set(fn, (total.get(fn) ?? 0) + us);
    }
  });
  const ms = (us: number) => Math.round((us / 1000 / per) * 1000) / 1000;
  const rows = [...total.entries()].map(([fn, t]) => ({ fn, selfMs: ms(self.get(fn) ?? 0), totalMs: ms(t) }));
  return { profiledMs: ms(profiled), rows };
}

/**
 * Copy the bundle the running `wrangler dev` serves (its newest `.wrangler/tmp/dev-*`) to
 * `.cache/profile-bundle/`, which the rows' file:line point into (wrangler removes its copy on exit).
 */
export function keepProfiledBundle(root: string): void {
  const tmp = resolve(root, '.wrangler/tmp');
  const dev = readdirSync(tmp)
    .filter((d) => d.startsWith('dev-'))
    .sort((a, b) => statSync(resolve(tmp, b)).mtimeMs - statSync(resolve(tmp, a)).mtimeMs)[0];
  if (dev) cpSync(resolve(tmp, dev), resolve(root, '.cache/profile-bundle'), { recursive: true });
}
