/**
 * `npm run rollback -- [--url http://localhost:8787] [--token <ADMIN_TOKEN>]`: serve the version
 * that was active before the current one again, on the blue/green slot that still holds its item
 * vectors (`POST /v1/admin/models/rollback`; the Worker refuses, and this exits 1 with its reason,
 * when that slot was overwritten since). Requests keep being served throughout: activation is one
 * R2 write, and each isolate swaps models stale-while-revalidate (edge/src/model-registry/active-model.ts).
 * Exit codes: 0 rolled back, 1 refused or failed, 2 wrong arguments.
 */
import { parseArgs } from 'node:util';
import { adminToken } from './admin-token.ts';
import { AdminClient } from './publish/admin-client.ts';

const USAGE = 'usage: npm run rollback -- [--url http://localhost:8787] [--token <ADMIN_TOKEN>]';

async function main(): Promise<number> {
  let values: { url?: string; token?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { url: { type: 'string' }, token: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
    }));
  } catch (e) {
    console.error(`rollback: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const admin = new AdminClient(values.url ?? 'http://localhost:8787', adminToken(values.token));
  const before = await admin.call<{ version: string; slot: string }>('GET', '/v1/admin/models/active');
  const after = await admin.call<{ version: string; slot: string; activatedAt: string }>(
    'POST',
    '/v1/admin/models/rollback',
  );
  console.log(JSON.stringify({ from: before, to: after }));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`rollback: ${(e as Error).message}`);
    process.exit(1);
  },
);
