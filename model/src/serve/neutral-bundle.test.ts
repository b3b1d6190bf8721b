import { resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('served pipeline bundle', { timeout: 30_000 }, () => {
  it('bundles for a neutral runtime (workerd) without Node built-ins, training code or ORT', async () => {
    const result = await build({
      entryPoints: [resolve(import.meta.dirname, 'index.ts')],
      bundle: true,
      platform: 'neutral',
      format: 'esm',
      write: false,
      external: ['onnxruntime-web'],
      logLevel: 'silent',
    });
    const code = result.outputFiles[0].text;
    expect(code).not.toMatch(/from ["']node:/);
    expect(code).not.toMatch(/protobufjs|@tensorflow|onnxruntime-web/);
    expect(code.length).toBeLessThan(80_000);
  });
});
