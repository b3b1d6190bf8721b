/**
 * The float weights of a trained model (`train-state.bin` in its folder), for warm starts. The
 * served artifacts are int8 and the vectors are sums (id + category + price), so neither gives the
 * parameters back; this file does, keyed by item id and category name. Not in the manifest: it is
 * never published, only read by the next training run. Pure.
 */
import { createBinaryReader, createBinaryWriter } from '../serve/binary.ts';
import { PRICE_BUCKETS } from './item-features.ts';
import { PARAM_KEYS, type TwoTowerParams } from './params.ts';
import type { TrainedModel } from './train.ts';

/** File name of the checkpoint in a model folder. */
export const CHECKPOINT_FILE = 'train-state.bin';

const MAGIC = 'ETWS';

/** Parameters plus the names their rows belong to. */
export interface Checkpoint {
  params: TwoTowerParams;
  /** Row r + 1 of the id tables is items[r]. */
  items: string[];
  /** Row c + 1 of the category table is categories[c]. */
  categories: string[];
  tied: boolean;
}

/** The checkpoint of a trained model. */
export function checkpointOf(model: TrainedModel): Checkpoint {
  return {
    params: model.params,
    items: model.items,
    categories: model.features.categories,
    tied: model.options.tied,
  };
}

/** Encode as "ETWS": JSON header (shape, names), then the float32 arrays in PARAM_KEYS order. */
export function encodeCheckpoint(c: Checkpoint): Uint8Array {
  const { rows, dim, maxLen, categories } = c.params;
  const w = createBinaryWriter(MAGIC, {
    rows,
    dim,
    maxLen,
    categories,
    items: c.items,
    names: c.categories,
    tied: c.tied,
  });
  for (const key of PARAM_KEYS) w.add(c.params[key]);
  return w.finish();
}

/** Decode; throws naming what is wrong, so a damaged file fails before training starts. */
export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  const r = createBinaryReader(bytes, MAGIC);
  const h = r.header as Record<string, unknown>;
  const ints = ['rows', 'dim', 'maxLen', 'categories'] as const;
  for (const k of ints)
    if (typeof h[k] !== 'number' || !Number.isInteger(h[k]) || (h[k] as number) < 0)
      throw new Error(`${CHECKPOINT_FILE}: ${k} must be a non-negative integer`);
  const { rows, dim, maxLen, categories } = h as Record<(typeof ints)[number], number>;
  const items = h.items;
  const names = h.names;
  if (!Array.isArray(items) || items.length !== rows - 1 || !items.every((i) => typeof i === 'string'))
    throw new Error(`${CHECKPOINT_FILE}: items must name rows - 1 items`);
  if (!Array.isArray(names) || names.length !== categories || !names.every((n) => typeof n === 'string'))
    throw new Error(`${CHECKPOINT_FILE}: names must name every category`);
  const params: TwoTowerParams = {
    rows,
    dim,
    maxLen,
    categories,
    ein: r.f32(rows * dim),
    eout: r.f32(rows * dim),
    cat: r.f32((categories + 1) * dim),
    price: r.f32((PRICE_BUCKETS + 1) * dim),
    posBias: r.f32(maxLen),
    ageCoef: r.f32(1),
    dense: r.f32(2 * dim * dim),
    bias: r.f32(dim),
  };
  return { params, items: items as string[], categories: names as string[], tied: h.tied === true };
}
