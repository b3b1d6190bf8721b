/**
 * A paused training as bytes ("ETRS"): what one Workflow step leaves in R2 for the next (parameters,
 * Adam's moments, the generator's state, the example order, losses). Resuming from it continues the
 * run exactly: the same model as one uninterrupted run. Pure; runs in workerd.
 */
import { createBinaryReader, createBinaryWriter } from '../serve/binary.ts';
import { PARAM_KEYS, type ParamKey, type TwoTowerParams } from './params.ts';
import type { TrainingState } from './train.ts';

const MAGIC = 'ETRS';

type Arrays = Record<ParamKey, Float32Array>;

/** Encode: JSON header (shape, counters, array lengths), then params, m, v and the order. */
export function encodeTrainingState(s: TrainingState): Uint8Array {
  const { rows, dim, maxLen, categories } = s.params;
  const lengths = Object.fromEntries(PARAM_KEYS.map((k) => [k, s.params[k].length]));
  const w = createBinaryWriter(MAGIC, {
    shape: { rows, dim, maxLen, categories },
    lengths,
    epochsDone: s.epochsDone,
    t: s.adam.t,
    random: s.random,
    examples: s.order.length,
    loss: s.loss,
    seconds: s.seconds,
  });
  for (const arrays of [s.params, s.adam.m, s.adam.v] as Arrays[])
    for (const k of PARAM_KEYS) w.add(arrays[k]);
  w.add(s.order);
  return w.finish();
}

/** Decode; throws naming what is wrong (a damaged or foreign object fails before any epoch runs). */
export function decodeTrainingState(bytes: Uint8Array): TrainingState {
  const r = createBinaryReader(bytes, MAGIC);
  const h = r.header as {
    shape: Pick<TwoTowerParams, 'rows' | 'dim' | 'maxLen' | 'categories'>;
    lengths: Record<ParamKey, number>;
    epochsDone: number;
    t: number;
    random: number;
    examples: number;
    loss: number[];
    seconds: number;
  };
  for (const k of PARAM_KEYS)
    if (!Number.isInteger(h.lengths?.[k]) || h.lengths[k] < 0)
      throw new Error(`training state: lengths.${k} must be a non-negative integer`);
  for (const k of ['epochsDone', 't', 'random', 'examples'] as const)
    if (!Number.isInteger(h[k]) || h[k] < 0)
      throw new Error(`training state: ${k} must be a non-negative integer`);
  if (!Array.isArray(h.loss) || h.loss.length !== h.epochsDone)
    throw new Error('training state: loss must hold one value per epoch done');
  const read = () => Object.fromEntries(PARAM_KEYS.map((k) => [k, r.f32(h.lengths[k])])) as Arrays;
  const params: TwoTowerParams = { ...h.shape, ...read() };
  const m = read();
  const v = read();
  return {
    epochsDone: h.epochsDone,
    params,
    adam: { m, v, t: h.t },
    random: h.random,
    order: r.i32(h.examples),
    loss: h.loss,
    seconds: h.seconds,
  };
}
