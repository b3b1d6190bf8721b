import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../model/src/cli/load-input.ts';
import { generateCatalogue, generateSessions } from '../../../model/src/synthetic/index.ts';
import { CHECKPOINT_FILE, checkpointOf, encodeCheckpoint } from '../../../model/src/train/checkpoint.ts';
import { trainTwoTower } from '../../../model/src/train/train.ts';
import { warmSource } from './warm-source.ts';

const root = mkdtempSync(join(tmpdir(), 'warm-source-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder holding `checkpoint` as its train-state.bin (or none). */
function folder(name: string, checkpoint?: Uint8Array): string {
  const dir = join(root, name);
  mkdirSync(dir);
  if (checkpoint) writeFileSync(join(dir, CHECKPOINT_FILE), checkpoint);
  return dir;
}

const catalogue = generateCatalogue({ items: 30, categories: 3, seed: 1 });
const sessions = generateSessions(catalogue, { sessions: 50, seed: 2, startTime: 1_700_000_000 });
const model = trainTwoTower(sessions, { dim: 4, epochs: 1 });
const trained = folder('trained', encodeCheckpoint(checkpointOf(model)));
const untrained = folder('untrained');
const damaged = folder('damaged', new Uint8Array(8));

describe('where a retrain warm-starts from', () => {
  const lines: string[] = [];
  const log = (l: string) => lines.push(l);

  it('takes the --active folder when it holds a checkpoint, unless --cold', () => {
    const found = warmSource({ cold: false, active: trained }, log);
    expect(found?.dir).toBe(trained);
    expect(found?.checkpoint.items).toEqual(model.items);
    expect(warmSource({ cold: true, active: trained }, log)).toBeUndefined();
  });

  it('trains from scratch, saying so, when the active folder has no checkpoint', () => {
    expect(warmSource({ cold: false, active: untrained }, log)).toBeUndefined();
    expect(lines.at(-1)).toBe(`training from scratch: ${untrained} has no ${CHECKPOINT_FILE}`);
  });

  it('prefers --warm, and refuses a damaged checkpoint naming the file', () => {
    expect(warmSource({ cold: false, warm: trained, active: untrained }, log)?.dir).toBe(trained);
    expect(() => warmSource({ cold: false, warm: damaged }, log)).toThrow(InputError);
    expect(() => warmSource({ cold: false, warm: damaged }, log)).toThrow(join(damaged, CHECKPOINT_FILE));
  });
});
