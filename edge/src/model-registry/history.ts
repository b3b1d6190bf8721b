/**
 * The activation history in R2 (`models/history.json`): every activation appended, newest last,
 * the activations of the last N versions kept (at most MAX_HISTORY). Rollback reads it to find the version served before the active one
 * and whether its blue/green slot still holds its item vectors.
 */
import type { Slot } from '../vectorize/binding.ts';
import type { ActiveModel } from './r2-store.ts';
import { DEFAULT_KEEP_VERSIONS, deleteVersions, retain } from './retention.ts';

const HISTORY = 'models/history.json';
/** Activations remembered (rollback needs two; the rest is an audit trail). */
export const MAX_HISTORY = 50;

/** Every remembered activation, oldest first. */
export async function readHistory(bucket: R2Bucket): Promise<ActiveModel[]> {
  const obj = await bucket.get(HISTORY);
  return obj ? ((await obj.json()) as ActiveModel[]) : [];
}

/**
 * Append `entry`, keeping the last `keep` versions (retention.ts): the history is cut and older
 * versions' artifacts deleted, after the history is written. Read-modify-write without a lock: two
 * activations at the same instant could lose an entry of the history (never of `active.json`);
 * admin activations are rare and sequential.
 */
export async function appendHistory(
  bucket: R2Bucket,
  entry: ActiveModel,
  keep = DEFAULT_KEEP_VERSIONS,
): Promise<void> {
  const { history, drop } = retain([...(await readHistory(bucket)), entry], keep);
  await bucket.put(HISTORY, JSON.stringify(history.slice(-MAX_HISTORY)));
  await deleteVersions(bucket, drop);
}

/** What a rollback would activate, or why it cannot. */
export type RollbackTarget = { ok: true; version: string; slot: Slot } | { ok: false; reason: string };

/**
 * The version served before the active one (the last entry of another version), if its slot was
 * not activated again since for a different version: blue/green publishing overwrites the slot the
 * active model does not use, so after two newer publishes the old vectors are gone.
 */
export function rollbackTarget(history: readonly ActiveModel[]): RollbackTarget {
  const current = history.at(-1);
  if (!current) return { ok: false, reason: 'no model has been activated' };
  let i = history.length - 2;
  while (i >= 0 && history[i].version === current.version) i--;
  if (i < 0) return { ok: false, reason: `no version was active before ${current.version}` };
  const previous = history[i];
  const overwritten = history
    .slice(i + 1)
    .find((h) => h.slot === previous.slot && h.version !== previous.version);
  if (overwritten) {
    return {
      ok: false,
      reason: `slot ${previous.slot} no longer holds the vectors of ${previous.version}: ${overwritten.version} was published into it since; publish ${previous.version} again instead`,
    };
  }
  return { ok: true, version: previous.version, slot: previous.slot };
}
