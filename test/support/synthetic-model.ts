/**
 * A model folder for the benches, written by the model's own untrained-model writer (the folder
 * `npm run model -- train` writes): a random int8 session tower, random item vectors over a
 * synthetic catalogue (the model's generator), and a valid manifest. Quality is irrelevant here;
 * sizes are real.
 */
import type { ModelManifest } from '../../contracts/schema/model-manifest.ts';
import { ITEM_FEATURES_FILE } from '../../model/src/export/folder-layout.ts';
import { writeModelFolder } from '../../model/src/export/model-folder.ts';
import { untrainedArtifacts } from '../../model/src/export/untrained-model.ts';
import { createRandom } from '../../model/src/random.ts';
import { encodeItemFeatures } from '../../model/src/serve/item-features.ts';
import { generateCatalogue } from '../../model/src/synthetic/index.ts';
import { randomTowerWeights } from '../../model/src/tower/random-tower.ts';
import { PRICE_BUCKETS } from '../../model/src/train/item-features.ts';

/** Write a model of `items` items and dimension `dim` into `dir`; returns its manifest. */
export function writeSyntheticModel(
  dir: string,
  items: number,
  dim: number,
  version: string,
  maxLen = 10,
  /** Also write the item tower's feature tables (vectors for products added after training). */
  withFeatures = false,
): ModelManifest {
  const random = createRandom(items + dim);
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
  if (withFeatures) {
    const categories = [...new Set(catalogue.map((c) => c.category))];
    const table = (rows: number) =>
      Float32Array.from({ length: rows * dim }, () => Math.round((random() - 0.5) * 1e4) / 1e4);
    const tables = {
      dim,
      categories,
      category: table(categories.length + 1),
      price: table(PRICE_BUCKETS + 1),
    };
    files[ITEM_FEATURES_FILE] = encodeItemFeatures(tables);
    manifest.files.itemFeatures = ITEM_FEATURES_FILE;
  }
  writeModelFolder(dir, files, manifest);
  return manifest;
}
