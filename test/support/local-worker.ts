/**
 * A local Worker for tests of the shop's command-line scripts: the tests' own `wrangler dev`
 * (`site-server.ts`), a temporary folder for the test's files, and a way to run a script (`edge/scripts/*.ts`) against it as a shop would,
 * with `--url` and `--token` appended and the exit code kept rather than thrown.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../../edge/scripts/wrangler-dev.ts';
import { startSiteServer } from './site-server.ts';

/** What a script printed and how it exited. */
export interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface LocalWorker {
  url: string;
  /** A temporary folder for the test's files (removed by `stop`). */
  dir: string;
  /** Run `script` (path from the repository root) with `args`, then `--url` and `--token`. */
  run(script: string, ...args: string[]): Promise<ScriptRun>;
  stop(): Promise<void>;
}

/** Start a Worker with admin token `token` and the site keys given (default: `demo`). */
export async function startLocalWorker(
  token: string,
  siteKeys: Record<string, unknown> = { demo: { origins: ['http://localhost:8787'] } },
): Promise<LocalWorker> {
  const server = await startSiteServer('rec-local-worker-', token, siteKeys);
  const dir = mkdtempSync(join(tmpdir(), 'rec-local-worker-files-'));
  return {
    url: server.base,
    dir,
    async run(script, ...args) {
      const { base } = server;
      const argv = ['--import', 'tsx', resolve(ROOT, script), ...args, '--url', base, '--token', token];
      try {
        const { stdout, stderr } = await promisify(execFile)(process.execPath, argv, { cwd: ROOT });
        return { code: 0, stdout, stderr };
      } catch (e) {
        const err = e as ScriptRun;
        return { code: err.code, stdout: err.stdout, stderr: err.stderr };
      }
    },
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
