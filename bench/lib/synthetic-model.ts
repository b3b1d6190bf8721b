/**
 * A model folder for the benches, written by the model's own untrained-model writer (the folder
 * `npm run model -- train` writes): a random int8 session tower, random item vectors over a
 * synthetic catalogue (the model's generator), and a valid manifest. Quality is irrelevant here;
 * sizes are real.
 */
import type { ModelManifest } from '../../contracts/schema/model-manifest.ts';
import { writeModelFolder } from '../../model/src/export/model-folder.ts';
import { untrainedArtifacts } from '../../model/src/export/untrained-model.ts';
import { generateCatalogue } from '../../model/src/synthetic/index.ts';
import { randomTowerWeights } from '../../model/src/tower/random-tower.ts';
import { rng } from './stats.ts';

/** Write a model of `items` items and dimension `dim` into `dir`; returns its manifest. */
export function writeSyntheticModel(
  dir: string,
  items: number,
  dim: number,
  version: string,
  maxLen = 10,
): ModelManifest {
  const random = rng(items + dim);
  const catalogue = generateCatalogue({ items, categories: 40, seed: 7 });
  const tower = randomTowerWeights(items + 1, dim, maxLen, random);
  const values = Float32Array.from({ length: items * dim }, () => Math.round((random() - 0.5) * 1e4) / 1e4);
  const { files, manifest } = untrainedArtifacts({
    version,
    tower,
    vectors: {
      dim,
      metric: 'dot-product',
      ids: catalogue.map((c) => c.id),
      metadata: catalogue.map((item, i) => ({
        title: `Product ${i + 1}`,
        category: item.category,
        price: item.price,
        inStock: i % 23 !== 0,
      })),
      values,
    },
    source: 'synthetic',
    seed: 7,
  });
  writeModelFolder(dir, files, manifest);
  return manifest;
}
