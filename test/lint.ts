/**
 * `npm run lint`: the four type checks (the Worker and tools, the SDK, the dashboard, the demo
 * storefront's browser code) and biome, two at a time (each tsc is single-threaded; run one after
 * another they were a minute of `npm test` on two cores). Each command's output is printed whole
 * when it ends; exits non-zero if any failed.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const CHECKS = ['tsc -p .', 'tsc -p sdk', 'tsc -p dashboard', 'tsc -p demo-site', 'biome check .'];
const AT_ONCE = 2;

/** Run `cmd` through npx; resolves with its exit code once its output is printed. */
function check(cmd: string): Promise<number> {
  return new Promise((done) => {
    const child = spawn('npx', cmd.split(' '), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk;
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('close', (code) => {
      process.stdout.write(`$ ${cmd}\n${output}`);
      done(code ?? 1);
    });
  });
}

const queue = [...CHECKS];
const codes: number[] = [];
await Promise.all(
  Array.from({ length: AT_ONCE }, async () => {
    for (let cmd = queue.shift(); cmd; cmd = queue.shift()) codes.push(await check(cmd));
  }),
);
if (codes.some((code) => code !== 0)) process.exit(1);
