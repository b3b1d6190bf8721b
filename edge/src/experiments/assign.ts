/**
 * Deterministic A/B assignment: a session's variant is a pure function of (experiment, sessionId), so
 * the Worker, the Durable Objects and the offline analysis all agree without storing assignments.
 */

/** One arm of an experiment; `weight` is relative to the other arms. */
export interface VariantWeight {
  name: string;
  weight: number;
}

/** 32-bit FNV-1a of a string (UTF-16 code units): fast, well spread for short ids. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
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
