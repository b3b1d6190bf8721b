import { describe, expect, it } from 'vitest';
import { parseNdjson } from './ndjson.ts';
import { parseFixture } from './read-fixture.ts';

describe('NDJSON parser', () => {
  it('reads one item a line, skips blank lines, keeps file line numbers through CRLF and a BOM', async () => {
    const text = '\uFEFF{"id":"a","title":"A"}\r\n\r\n   \r\n{"id":"b","title":"B","price":2}\r\n';
    expect(await parseFixture(parseNdjson, 'items.ndjson', text)).toEqual([
      { line: 1, item: { id: 'a', title: 'A' } },
      { line: 4, item: { id: 'b', title: 'B', price: 2 } },
    ]);
  });

  it('refuses bad JSON and non-objects with their line, and goes on', async () => {
    const text = '{"id":"a","title":"A"}\n{"id":"b",\n[1,2]\n"x"\n{"id":"c","title":"C"}';
    const records = await parseFixture(parseNdjson, 'bad.jsonl', text);
    expect(records.map((r) => ('issue' in r ? [r.line, r.issue.path] : [r.line, r.item.id]))).toEqual([
      [1, 'a'],
      [2, 'line'],
      [3, 'line'],
      [4, 'line'],
      [5, 'c'],
    ]);
    expect(records[1]).toMatchObject({ issue: { message: expect.stringMatching(/^not valid JSON/) } });
  });
});
