/** `import` and `export`, the catalogue CLI's two commands (usage and exit codes in `../catalog.ts`). */

import { once } from 'node:events';
import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { integer, UsageError } from '../../../model/src/cli/args.ts';
import { adminToken } from '../admin-token.ts';
import type { CatalogApi } from './api-client.ts';
import { exportCatalog } from './export-catalog.ts';
import { FORMATS, type Format, formatOf, formatReader } from './formats.ts';
import { type ImportProgress, type ImportSummary, importCatalog } from './import-catalog.ts';
import { readLines } from './read-lines.ts';
import { validated } from './validate.ts';

/** Exit code of an import that applied its good lines but refused some (1 is kept for failures). */
export const EXIT_REFUSED = 3;

/** A failure that is not a usage error: printed, exit code 1. */
export class CommandError extends Error {}

const log = (line: string) => process.stderr.write(`${line}\n`);
const common = {
  site: { type: 'string', default: 'demo' },
  url: { type: 'string' },
  token: { type: 'string' },
} as const;

/** Run an argument parse, its complaints as usage errors (exit code 2). */
function usage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function api(v: { site?: string; url?: string; token?: string }): CatalogApi {
  let token: string;
  try {
    token = adminToken(v.token);
  } catch (e) {
    throw new CommandError((e as Error).message);
  }
  return { url: (v.url ?? 'http://localhost:8787').replace(/\/+$/, ''), site: v.site ?? 'demo', token };
}

/** Overwrites one status line on a terminal; elsewhere (CI logs) at most a line every 2 s. */
function progressPrinter(verb: string): (p: ImportProgress, final?: boolean) => void {
  let last = 0;
  return (p, final = false) => {
    const now = performance.now();
    if (!process.stderr.isTTY && !final && now - last < 2000) return;
    last = now;
    const rate = Math.round(p.sent / Math.max(p.elapsedMs / 1000, 1e-3));
    const text = `${p.sent.toLocaleString('en')} items ${verb}, ${rate.toLocaleString('en')} items/s, ${p.refused} refused`;
    process.stderr.write(process.stderr.isTTY ? `\r${text}${final ? '\n' : ''}` : `${text}\n`);
  };
}

function printSummary(file: string, s: ImportSummary, dryRun: boolean): void {
  for (const e of s.errors) log(`${file}:${e.line}: ${e.path}: ${e.message}`);
  if (s.refused > s.errors.length) log(`... and ${s.refused - s.errors.length} more refused lines`);
  log(
    dryRun
      ? `dry run: ${s.sent} valid, ${s.refused} refused (nothing sent)`
      : `${s.upserted} upserted, ${s.unchanged} unchanged, ${s.refused} refused (${Math.round(s.elapsedMs)} ms)`,
  );
}

/** `import <file> [--format] [--site] [--url] [--token] [--dry-run] [--category-depth n]`; returns the exit code. */
export async function importCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = usage(() =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...common,
        format: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'category-depth': { type: 'string' },
      },
    }),
  );
  const [file, ...rest] = positionals;
  if (!file) throw new UsageError('import needs a file');
  if (rest.length > 0) throw new UsageError(`one file at a time, got ${positionals.length}`);
  if (v.format !== undefined && !FORMATS.includes(v.format as Format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(v.format)}`);
  const format = (v.format as Format | undefined) ?? formatOf(file);
  if (!format) throw new UsageError(`cannot tell the format of ${file} by its extension: pass --format`);
  const categoryDepth = integer(v['category-depth'], 'category-depth', 1, 1, 10);
  if (!existsSync(file)) throw new CommandError(`no such file: ${file}`);
  const dryRun = v['dry-run'] === true;
  const reader = formatReader(format, { categoryDepth });
  const progress = progressPrinter(dryRun ? 'checked' : 'sent');
  const records = validated(reader.parse(readLines(file)), reader.column);
  let summary: ImportSummary;
  try {
    summary = await importCatalog(records, { api: dryRun ? undefined : api(v), onProgress: progress });
  } catch (e) {
    const partial = (e as { summary?: ImportSummary }).summary;
    if (partial) {
      progress(partial, true);
      printSummary(file, partial, dryRun);
      log(
        `stopped after file line ${partial.appliedThrough}; importing the file again is safe (applied lines count as unchanged)`,
      );
    }
    throw new CommandError((e as Error).message);
  }
  progress(summary, true);
  printSummary(file, summary, dryRun);
  if (summary.refused === 0) return 0;
  // Nothing usable at all (a bad header, the wrong format) is a failure, not a partial import.
  return summary.sent > 0 ? EXIT_REFUSED : 1;
}

/** `export [--site] [--url] [--token] [--out file.ndjson]`; returns the exit code. */
export async function exportCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = usage(() =>
    parseArgs({ args: argv, allowPositionals: true, options: { ...common, out: { type: 'string' } } }),
  );
  if (positionals.length > 0) throw new UsageError(`export takes no file argument; use --out`);
  // Into a side file renamed at the end, so a failed export never leaves a truncated catalogue behind.
  const partial = v.out ? `${v.out}.partial` : undefined;
  const out = partial ? createWriteStream(partial) : process.stdout;
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  try {
    const count = await exportCatalog(api(v), write);
    if (partial) {
      await new Promise<void>((resolve, reject) =>
        out.end((e?: Error | null) => (e ? reject(e) : resolve())),
      );
      renameSync(partial, v.out!);
    }
    log(`exported ${count} items${v.out ? ` to ${v.out}` : ''}`);
    return 0;
  } catch (e) {
    if (partial) {
      out.destroy();
      rmSync(partial, { force: true });
    }
    throw new CommandError((e as Error).message);
  }
}
