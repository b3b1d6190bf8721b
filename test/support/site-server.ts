/**
 * A `wrangler dev` of the tests' own: a free port, a throwaway state directory (removed on stop),
 * its admin token, and its site keys (by default one that allows the server's own origin).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomFreePort } from '../../edge/scripts/free-port.ts';
import { startDevServer } from '../../edge/scripts/wrangler-dev.ts';

/** A running server (no browser). */
export interface SiteServer {
  base: string;
  /** Process group of `wrangler dev` and its workerd (for CPU time, `bench/lib/process-cpu.ts`). */
  serverGroup: number;
  stop(): Promise<void>;
}

/**
 * Start one; `statePrefix` names its state directory under the OS temp dir. `siteKeys` is one key
 * (allowed from the server's own origin) or the whole `SITE_KEYS` map.
 */
export async function startSiteServer(
  statePrefix: string,
  adminToken: string,
  siteKeys: string | Record<string, unknown>,
): Promise<SiteServer> {
  const port = await randomFreePort();
  const base = `http://localhost:${port}`;
  const state = mkdtempSync(join(tmpdir(), statePrefix));
  try {
    const keys = typeof siteKeys === 'string' ? { [siteKeys]: { origins: [base] } } : siteKeys;
    const server = await startDevServer({
      port,
      persistTo: state,
      vars: {
        ADMIN_TOKEN: adminToken,
        SITE_KEYS: JSON.stringify(keys),
      },
    });
    return {
      base,
      serverGroup: server.process.pid!,
      async stop() {
        await server.stop();
        rmSync(state, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(state, { recursive: true, force: true });
    throw error;
  }
}
