/** The README shows the snippet the build generates, never a hand-edited copy. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { buildSdk, readmeSnippetBlock } from '../build.ts';

it('README snippet matches the built snippet (run `npx tsx sdk/build.ts` to refresh)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rec-sdk-snippet-'));
  try {
    const built = await buildSdk(dir);
    const readme = readFileSync(resolve(import.meta.dirname, '../README.md'), 'utf8');
    expect(readme).toContain(readmeSnippetBlock(built));
    expect(readFileSync(join(dir, 'rec-snippet.js'), 'utf8')).toBe(built.snippet);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
