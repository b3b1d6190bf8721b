/**
 * `npm start` stopped by a process manager (SIGTERM) or by a person (SIGINT) stops everything it
 * started: the start script, run as package.json runs it, on a free port and signalled once the API
 * answers, exits with 128 + the signal's number, leaves no wrangler or workerd of its run and frees
 * its port for the next start.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { it, type TestContext } from 'vitest';
import { ensurePriorModel } from '../../demo-site/scripts/demo-model.ts';
import { randomFreePort as freePort, isFree } from '../../edge/scripts/free-port.ts';
import { ROOT } from '../../edge/scripts/wrangler-dev.ts';
import { processes } from '../support/processes.ts';

const answers = (url: string) =>
  fetch(url).then(
    (res) => res.ok,
    () => false,
  );

/**
 * `npm start` itself (npm → sh → the start script), on its own port and state, as a process
 * manager would start it. npm relays SIGTERM/SIGINT to its `sh -c`, which `exec`s the script: a
 * shell left in between (dash does not exec the last command of `a && b`) died and left wrangler
 * serving, and `tsx` in between SIGKILLs a child that does not acknowledge a relayed signal in 30 ms.
 */
async function startScript(onTestFinished: TestContext['onTestFinished']) {
  const port = await freePort();
  const state = mkdtempSync(join(tmpdir(), 'rec-start-'));
  // --no-build: dist/public is the build the other browser tests serve; the prior model: no training.
  const args = ['start', '--', '--port', String(port), '--persist-to', state];
  args.push('--model', ensurePriorModel(), '--no-build');
  const child = spawn('npm', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => r({ code, signal })),
  );
  /** The sessions of this run's wrangler processes (wrangler runs in a session of its own). */
  const sessions = () =>
    new Set(
      processes().flatMap((p) => (p.args.includes('wrangler dev') && p.args.includes(state) ? [p.sid] : [])),
    );
  /** Processes of those sessions still running. */
  const remaining = (of: Set<number>) => processes().filter((p) => of.has(p.sid));
  onTestFinished(() => {
    // A failed test must not leave its servers running: every process here was started by this test.
    const of = sessions();
    child.kill('SIGKILL');
    for (const sid of of) {
      try {
        process.kill(-sid, 'SIGKILL');
      } catch {}
    }
    rmSync(state, { recursive: true, force: true });
  });
  const base = `http://localhost:${port}`;
  const deadline = Date.now() + 150_000; // a loaded 2-core CI machine: tsx, then wrangler and workerd
  while (!(await answers(`${base}/v1/health`))) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `the start script exited (${child.exitCode ?? child.signalCode}) before answering:\n${output}`,
      );
    if (Date.now() > deadline) throw new Error(`${base}/v1/health did not answer:\n${output}`);
    await sleep(250);
  }
  return { port, base, child, exit, sessions, remaining, output: () => output };
}

// The two cases run side by side (own ports, own state): one start's wait for wrangler is the other's.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  it.concurrent(`${signal} stops wrangler dev and workerd, frees the port and exits with 128 + ${constants.signals[signal]}`, async ({
    expect,
    onTestFinished,
  }) => {
    const run = await startScript(onTestFinished);
    const sessions = run.sessions();
    expect(sessions.size).toBe(1);
    expect(run.remaining(sessions).some((p) => p.args.includes('workerd'))).toBe(true);

    run.child.kill(signal);
    const exit = await run.exit;
    expect(exit, run.output()).toEqual({ code: 128 + constants.signals[signal], signal: null });
    await expect.poll(() => run.remaining(sessions), { timeout: 20_000 }).toEqual([]);
    await expect(fetch(`${run.base}/v1/health`)).rejects.toThrow();
    expect(await isFree(run.port)).toBe(true);
  }, 240_000);
}
