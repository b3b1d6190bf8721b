import { relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
/** Model code that trains, evaluates or reads files: the Worker must never run it. */
const TRAINING_ONLY = /^model\/(cli\.ts|src\/(train|cli|baselines|eval|synthetic)\/)/;

/**
 * Bundle `entry` for a neutral runtime (workerd) and list what must not be in the served pipeline:
 * runtime imports (Node built-ins, onnxruntime-web, which the Worker passes in), bundled packages
 * and training-only model code.
 */
async function forbiddenIn(entry: { path: string } | { contents: string }) {
  const result = await build({
    ...('path' in entry
      ? { entryPoints: [entry.path] }
      : { stdin: { contents: entry.contents, resolveDir: import.meta.dirname, loader: 'ts' as const } }),
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'neutral',
    format: 'esm',
    write: false,
    metafile: true,
    external: ['onnxruntime-web', 'node:*'],
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs).map((path) => relative(ROOT, resolve(ROOT, path)));
  const output = Object.values(result.metafile.outputs)[0]!;
  return {
    inputs,
    bytes: output.bytes,
    forbidden: [
      ...output.imports.map((i) => `import ${i.path}`),
      ...inputs.filter((path) => path.includes('node_modules/') || TRAINING_ONLY.test(path)),
    ],
  };
}

describe('served pipeline bundle', { timeout: 30_000 }, () => {
  it('bundles for a neutral runtime (workerd) without Node built-ins, packages, ORT or training code', async () => {
    const { inputs, bytes, forbidden } = await forbiddenIn({
      path: resolve(import.meta.dirname, 'index.ts'),
    });
    expect(forbidden).toEqual([]);
    // Guard against a check that bundles nothing: the pipeline's own modules are in it.
    expect(inputs).toEqual(
      expect.arrayContaining(['model/src/serve/pipeline.ts', 'model/src/serve/rerank.ts']),
    );
    expect(bytes).toBeLessThan(80_000);
  });

  it('names each thing that must not be in it', async () => {
    const { forbidden } = await forbiddenIn({
      contents: [
        "export * from './index.ts';",
        "export { readFileSync } from 'node:fs';",
        "export { InferenceSession } from 'onnxruntime-web';",
        "export { default as protobuf } from 'protobufjs';",
        "export { trainTwoTower } from '../train/train.ts';",
      ].join('\n'),
    });
    expect(forbidden).toEqual(
      expect.arrayContaining([
        'import node:fs',
        'import onnxruntime-web',
        expect.stringMatching(/(^|\/)node_modules\/protobufjs\//),
        'model/src/train/train.ts',
      ]),
    );
  });
});
