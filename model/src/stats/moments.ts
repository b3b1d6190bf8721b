/**
 * Per-visitor sums of an arm, the sufficient statistics the report keeps: a mean metric needs n,
 * Σx and Σx²; a ratio metric (clicks / impressions per visitor) also the cross sum Σxy.
 */

/** Σx and Σx² of n visitors. */
export interface MeanMoments {
  n: number;
  sum: number;
  sumSq: number;
}

/** Per-visitor numerator x and denominator y of a ratio Σx / Σy. */
export interface RatioMoments {
  n: number;
  sumX: number;
  sumY: number;
  sumXX: number;
  sumYY: number;
  sumXY: number;
}

/** The mean and the variance of the mean (sample variance / n); variance 0 below 2 visitors. */
export function meanAndVariance(m: MeanMoments): { mean: number; variance: number } {
  if (m.n <= 0) return { mean: 0, variance: 0 };
  const mean = m.sum / m.n;
  if (m.n < 2) return { mean, variance: 0 };
  const s2 = Math.max(0, (m.sumSq - m.n * mean * mean) / (m.n - 1));
  return { mean, variance: s2 / m.n };
}

/** The ratio Σx / Σy and its delta-method variance (visitors, not impressions, are the independent units). */
export function ratioAndVariance(m: RatioMoments): { mean: number; variance: number } {
  if (m.n <= 0 || m.sumY <= 0) return { mean: 0, variance: 0 };
  const r = m.sumX / m.sumY;
  if (m.n < 2) return { mean: r, variance: 0 };
  const mx = m.sumX / m.n;
  const my = m.sumY / m.n;
  const cov = (a: number, b: number, ab: number) => (ab - m.n * a * b) / (m.n - 1);
  const sxx = cov(mx, mx, m.sumXX);
  const syy = cov(my, my, m.sumYY);
  const sxy = cov(mx, my, m.sumXY);
  const variance = Math.max(0, (sxx - 2 * r * sxy + r * r * syy) / (m.n * my * my));
  return { mean: r, variance };
}
