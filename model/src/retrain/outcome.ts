/** What a retrain does with the gate's answer under `--publish`, and its exit code. */

import type { RetrainRecord } from '../../../contracts/retrain.ts';
import type { GateDecision } from '../eval/gate.ts';

/** What `--publish` says (and a scheduled retrain's setting). */
export type PublishMode = RetrainRecord['publishMode'];

/** The gate kept the active model: nothing was published. */
export const EXIT_REJECTED = 3;

/** Whether to refit on the whole range, whether to publish the refit, and the exit code. */
export interface Outcome {
  refit: boolean;
  publish: boolean;
  exitCode: 0 | typeof EXIT_REJECTED;
}

/**
 * `auto` publishes what passes; `never` publishes nothing but still refits what passes (so `--out`
 * holds what would go live) and exits 3 on a rejection like `auto`; `force` publishes regardless.
 */
export function outcomeOf(verdict: Pick<GateDecision, 'decision'>, mode: PublishMode): Outcome {
  const pass = verdict.decision === 'promote';
  if (mode === 'force') return { refit: true, publish: true, exitCode: 0 };
  return { refit: pass, publish: pass && mode === 'auto', exitCode: pass ? 0 : EXIT_REJECTED };
}
