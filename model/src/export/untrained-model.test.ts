import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRandom } from '../random.ts';
import { recommend, sessionInput } from '../serve/pipeline.ts';
import { dequantizeSessionTower, quantizeSessionTower } from '../tower/quantized-tower.ts';
import { randomTowerWeights } from '../tower/random-tower.ts';
import { sessionTowerForward } from '../tower/session-tower.ts';
import { MANIFEST_FILE, MODEL_FILES } from './folder-layout.ts';
import { loadServedModel } from './model-files.ts';
import { readManifest, writeModelFolder } from './model-folder.ts';
import { untrainedArtifacts } from './untrained-model.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const [items, dim, maxLen] = [30, 8, 5];
const random = createRandom(5);
const tower = randomTowerWeights(items + 1, dim, maxLen, random);
const ids = Array.from({ length: items }, (_, i) => `p-${i + 1}`);
const model = {
  version: 'untrained-1',
  tower,
  vectors: {
    dim,
    metric: 'dot-product' as const,
    ids,
    metadata: ids.map((_, i) => ({ category: `c${i % 3}`, price: i + 1 })),
    values: Float32Array.from({ length: items * dim }, () => random() - 0.5),
  },
  source: 'test (not trained)',
  seed: 5,
};

describe('untrained model folder', { timeout: 30_000 }, () => {
  it('holds every file its manifest names, under the one set of names, and loads into the served pipeline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'untrained-'));
    dirs.push(dir);
    const { files, manifest } = untrainedArtifacts(model);
    writeModelFolder(dir, files, manifest);
    expect(manifest.files).toEqual(MODEL_FILES);
    expect(readdirSync(dir).sort()).toEqual([MANIFEST_FILE, ...Object.values(MODEL_FILES)].sort());
    expect(readManifest(dir)).toEqual(manifest);
    expect(manifest.tower.items).toEqual(ids);

    const served = await loadServedModel(dir);
    const session = [
      { sessionId: 's1', itemId: 'p-3', time: 100 },
      { sessionId: 's1', itemId: 'p-7', time: 160 },
    ];
    const input = sessionInput(served, session);
    const reference = sessionTowerForward(
      dequantizeSessionTower(quantizeSessionTower(tower)),
      input.items,
      input.ages,
    );
    const got = await served.runner.run(input);
    reference.forEach((v, j) => {
      expect(got[j]).toBeCloseTo(v, 4);
    });
    const top = await recommend(served, session, 5, 's1');
    expect(top).toHaveLength(5);
    expect(top.every((x) => ids.includes(x.id))).toBe(true);
  });

  it('refuses vectors that do not fit the tower', () => {
    const { values: _, ...rest } = model.vectors;
    const short = {
      ...model,
      vectors: { ...rest, ids: ids.slice(1), values: new Float32Array((items - 1) * dim) },
    };
    expect(() => untrainedArtifacts(short)).toThrow(/does not fit 29 items/);
  });
});
