/** Adam (Kingma & Ba) with decoupled weight decay (AdamW) over the parameter arrays; lr set per step. */
import { PARAM_KEYS, type ParamKey, type TwoTowerParams, zerosLike } from './params.ts';

/** The optimizer's moments and step count: saved with a paused training so it resumes exactly. */
export interface AdamState {
  m: Record<ParamKey, Float32Array>;
  v: Record<ParamKey, Float32Array>;
  t: number;
}

/** Optimizer state (fresh, or `resume`d) and its step function. */
export function createAdam(
  params: TwoTowerParams,
  { beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0 } = {},
  resume?: AdamState,
) {
  const m = resume?.m ?? zerosLike(params);
  const v = resume?.v ?? zerosLike(params);
  let t = resume?.t ?? 0;
  return {
    /** The state to resume from (the live arrays, not copies). */
    state: (): AdamState => ({ m, v, t }),
    /** Apply gradients `g` with learning rate `lr`; the padding row of `ein` stays zero. */
    step(g: Record<ParamKey, Float32Array>, lr: number): void {
      t++;
      const c1 = 1 - beta1 ** t;
      const c2 = 1 - beta2 ** t;
      for (const key of PARAM_KEYS) {
        const p = params[key];
        const gk = g[key];
        const mk = m[key];
        const vk = v[key];
        for (let i = 0; i < p.length; i++) {
          const gi = gk[i];
          mk[i] = beta1 * mk[i] + (1 - beta1) * gi;
          vk[i] = beta2 * vk[i] + (1 - beta2) * gi * gi;
          p[i] -= (lr * (mk[i] / c1)) / (Math.sqrt(vk[i] / c2) + eps) + lr * weightDecay * p[i];
        }
      }
      params.ein.fill(0, 0, params.dim); // padding row stays zero
    },
  };
}
