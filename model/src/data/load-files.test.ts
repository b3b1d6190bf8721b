import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSessionFiles } from './load-files.ts';
import { formatLineError } from './parse-errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'loader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const logLine = (over: Record<string, unknown>) =>
  JSON.stringify({
    id: 'evt-00000001',
    type: 'view',
    ts: 1_700_000_000_000,
    itemId: 'sku-1',
    sessionId: 'session-0001',
    receivedAt: 1_700_000_000_500,
    ...over,
  });

describe('session loader', () => {
  it('reads TSV and reports each malformed line with file:line', () => {
    const file = join(dir, 'a.tsv');
    writeFileSync(
      file,
      ['SessionId\tItemId\tTime', '1\t10\t100.5', '1\t11\tsoon', '2\t12', '2\t\t101', '2\t13\t102', ''].join(
        '\n',
      ),
    );
    const { rows, errors } = loadSessionFiles([file]);
    expect(rows).toEqual([
      { sessionId: '1', itemId: '10', time: 100.5 },
      { sessionId: '2', itemId: '13', time: 102 },
    ]);
    expect(errors.map(formatLineError)).toEqual([
      `${file}:3: Time "soon" is not Unix seconds`,
      `${file}:4: expected 3 tab-separated columns, got 2`,
      `${file}:5: ItemId "" is not a valid item id`,
    ]);
  });

  it('rejects a TSV without the expected header', () => {
    const file = join(dir, 'b.tsv');
    writeFileSync(file, 'session\titem\ttime\n1\t2\t3\n');
    const { rows, errors } = loadSessionFiles([file]);
    expect(rows).toEqual([]);
    expect(formatLineError(errors[0])).toMatch(/b\.tsv:1: header must name .*SessionId, ItemId, Time/);
  });

  it('reads the NDJSON event log from the R2 folder layout, deduplicated, behavioural events only', () => {
    const hour = join(dir, 'events', 'dt=2026-01-01', 'hr=10');
    mkdirSync(hour, { recursive: true });
    writeFileSync(
      join(hour, 'a.ndjson'),
      [
        logLine({}),
        logLine({ id: 'evt-00000002', type: 'Product Added', ts: 1_700_000_060_000, itemId: 'sku-2' }),
        logLine({ id: 'evt-00000003', type: 'page' }),
        '{"id": broken',
        logLine({ id: 'evt-00000004', ts: 'yesterday' }),
        logLine({ id: 'evt-00000005', itemId: 'sku-3', variants: { 'home-diversity': 'control' } }),
        logLine({ id: 'evt-00000006', variants: { 'home-diversity': 2 } }),
      ].join('\n'),
    );
    writeFileSync(join(hour, 'b.ndjson'), `${logLine({})}\n`); // redelivered duplicate
    const { rows, errors, files } = loadSessionFiles([join(dir, 'events')]);
    expect(files).toHaveLength(2);
    expect(rows).toEqual([
      { sessionId: 'session-0001', itemId: 'sku-1', time: 1_700_000_000 },
      { sessionId: 'session-0001', itemId: 'sku-2', time: 1_700_000_060 },
      { sessionId: 'session-0001', itemId: 'sku-3', time: 1_700_000_000 },
    ]);
    expect(errors.map(formatLineError)).toEqual([
      `${join(hour, 'a.ndjson')}:4: not valid JSON`,
      `${join(hour, 'a.ndjson')}:5: ts: ts must be a number (ms since the epoch)`,
      `${join(hour, 'a.ndjson')}:7: variants.home-diversity: variants must map experiment names to variant names`,
    ]);
  });
});
