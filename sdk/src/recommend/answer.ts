/**
 * Read a recommendation answer from the edge: keep only well-formed items (an id and a score),
 * and the answer's `Server-Timing` entries.
 */
import type { RecommendationResponse, RecommendedItem } from '../../../contracts/recommendations.ts';
import type { ServerTimingEntry } from './types.ts';

/**
 * The answer if it has the contract's shape; items without a string id and numeric score are dropped.
 * `a` is any parsed JSON (typed as the shape it is checked for: no second binding in the bundle).
 */
export function parseAnswer(
  a: RecommendationResponse | null | undefined,
): RecommendationResponse | undefined {
  if (!a || typeof a.recId !== 'string' || !Array.isArray(a.items)) return undefined;
  const items = a.items.filter(
    (i: RecommendedItem | null) => !!i && typeof i.id === 'string' && typeof i.score === 'number',
  );
  const v = a.vectors;
  const vectors =
    v && items.length === a.items.length && v.scale?.length === items.length && typeof v.data === 'string'
      ? v
      : undefined;
  return { ...a, items, vectors };
}

/** Parse a `Server-Timing` header (`name;dur=1.2;desc="x", ...`). */
export function parseServerTiming(header: string | null): ServerTimingEntry[] {
  return (header || '')
    .split(',')
    .map((p) => ({
      name: p.split(';')[0].trim(),
      dur: Number(/;\s*dur=([\d.]+)/.exec(p)?.[1] ?? 0),
      desc: /;\s*desc="?([^";]*)/.exec(p)?.[1],
    }))
    .filter((e) => e.name);
}
