/**
 * Which model folder stands for the Worker's active model in the gate. Its item vectors live in
 * Vectorize and cannot be read back, so the active model is evaluated from a local folder given
 * with `--active` (the `--out` of the retrain, or the folder published last), checked to be the
 * version the Worker serves.
 */
import { UsageError } from '../../../model/src/cli/args.ts';
import { InputError } from '../../../model/src/cli/load-input.ts';
import { readManifest } from '../../../model/src/export/model-folder.ts';
import type { AdminClient } from '../publish/admin-client.ts';

/** The active model: its version and the folder to score, or undefined when none is active. */
export interface ActiveFolder {
  version: string;
  dir: string | undefined;
}

/** Resolve the active model; without a local folder only `--publish force` may go on. */
export async function activeFolder(
  admin: AdminClient,
  dir: string | undefined,
  force: boolean,
): Promise<ActiveFolder | undefined> {
  const active = await admin.call<{ version: string }>('GET', '/v1/admin/models/active');
  if (!active) return undefined;
  if (dir === undefined) {
    if (force) return { version: active.version, dir: undefined };
    throw new UsageError(
      `--active <dir> is required: the Worker serves ${active.version}, whose item vectors cannot be read back from Vectorize (or use --publish force)`,
    );
  }
  let version: string;
  try {
    version = readManifest(dir).version;
  } catch (e) {
    throw new InputError(`--active ${dir}: ${(e as Error).message}`);
  }
  if (version !== active.version)
    throw new InputError(`--active ${dir} holds ${version}, but the Worker serves ${active.version}`);
  return { version, dir };
}
