/**
 * Running the session tower. Node and workerd create the onnxruntime-web InferenceSession their own
 * way (workerd needs the wasm imported as a module) and hand it in; only types are imported here.
 */
import type { InferenceSession, Tensor } from 'onnxruntime-web';
import type { TowerInput } from './tower-input.ts';

/** Computes the session vector for one tower input. */
export interface TowerRunner {
  run(input: TowerInput): Promise<Float32Array>;
}

/** Names of the graph's inputs and output (from the manifest's `tower`). */
export interface TowerIo {
  inputs: { items: string; ages: string };
  output: string;
}

/** A runner over an onnxruntime-web session; `TensorClass` is `ort.Tensor` of the caller's ort. */
export function ortTowerRunner(
  session: InferenceSession,
  TensorClass: typeof Tensor,
  io: TowerIo,
): TowerRunner {
  return {
    async run({ items, ages }) {
      const n = items.length;
      const feeds = {
        [io.inputs.items]: new TensorClass('int32', items, [1, n]),
        [io.inputs.ages]: new TensorClass('float32', ages, [1, n]),
      };
      const out = await session.run(feeds);
      return out[io.output].data as Float32Array;
    },
  };
}
