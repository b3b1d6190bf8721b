/**
 * `npm start`: local secrets, build, then `wrangler dev` on http://localhost:8787 with the demo
 * storefront at `/`. Fully offline.
 */
import { copyFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT, startDevServer } from '../../edge/scripts/wrangler-dev.ts';
import { build } from './build.ts';

const devVars = resolve(ROOT, '.dev.vars');
if (!existsSync(devVars)) {
  copyFileSync(resolve(ROOT, '.dev.vars.example'), devVars);
  console.log('Created .dev.vars from .dev.vars.example (local development secrets).');
}

await build();
const server = await startDevServer({ port: 8787, inheritOutput: true, timeoutMs: 180_000 });
console.log(`\nDemo storefront: http://localhost:8787/  (Ctrl-C to stop)`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void server.stop().then(() => process.exit(0)));
}
server.process.on('exit', (code) => process.exit(code ?? 0));
