/** Adam (Kingma & Ba) with decoupled weight decay (AdamW) over the parameter arrays; lr set per step. */
import { PARAM_KEYS, type ParamKey, type TwoTowerParams, zerosLike } from './params.ts';

/** Optimizer state and its step function. */
export function createAdam(
  params: TwoTowerParams,
  { beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0 } = {},
) {
  const m = zerosLike(params);
  const v = zerosLike(params);
  let t = 0;
  return {
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
