/**
 * The promotion gate of `npm run retrain`: a candidate replaces the active model only when it is not
 * worse than it, by more than a relative margin, on HR@k and on MRR@k of the same evaluation slice.
 * Coverage is reported beside them but does not decide: a model that recommends fewer distinct items
 * yet predicts the next one better is still the better model for the shop's sessions.
 */

/** Scores of one model on the evaluation slice. */
export interface GateScores {
  k: number;
  hr: number;
  mrr: number;
  /** Distinct items in any top-k list / items in the catalogue (0..1). */
  coverage: number;
  /** Predictions scored. */
  n: number;
}

/** The gate's answer, with one reason per metric compared. */
export interface GateDecision {
  decision: 'promote' | 'keep';
  reasons: string[];
  margin: number;
}

/** The default margin: a candidate may score up to 2% (relative) below the active model. */
export const DEFAULT_GATE_MARGIN = 0.02;

const GATED = ['hr', 'mrr'] as const;

/**
 * Compare `candidate` with `active` (undefined when nothing is active: the candidate is promoted).
 * `margin` is relative: the candidate passes a metric when it is at least `active * (1 - margin)`.
 */
export function gate(
  candidate: GateScores,
  active: GateScores | undefined,
  margin = DEFAULT_GATE_MARGIN,
): GateDecision {
  if (!(margin >= 0 && margin < 1)) throw new RangeError(`margin must be in [0, 1), got ${margin}`);
  if (!active) return { decision: 'promote', reasons: ['no active model to compare with'], margin };
  if (candidate.k !== active.k) throw new RangeError(`scores at different k: ${candidate.k} vs ${active.k}`);
  if (candidate.n === 0)
    return { decision: 'keep', reasons: ['the evaluation slice has no predictions'], margin };
  const reasons: string[] = [];
  let pass = true;
  for (const metric of GATED) {
    const floor = active[metric] * (1 - margin);
    const name = `${metric.toUpperCase()}@${candidate.k}`;
    const scores = `${candidate[metric].toFixed(4)} vs ${active[metric].toFixed(4)}`;
    if (candidate[metric] > active[metric]) reasons.push(`${name} better: ${scores}`);
    else if (candidate[metric] >= floor) reasons.push(`${name} equal within margin: ${scores}`);
    else {
      pass = false;
      reasons.push(`${name} worse than the margin allows: ${scores} (floor ${floor.toFixed(4)})`);
    }
  }
  return { decision: pass ? 'promote' : 'keep', reasons, margin };
}
