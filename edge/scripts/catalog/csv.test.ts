import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';
import { parseFixture } from './read-fixture.ts';

describe('CSV parser', () => {
  it('maps the contract columns, converts price and inStock, and leaves empty cells out', async () => {
    const text = [
      'id,title,url,price,currency,category,inStock,updatedAt',
      'a1,Mug,/p/a1,12.5,EUR,Kitchen,yes,1767225600000',
      'a2,Plate,,3,,,0,2026-01-01T00:00:00Z',
    ].join('\n');
    expect(await parseFixture(parseCsv, 'items.csv', text)).toEqual([
      {
        line: 2,
        item: {
          id: 'a1',
          title: 'Mug',
          url: '/p/a1',
          price: 12.5,
          currency: 'EUR',
          category: 'Kitchen',
          inStock: true,
          updatedAt: 1767225600000,
        },
      },
      {
        line: 3,
        item: { id: 'a2', title: 'Plate', price: 3, inStock: false, updatedAt: '2026-01-01T00:00:00Z' },
      },
    ]);
  });

  it('follows RFC 4180: quoted commas, "" escapes, quoted line breaks (record at its first line), CRLF, BOM', async () => {
    const text =
      '\uFEFFid,title,attributes\r\n' +
      'q1,"Mug, ""large""","{""brand"":""Acme""}"\r\n' +
      'q2,"two\r\nline title",\r\n' +
      'q3,5" screen,\r\n' +
      'q4,"",\r\n';
    expect(await parseFixture(parseCsv, 'quoted.csv', text)).toEqual([
      { line: 2, item: { id: 'q1', title: 'Mug, "large"', attributes: { brand: 'Acme' } } },
      { line: 3, item: { id: 'q2', title: 'two\nline title' } },
      { line: 5, item: { id: 'q3', title: '5" screen' } },
      { line: 6, item: { id: 'q4' } },
    ]);
  });

  it('collects unknown columns into attributes, the JSON column winning on a clash; in_stock works', async () => {
    const text = 'ID,Title,In_Stock,brand,colour,attributes\nx,X,no,Acme,red,"{""colour"":""blue""}"\n';
    expect(await parseFixture(parseCsv, 'extra.csv', text)).toEqual([
      {
        line: 2,
        item: { id: 'x', title: 'X', inStock: false, attributes: { brand: 'Acme', colour: 'blue' } },
      },
    ]);
  });

  it('refuses bad cells, field counts and quoting with the line and the column, and goes on', async () => {
    const text = [
      'id,title,price,inStock,attributes,brand',
      'b1,A,19,99,true,,', // one field too many
      'b2,B,1.5e,true,,',
      'b3,C,1,maybe,,',
      'b4,D,1,true,[1],',
      'b5,"E"x,1,true,,',
      'b6,F,1,true,,"Acme',
      'unterminated',
    ].join('\n');
    const records = await parseFixture(parseCsv, 'bad.csv', text);
    expect(records.map((r) => ('issue' in r ? [r.line, r.issue.path] : [r.line, 'ok']))).toEqual([
      [2, 'line'],
      [3, 'price'],
      [4, 'inStock'],
      [5, 'attributes'],
      [6, 'title'],
      [7, 'brand'],
    ]);
    expect(records[0]).toMatchObject({ issue: { message: 'has 7 fields, the header has 6' } });
    expect(records[5]).toMatchObject({ issue: { message: 'quoted field never closed' } });
  });

  it('refuses a header without id, or with a column twice, once at line 1', async () => {
    for (const header of ['title,price', 'id,title,Title']) {
      const records = await parseFixture(parseCsv, 'header.csv', `${header}\na,b,c\n`);
      expect(records).toEqual([{ line: 1, issue: { path: 'header', message: expect.any(String) } }]);
    }
  });
});
