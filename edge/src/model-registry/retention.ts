/**
 * Keep the last N model versions: the N most recently activated versions keep their R2 artifacts
 * and their history; older ones are deleted after each activation. N is `MODEL_KEEP_VERSIONS`
 * (wrangler.toml), at least 2 so the active and the previous version (rollback) always stay.
 * Only versions that were activated are ever deleted: a version being uploaded by a publish that
 * has not activated it yet is not in the history, so it is never touched.
 */
import type { ActiveModel } from './r2-store.ts';

/** Versions kept when `MODEL_KEEP_VERSIONS` is unset or not a number. */
export const DEFAULT_KEEP_VERSIONS = 5;

/** N from the Worker's variable: an integer, at least 2. */
export function keepVersions(raw: string | undefined): number {
  const n = Number(raw);
  return Number.isInteger(n) && raw?.trim() !== '' ? Math.max(2, n) : DEFAULT_KEEP_VERSIONS;
}

/**
 * The history to keep (from the last activation of the N-th most recent version on, so rollback
 * still sees every activation after it) and the versions to delete (older, not kept).
 */
export function retain(
  history: readonly ActiveModel[],
  keep: number,
): { history: ActiveModel[]; drop: string[] } {
  const kept = new Set<string>();
  let from = 0;
  for (let i = history.length - 1; i >= 0; i--) {
    if (kept.has(history[i].version)) continue;
    if (kept.size === keep) {
      from = i + 1;
      break;
    }
    kept.add(history[i].version);
  }
  const drop = new Set(
    history
      .slice(0, from)
      .map((h) => h.version)
      .filter((v) => !kept.has(v)),
  );
  return { history: history.slice(from), drop: [...drop] };
}

/** Delete every object of `versions` (`models/<version>/...`) from the bucket. */
export async function deleteVersions(bucket: R2Bucket, versions: readonly string[]): Promise<void> {
  for (const version of versions) {
    let cursor: string | undefined;
    do {
      const page = await bucket.list({ prefix: `models/${version}/`, cursor });
      if (page.objects.length > 0) await bucket.delete(page.objects.map((o) => o.key));
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
  }
}
