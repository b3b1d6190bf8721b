import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { groupSessions } from './src/data/session-event.ts';
import { generateCatalogue, generateSessions } from './src/synthetic/index.ts';

const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'model/cli.ts', ...args],
      {
        cwd: root,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const tsv = (events: { sessionId: string; itemId: string; time: number }[]) =>
  `SessionId\tItemId\tTime\n${events.map((e) => `${e.sessionId}\t${e.itemId}\t${e.time}`).join('\n')}\n`;

describe('model CLI', () => {
  it('rejects unknown commands and options with usage (exit 2)', async () => {
    const unknown = await cli('fit');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "fit"[\s\S]*usage:/);
    const badK = await cli('predict', '--model', dir, '--input', 'x.tsv', '--out', 'y', '--k', 'ten');
    expect(badK.code).toBe(2);
    expect(badK.stderr).toMatch(/--k must be an integer/);
  }, 30_000);

  it('refuses malformed input with file:line (exit 1) and trains nothing', async () => {
    const bad = join(dir, 'bad.tsv');
    writeFileSync(bad, 'SessionId\tItemId\tTime\n1\t5\t100\n1\t6\tnot-a-time\n');
    const out = join(dir, 'never');
    const r = await cli('train', '--data', bad, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}:3: Time "not-a-time" is not Unix seconds`);
    expect(existsSync(out)).toBe(false);
  }, 30_000);

  it('trains, predicts every prefix through the served pipeline, and evaluates against baselines', async () => {
    const catalogue = generateCatalogue({ items: 120, categories: 6, seed: 1 });
    const train = join(dir, 'train.tsv');
    const test = join(dir, 'test.tsv');
    writeFileSync(
      train,
      tsv(generateSessions(catalogue, { sessions: 300, seed: 2, startTime: 1_700_000_000 })),
    );
    const testEvents = generateSessions(catalogue, { sessions: 40, seed: 3, startTime: 1_700_100_000 });
    writeFileSync(test, tsv(testEvents));
    const model = join(dir, 'model');
    const trained = await cli('train', '--data', train, '--out', model, '--epochs', '2', '--dim', '8');
    expect(trained.code).toBe(0);
    expect(trained.stderr).toMatch(/epoch 2\/2 {2}loss [\d.]+ .*ETA/);

    const out = join(dir, 'pred.tsv');
    expect((await cli('predict', '--model', model, '--input', test, '--k', '5', '--out', out)).code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    const sessions = [...groupSessions(testEvents).values()];
    expect(lines).toHaveLength(sessions.reduce((n, s) => n + s.length - 1, 0));
    const [sessionId, seen, items] = lines[0].split('\t');
    expect(sessionId).toBe(sessions[0][0].sessionId);
    expect(seen).toBe('1');
    expect(items.split(',')).toHaveLength(5);

    const evaluated = await cli('eval', '--model', model, '--input', test, '--mode', 'static');
    expect(evaluated.code).toBe(0);
    expect(evaluated.stdout).toMatch(/^pipeline +static HR@20/);
    const json = JSON.parse(evaluated.stdout.slice(evaluated.stdout.indexOf('{')));
    expect(Object.keys(json.results)).toEqual([
      'served',
      'tower-only',
      'popularity',
      'cooccurrence',
      'sequential-rules',
      'vsknn',
    ]);
    expect(json.results.served.static.n).toBe(lines.length);
  }, 120_000);
});
