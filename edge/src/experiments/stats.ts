/** Experiment read-out: impressions, clicks and click-through rate per variant. */

/** Counts of one variant. */
export interface VariantCounts {
  variant: string;
  impressions: number;
  clicks: number;
}

/** What `GET /v1/experiments/:name` answers. */
export interface ExperimentReport {
  experiment: string;
  variants: (VariantCounts & { ctr: number | null })[];
}

/** Add CTR (clicks / impressions; null without impressions), variants in configured order. */
export function experimentReport(
  experiment: string,
  order: readonly string[],
  counts: readonly VariantCounts[],
): ExperimentReport {
  const byName = new Map(counts.map((c) => [c.variant, c]));
  return {
    experiment,
    variants: order.map((variant) => {
      const { impressions = 0, clicks = 0 } = byName.get(variant) ?? {};
      return { variant, impressions, clicks, ctr: impressions > 0 ? clicks / impressions : null };
    }),
  };
}
