/** The rules pipeline after retrieval and the second stage: hard rules, boost/bury, diversity, pins. */
import { adjustScores } from './adjust.ts';
import { diversify } from './diversify.ts';
import { isEligible } from './eligible.ts';
import { applyPins } from './pin.ts';
import type { Candidate, RuleContext } from './types.ts';

/**
 * The final `k` items for an answer. `pinnedItems` are the candidates for the configured pins (looked
 * up by id, as they may not have been retrieved); the hard rules apply to them too.
 */
export function applyRules(
  candidates: readonly Candidate[],
  ctx: RuleContext,
  k: number,
  pinnedItems: readonly Candidate[] = [],
): Candidate[] {
  const eligible = candidates.filter((c) => isEligible(c, ctx));
  const adjusted = adjustScores(eligible, ctx.rules);
  const pinned = pinnedItems.filter((c) => isEligible(c, ctx));
  const pinnedIds = new Set(pinned.map((c) => c.id));
  // A page that asked for one category gets k of it: the diversity limit is across categories.
  const diverse = diversify(
    adjusted.filter((c) => !pinnedIds.has(c.id)),
    k,
    ctx.category === undefined ? ctx.rules.maxPerCategory : 0,
  );
  return applyPins(diverse, ctx.rules.pin, pinned, k);
}
