/**
 * The retrain's record for the Worker (`contracts/retrain.ts`): what the dashboard shows of it.
 * Stored after the decision; a record that cannot be stored is a warning, never a failed retrain.
 */
import type { RetrainRecord, RetrainScores } from '../../../contracts/retrain.ts';
import type { AdminClient } from '../publish/admin-client.ts';

/** What the retrain decided, as `retrain.ts` has it. */
export interface DecisionFacts {
  decision: RetrainRecord['decision'];
  publishMode: RetrainRecord['publishMode'];
  published?: string;
  candidate: { version: string; scores: RetrainScores };
  active?: { version: string; scores?: RetrainScores };
  margin: number;
  reasons: string[];
  range: RetrainRecord['range'];
  seconds: number;
}

const scoresOf = ({ k, hr, mrr, coverage, n }: RetrainScores): RetrainScores => ({ k, hr, mrr, coverage, n });

/** The record of `d`, made at `now`. */
export function retrainRecord(d: DecisionFacts, now = new Date()): RetrainRecord {
  // Field by field: the decision printed by the CLI carries more (log, slot, refit) than the record.
  const { decision, publishMode, published, candidate, active, margin, reasons, range, seconds } = d;
  return {
    at: now.toISOString(),
    decision,
    publishMode,
    ...(published !== undefined && { published }),
    candidate: { version: candidate.version, scores: scoresOf(candidate.scores) },
    ...(active?.scores && { active: { version: active.version, scores: scoresOf(active.scores) } }),
    margin,
    reasons,
    range: { from: range.from, to: range.to, ...(range.site !== undefined && { site: range.site }) },
    seconds,
  };
}

/** Store the record on the Worker; false (after `warn`) when it could not be. */
export async function storeRetrainRecord(
  admin: AdminClient,
  record: RetrainRecord,
  warn: (line: string) => void,
): Promise<boolean> {
  try {
    await admin.call('POST', '/v1/admin/models/retrains', JSON.stringify(record));
    return true;
  } catch (err) {
    warn(`warning: the retrain's record was not stored on the Worker: ${(err as Error).message}`);
    return false;
  }
}
