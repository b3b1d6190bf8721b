/**
 * A model folder for the benches, shaped exactly like `npm run model -- train` output: a random
 * int8 session tower (the model's own ONNX writer), random item vectors over a synthetic catalogue
 * (the model's generator), and a valid manifest. Quality is irrelevant here; sizes are real.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ModelManifest } from '../../contracts/schema/model-manifest.ts';
import { untrainedManifest } from '../../model/src/export/untrained-manifest.ts';
import { buildSessionTowerOnnx } from '../../model/src/onnx/session-tower-graph.ts';
import { generateCatalogue } from '../../model/src/synthetic/index.ts';
import { quantizeSessionTower } from '../../model/src/tower/quantized-tower.ts';
import { rng } from './stats.ts';

/** Write a model of `items` items and dimension `dim` into `dir`; returns its manifest. */
export function writeSyntheticModel(
  dir: string,
  items: number,
  dim: number,
  version: string,
  maxLen = 10,
): ModelManifest {
  mkdirSync(dir, { recursive: true });
  const random = rng(items + dim);
  const r = () => random() - 0.5;
  const catalogue = generateCatalogue({ items, categories: 40, seed: 7 });
  const numItems = items + 1;
  const tower = quantizeSessionTower({
    numItems,
    dim,
    maxLen,
    embedding: new Float32Array(numItems * dim).map((_, i) => (i < dim ? 0 : r())),
    posBias: new Float32Array(maxLen).map(() => r() * 4),
    ageCoef: -0.4,
    dense: new Float32Array(2 * dim * dim).map(() => r() / 4),
    bias: new Float32Array(dim).map(() => r() / 10),
  });
  writeFileSync(resolve(dir, 'session-tower.onnx'), buildSessionTowerOnnx(tower));
  const lines = catalogue.map((item, i) =>
    JSON.stringify({
      id: item.id,
      values: Array.from({ length: dim }, () => Math.round(r() * 1e4) / 1e4),
      metadata: {
        title: `Product ${i + 1}`,
        category: item.category,
        price: item.price,
        inStock: i % 23 !== 0,
      },
    }),
  );
  writeFileSync(resolve(dir, 'item-vectors.ndjson'), `${lines.join('\n')}\n`);
  const manifest = untrainedManifest({
    version,
    dim,
    maxLen,
    itemIds: catalogue.map((c) => c.id),
    source: 'synthetic',
    seed: 7,
  });
  writeFileSync(resolve(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}
