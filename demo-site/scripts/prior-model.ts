/**
 * A hand-built model for the demo catalogue, written by the model's own untrained-model writer (the
 * exact folder `npm run model -- train` writes): item vectors lean on the item's department, a
 * little on the two next to it, plus deterministic noise (so the nearest items mix departments
 * enough for the edge's diversity rule), and the int8 session tower pools the recent items' vectors
 * (recent ones weigh more). So the nearest items to a session lean towards the departments it
 * browsed. Not trained: the fallback of `npm start` when the trainer is unavailable, and a fast,
 * deterministic model for the browser tests.
 */
import type { ModelManifest } from '../../contracts/schema/model-manifest.ts';
import { writeModelFolder } from '../../model/src/export/model-folder.ts';
import { untrainedArtifacts } from '../../model/src/export/untrained-model.ts';
import { createRandom } from '../../model/src/random.ts';
import { DEMO_CATALOGUE, demoCatalogue, toItemMetadata } from '../src/catalogue/catalogue.ts';

const NOISE_DIMS = 8;
/** Weight of the item's own department, of each neighbouring department, and the noise spread. */
const OWN = 0.6;
const NEIGHBOUR = 0.35;
const NOISE = 1.6;
const MAX_LEN = 10;
/** Everything that shapes the prior, for the cache key of the written model. */
export const PRIOR_SHAPE = { NOISE_DIMS, OWN, NEIGHBOUR, NOISE, MAX_LEN };

/** Write the model into `dir` under `version`; returns its manifest. */
export function writePriorModel(dir: string, version: string): ModelManifest {
  const products = demoCatalogue();
  const departments = [...new Set(products.map((p) => p.category))];
  const dim = departments.length + NOISE_DIMS;
  const random = createRandom(DEMO_CATALOGUE.seed);
  const n = departments.length;
  const vectors = products.map((p) => {
    const v = Array.from({ length: dim }, (_, j) => (j < n ? 0 : (random() - 0.5) * NOISE));
    const d = departments.indexOf(p.category);
    v[d] = OWN;
    v[(d + 1) % n] = NEIGHBOUR;
    v[(d + n - 1) % n] = NEIGHBOUR;
    return v.map((x) => Math.round(x * 1e4) / 1e4);
  });
  // Tower input i + 1 is product i; row 0 is padding. dense = [pooled; latest] -> 0.6 pooled + 0.4 latest.
  const numItems = products.length + 1;
  const embedding = new Float32Array(numItems * dim);
  vectors.forEach((v, i) => {
    embedding.set(v, (i + 1) * dim);
  });
  const dense = new Float32Array(2 * dim * dim);
  for (let j = 0; j < dim; j++) {
    dense[j * dim + j] = 0.6;
    dense[(dim + j) * dim + j] = 0.4;
  }
  const posBias = Float32Array.from({ length: MAX_LEN }, (_, p) => p * 0.3);
  const { files, manifest } = untrainedArtifacts({
    version,
    tower: {
      numItems,
      dim,
      maxLen: MAX_LEN,
      embedding,
      posBias,
      ageCoef: -0.4,
      dense,
      bias: new Float32Array(dim),
    },
    vectors: {
      dim,
      metric: 'dot-product',
      ids: products.map((p) => p.id),
      metadata: products.map(toItemMetadata),
      values: embedding.slice(dim),
    },
    source: 'department prior (not trained)',
    seed: DEMO_CATALOGUE.seed,
  });
  writeModelFolder(dir, files, manifest);
  return manifest;
}
