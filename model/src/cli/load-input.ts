/** Load CLI input files; report malformed lines and refuse unusable input (exit code 1). */
import { readFileSync } from 'node:fs';
import { loadSessionFiles } from '../data/load-files.ts';
import { formatLineError } from '../data/parse-errors.ts';
import { groupSessions, type SessionEvent } from '../data/session-event.ts';
import type { ItemFeatures } from '../train/item-features.ts';

/** Input that cannot be used: printed as is, exit code 1. */
export class InputError extends Error {}

/** Load event files; more than `maxBadLines` malformed lines, or no multi-event session, is an error. */
export function loadEvents(paths: string[], maxBadLines: number, log: (s: string) => void): SessionEvent[] {
  let loaded: ReturnType<typeof loadSessionFiles>;
  try {
    loaded = loadSessionFiles(paths);
  } catch (e) {
    throw new InputError(`cannot read input: ${(e as Error).message}`);
  }
  const { rows, errors, files } = loaded;
  for (const e of errors.slice(0, 20)) log(formatLineError(e));
  if (errors.length > 20) log(`... and ${errors.length - 20} more malformed lines`);
  if (errors.length > maxBadLines)
    throw new InputError(
      `${errors.length} malformed line(s) in ${files.length} file(s) (allowed: ${maxBadLines}; see --max-bad-lines)`,
    );
  const usable = [...groupSessions(rows).values()].some((s) => s.length > 1);
  if (!usable) throw new InputError(`no session with at least 2 events in ${paths.join(', ')}`);
  return rows;
}

/** Item features from a JSON array or NDJSON of `{ id, category?, price? }`. */
export function loadCatalogue(path: string): Map<string, ItemFeatures> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read catalogue: ${(e as Error).message}`);
  }
  const trimmed = text.trim();
  const parse = (json: string, line: number): unknown => {
    try {
      return JSON.parse(json);
    } catch {
      throw new InputError(`${path}:${line}: not valid JSON`);
    }
  };
  const array = trimmed.startsWith('[') ? parse(trimmed, 1) : undefined;
  if (array !== undefined && !Array.isArray(array)) throw new InputError(`${path}: expected a JSON array`);
  const entries: { value: unknown; line: number }[] = Array.isArray(array)
    ? array.map((value, i) => ({ value, line: i + 1 }))
    : trimmed.split('\n').map((l, i) => ({ value: l.trim() ? parse(l, i + 1) : null, line: i + 1 }));
  const features = new Map<string, ItemFeatures>();
  for (const { value, line } of entries) {
    if (value === null) continue;
    if (typeof value !== 'object') throw new InputError(`${path}:${line}: expected an object`);
    const v = value as { id?: unknown; category?: unknown; price?: unknown };
    if (typeof v.id !== 'string' || v.id === '')
      throw new InputError(`${path}:${line}: id must be a non-empty string`);
    if (v.category !== undefined && typeof v.category !== 'string')
      throw new InputError(`${path}:${line}: category must be a string`);
    if (v.price !== undefined && (typeof v.price !== 'number' || !(v.price >= 0)))
      throw new InputError(`${path}:${line}: price must be a non-negative number`);
    features.set(v.id, { category: v.category as string | undefined, price: v.price as number | undefined });
  }
  return features;
}
