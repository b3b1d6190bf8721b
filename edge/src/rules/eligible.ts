/** Hard rules: which candidates may be shown at all (before any scoring adjustment). */
import type { Candidate, RuleContext } from './types.ts';

/** True when the candidate may be recommended in this context. */
export function isEligible(candidate: Candidate, ctx: RuleContext): boolean {
  const { rules, session } = ctx;
  if (ctx.exclude.has(candidate.id)) return false;
  if (rules.excludeBought && session.bought.has(candidate.id)) return false;
  if (rules.excludeInCart && session.inCart.has(candidate.id)) return false;
  if (rules.skipOutOfStock && candidate.inStock === false) return false;
  // The index already filtered by category; this keeps the rule true for candidates from other sources.
  if (ctx.category !== undefined && candidate.category !== ctx.category) return false;
  return true;
}

/**
 * The Vectorize metadata filter that applies the category and stock rules inside the index, so topK is
 * taken from eligible items (`category` and `inStock` need metadata indexes).
 */
export function indexFilter(
  ctx: Pick<RuleContext, 'rules' | 'category'>,
): VectorizeVectorMetadataFilter | undefined {
  const filter: VectorizeVectorMetadataFilter = {};
  if (ctx.category !== undefined) filter.category = ctx.category;
  if (ctx.rules.skipOutOfStock) filter.inStock = { $ne: false };
  return Object.keys(filter).length > 0 ? filter : undefined;
}
