/**
 * Where a retrain's warm start comes from: `--warm <dir>`, else the `--active` folder when it holds
 * a checkpoint (the `--out` of the last retrain does), else nothing; `--cold` turns it off.
 */
import { InputError } from '../../../model/src/cli/load-input.ts';
import { hasCheckpoint, readCheckpoint } from '../../../model/src/export/checkpoint-file.ts';
import { CHECKPOINT_FILE, type Checkpoint } from '../../../model/src/train/checkpoint.ts';

/** The checkpoint to start from and its folder, or undefined for a run from scratch. */
export function warmSource(
  o: { warm?: string; cold: boolean; active?: string },
  log: (line: string) => void,
): { dir: string; checkpoint: Checkpoint } | undefined {
  const dir = o.cold ? undefined : (o.warm ?? (o.active && hasCheckpoint(o.active) ? o.active : undefined));
  if (dir === undefined) {
    if (!o.cold && o.active) log(`training from scratch: ${o.active} has no ${CHECKPOINT_FILE}`);
    return undefined;
  }
  try {
    const checkpoint = readCheckpoint(dir);
    log(`warm start from ${dir} (${checkpoint.items.length} items)`);
    return { dir, checkpoint };
  } catch (e) {
    throw new InputError((e as Error).message);
  }
}
