/**
 * The only edge test file that imports the 14 MB ORT wasm (it costs ~10 s per test file in
 * vitest-pool-workers). The ONNX models are the model's real int8 session tower graph, built in Node
 * by the global setup with `model/src/onnx` and compared with its TypeScript reference.
 */
import { describe, expect, inject, it } from 'vitest';
import { createSession, ort } from '../../src/tower/ort-workerd.ts';
import type { TowerFixture } from '../fixtures/tower-fixture.ts';

const bytesOf = (f: TowerFixture) => Uint8Array.from(atob(f.onnxBase64), (ch) => ch.charCodeAt(0));

async function runAll(session: ort.InferenceSession, f: TowerFixture): Promise<Float32Array> {
  const { sessions, maxLen } = f;
  const result = await session.run({
    items: new ort.Tensor(
      'int64',
      BigInt64Array.from(
        sessions.flatMap((s) => s.items),
        BigInt,
      ),
      [sessions.length, maxLen],
    ),
    ages: new ort.Tensor('float32', Float32Array.from(sessions.flatMap((s) => s.ages)), [
      sessions.length,
      maxLen,
    ]),
  });
  expect(result.embedding!.dims).toEqual([sessions.length, f.dim]);
  return result.embedding!.data as Float32Array;
}

function expectReference(out: Float32Array, f: TowerFixture): void {
  f.sessions.forEach((s, b) => {
    s.expected.forEach((x, j) => expect(out[b * f.dim + j]).toBeCloseTo(x, 5));
  });
}

describe('onnxruntime-web in workerd', () => {
  it("runs the model's int8 session tower and matches its TypeScript reference", async () => {
    const fixture = inject('tower');
    const session = await createSession(bytesOf(fixture));
    expect(session.inputNames).toEqual(['items', 'ages']);
    expectReference(await runAll(session, fixture), fixture);
  });

  it('creates two models concurrently in the same isolate (a model swap) and keeps them apart', async () => {
    const a = inject('tower');
    const b = inject('towerB');
    const [sa, sb] = await Promise.all([createSession(bytesOf(a)), createSession(bytesOf(b))]);
    expectReference(await runAll(sa, a), a);
    expectReference(await runAll(sb, b), b);
    expect(a.sessions[1]!.expected).not.toEqual(b.sessions[1]!.expected);
  });

  it('leaves WebAssembly.instantiate as it found it', async () => {
    const before = WebAssembly.instantiate;
    await createSession(bytesOf(inject('tower')));
    expect(WebAssembly.instantiate).toBe(before);
  });

  it('rejects bytes that are not an ONNX model, and still works afterwards', async () => {
    await expect(createSession(new Uint8Array([1, 2, 3]))).rejects.toThrow();
    const fixture = inject('tower');
    expectReference(await runAll(await createSession(bytesOf(fixture)), fixture), fixture);
  });
});
