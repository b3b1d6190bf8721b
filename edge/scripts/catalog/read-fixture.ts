/** Test helper: write a fixture file to a temp folder and collect what a parser makes of it. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLines } from './read-lines.ts';
import type { CatalogParser, SourceRecord } from './source-record.ts';

const dir = mkdtempSync(join(tmpdir(), 'catalog-fixtures-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));

/** Where fixture `name` lives (written or not). */
export const fixturePath = (name: string) => join(dir, name);

/** Write `content` as file `name` and return its path. */
export function fixture(name: string, content: string | Buffer): string {
  const path = fixturePath(name);
  writeFileSync(path, content);
  return path;
}

/** Every record `parse` yields for the file `name` holding `content`. */
export async function parseFixture(
  parse: CatalogParser,
  name: string,
  content: string,
): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const r of parse(readLines(fixture(name, content)))) out.push(r);
  return out;
}
