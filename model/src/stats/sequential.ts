/**
 * Always-valid comparison of a variant with the control: the mixture sequential probability ratio
 * test (mSPRT, Johari, Koomen, Pekelis & Walsh, "Always valid inference", 2017) with a normal
 * mixture over the difference, as the confidence sequence it inverts to (Waudby-Smith et al.,
 * "Time-uniform central limit theory and asymptotic confidence sequences", 2021). The interval
 * holds at every look with probability ≥ 95 % at once, so a dashboard watched live and an
 * experiment stopped the moment it says `better` keep their error rate; a fixed-horizon z-test
 * peeked at after every batch does not. Variances are plug-in estimates (asymptotic validity):
 * no verdict before MIN_VISITORS_PER_ARM visitors per arm.
 */
import { type Difference, MIN_VISITORS_PER_ARM, type Verdict } from '../../../contracts/report.ts';

/** The method, as the report names it. */
export const SEQUENTIAL_METHOD =
  'mSPRT with a normal mixture (always-valid 95 % confidence sequence on variant − control; delta method for CTR)';

/** alpha of the confidence sequences. */
export const ALPHA = 0.05;

/**
 * Effective sample size the mixture is tuned for (the sequence is narrowest there): about 1,000
 * visitors per arm. ρ² = (−2 ln α + ln(1 − 2 ln α)) / n* (Waudby-Smith et al., eq. 19).
 */
export const TUNED_FOR_N = 500;
const RHO2 = (-2 * Math.log(ALPHA) + Math.log(1 - 2 * Math.log(ALPHA))) / TUNED_FOR_N;

/** An arm's estimate and the variance of that estimate. */
export interface ArmEstimate {
  n: number;
  mean: number;
  variance: number;
}

/**
 * Half-width of the confidence sequence for an estimate of variance `v` from an effective sample
 * of `n`: the mixing variance is τ² = ρ²·σ² with σ² = v·n, so the test is scale-free.
 */
export function halfWidth(v: number, n: number, alpha = ALPHA): number {
  if (v <= 0 || n <= 0) return 0;
  const a = n * RHO2;
  return Math.sqrt(((2 * v * (1 + a)) / a) * Math.log(Math.sqrt(1 + a) / alpha));
}

/** variant − control with its always-valid interval and verdict. */
export function compareArms(control: ArmEstimate, variant: ArmEstimate, alpha = ALPHA): Difference {
  if (control.n <= 0 || variant.n <= 0)
    return { value: null, low: null, high: null, verdict: 'inconclusive' };
  const value = variant.mean - control.mean;
  const nEff = (control.n * variant.n) / (control.n + variant.n);
  const half = halfWidth(control.variance + variant.variance, nEff, alpha);
  const low = value - half;
  const high = value + half;
  const enough = control.n >= MIN_VISITORS_PER_ARM && variant.n >= MIN_VISITORS_PER_ARM;
  return { value, low, high, verdict: enough ? verdictOf(low, high) : 'inconclusive' };
}

/** `better` when the interval is wholly above 0, `worse` wholly below, else `inconclusive`. */
export function verdictOf(low: number, high: number): Verdict {
  if (low > 0) return 'better';
  if (high < 0) return 'worse';
  return 'inconclusive';
}
