/**
 * `npm test`: lint + type check, build the served assets, then every vitest project
 * (edge in workerd, node, browser end to end). Exits non-zero on the first failure.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { build } from '../demo-site/scripts/build.ts';
import { offlineEnv } from '../edge/scripts/wrangler-dev.ts';
import { ensureChromium } from './support/chromium.ts';

const ROOT = resolve(import.meta.dirname, '..');
/** Runs still going: a failure stops them before exiting. */
const running = new Set<ReturnType<typeof spawn>>();

/**
 * Run `cmd` (through npx unless it is npm); resolves once it exits, rejects if it failed. With
 * `printAtEnd` its output is kept and printed whole when it ends (a run beside another).
 */
function run(cmd: string, { printAtEnd = false } = {}): Promise<void> {
  const [bin, ...args] = cmd.split(' ');
  const [file, argv] = bin === 'npm' ? [bin, args] : ['npx', [bin!, ...args]];
  console.log(`\n$ ${cmd}${printAtEnd ? ' (beside the next; printed when it ends)' : ''}`);
  const child = spawn(file, argv, {
    cwd: ROOT,
    env: offlineEnv(),
    stdio: printAtEnd ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  });
  running.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return new Promise((done, fail) =>
    child.on('close', (code) => {
      running.delete(child);
      if (printAtEnd) console.log(`\n$ ${cmd}\n${output}`);
      if (code === 0) done();
      else fail(new Error(`${cmd} exited with ${code}`));
    }),
  );
}

const vitest = (project: string) => `vitest run --config test/vitest.config.ts --project ${project}`;

try {
  await run('npm run lint');
  console.log('\n$ build dist/public');
  await build();
  // Install Chromium once, up front: installed from inside a test file, apt's ~30 s ran past the
  // hook timeout of the browser tests in the node project (and several files raced for the lock).
  console.log(`\n$ chromium: ${ensureChromium()}`);
  // The node project beside the edge one, as two vitest runs: vitest gives a 2-core machine one
  // worker, and the workerd pool alone kept about one core busy (edge + node 375 s one after the
  // other, 328 s side by side on a quiet machine).
  // Browser tests run after both, not beside them: the workerd pool saturating both cores starved
  // the SDK's replay-after-reload test into timeouts.
  const node = run(vitest('node'), { printAtEnd: true });
  node.catch(() => {}); // awaited below, after the edge run
  await run(vitest('edge'));
  await node;
  await run(vitest('e2e'));
} catch (error) {
  console.error(`\n${(error as Error).message}`);
  for (const child of running) child.kill('SIGTERM');
  process.exit(1);
}
