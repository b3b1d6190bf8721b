/**
 * Deterministic A/B assignment: a session's variant is a pure function of (experiment, sessionId), so
 * the Worker, the Durable Objects and the offline analysis all agree without storing assignments.
 */
import { fnv1a } from '../../../model/src/hash.ts';

/** One arm of an experiment; `weight` is relative to the other arms. */
export interface VariantWeight {
  name: string;
  weight: number;
}

/** The variant of `sessionId` in experiment `experiment` (weights need not sum to 1). */
export function assignVariant(
  experiment: string,
  sessionId: string,
  variants: readonly VariantWeight[],
): string {
  const total = variants.reduce((s, v) => s + v.weight, 0);
  if (variants.length === 0 || total <= 0)
    throw new Error(`experiment ${experiment} has no weighted variants`);
  const u = (fnv1a(`${experiment}:${sessionId}`) / 2 ** 32) * total;
  let acc = 0;
  for (const v of variants) {
    acc += v.weight;
    if (u < acc) return v.name;
  }
  return variants[variants.length - 1]!.name;
}

/** Every experiment's variant for `sessionId` (experiment name → variant name). */
export function variantsFor(
  experiments: Readonly<Record<string, { variants: readonly VariantWeight[] }>>,
  sessionId: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, e] of Object.entries(experiments)) out[name] = assignVariant(name, sessionId, e.variants);
  return out;
}
