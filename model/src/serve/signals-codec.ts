/**
 * Serialise the online signals to one binary (`signals.bin`, magic "ESIG") and back, so the edge
 * starts from the training data's state and can persist its own. Sparse rows are stored CSR-style.
 */
import { createBinaryReader, createBinaryWriter } from './binary.ts';
import { DEFAULT_SIGNAL_CONFIG, OnlineSignals, type SignalConfig, type SparseRows } from './signals.ts';

interface Header {
  version: 1;
  config: SignalConfig;
  ids: string[];
  sessionKeys: string[];
  nextHandle: number;
  now: number;
  rows: { seq: [number, number]; co: [number, number]; itemSessions: [number, number] };
  sessionLengths: [number, number];
}

const countRows = (rows: Map<number, { size: number } | number[]>): [number, number] => {
  let entries = 0;
  for (const r of rows.values()) entries += Array.isArray(r) ? r.length : r.size;
  return [rows.size, entries];
};

/** Serialise the signals. */
export function serializeSignals(s: OnlineSignals): Uint8Array {
  const sessions = [...s.sessions.entries()];
  const header: Header = {
    version: 1,
    config: s.config,
    ids: s.ids,
    sessionKeys: sessions.map(([, r]) => r.key),
    nextHandle: s.nextHandle,
    now: s.now,
    rows: { seq: countRows(s.seq), co: countRows(s.co), itemSessions: countRows(s.itemSessions) },
    sessionLengths: [
      sessions.reduce((a, [, r]) => a + r.seq.length, 0),
      sessions.reduce((a, [, r]) => a + r.items.size, 0),
    ],
  };
  const w = createBinaryWriter('ESIG', header);
  w.add(Float64Array.from(s.pop));
  w.add(Float64Array.from(s.trend));
  w.add(Float64Array.from(s.trendTime));
  for (const rows of [s.seq, s.co]) {
    w.add(Int32Array.from(rows.keys()));
    w.add(Int32Array.from([...rows.values()].map((r) => r.size)));
    w.add(Int32Array.from([...rows.values()].flatMap((r) => [...r.keys()])));
    w.add(Float32Array.from([...rows.values()].flatMap((r) => [...r.values()])));
  }
  w.add(Int32Array.from(sessions.map(([h]) => h)));
  w.add(Float64Array.from(sessions.map(([, r]) => r.last)));
  w.add(Int32Array.from(sessions.map(([, r]) => r.seq.length)));
  w.add(Int32Array.from(sessions.flatMap(([, r]) => r.seq)));
  w.add(Int32Array.from(sessions.map(([, r]) => r.items.size)));
  w.add(Int32Array.from(sessions.flatMap(([, r]) => [...r.items])));
  w.add(Int32Array.from(s.itemSessions.keys()));
  w.add(Int32Array.from([...s.itemSessions.values()].map((l) => l.length)));
  w.add(Int32Array.from([...s.itemSessions.values()].flat()));
  return w.finish();
}

/** Rebuild signals from `serializeSignals` output. */
export function deserializeSignals(bytes: Uint8Array): OnlineSignals {
  const r = createBinaryReader(bytes, 'ESIG');
  const h = r.header as Header;
  if (h.version !== 1) throw new Error(`unsupported signals version ${h.version}`);
  // Artifacts written before a config field existed take its default (the row bounds, 2026-12).
  const s = new OnlineSignals({ ...DEFAULT_SIGNAL_CONFIG, ...h.config });
  for (const id of h.ids) s.itemIndex(id);
  const n = h.ids.length;
  const [pop, trend, trendTime] = [r.f64(n), r.f64(n), r.f64(n)];
  for (let i = 0; i < n; i++) {
    s.pop[i] = pop[i];
    s.trend[i] = trend[i];
    s.trendTime[i] = trendTime[i];
  }
  const readRows = (target: SparseRows, [rowCount, entries]: [number, number]) => {
    const keys = r.i32(rowCount);
    const lens = r.i32(rowCount);
    const cols = r.i32(entries);
    const vals = r.f32(entries);
    let at = 0;
    keys.forEach((k, i) => {
      const row = new Map<number, number>();
      for (let j = 0; j < lens[i]; j++, at++) row.set(cols[at], vals[at]);
      target.set(k, row);
    });
  };
  readRows(s.seq, h.rows.seq);
  readRows(s.co, h.rows.co);
  const count = h.sessionKeys.length;
  const handles = r.i32(count);
  const last = r.f64(count);
  const seqLens = r.i32(count);
  const seqFlat = r.i32(h.sessionLengths[0]);
  const itemLens = r.i32(count);
  const itemFlat = r.i32(h.sessionLengths[1]);
  let sa = 0;
  let ia = 0;
  for (let i = 0; i < count; i++) {
    const seq = Array.from(seqFlat.subarray(sa, sa + seqLens[i]));
    const items = new Set(itemFlat.subarray(ia, ia + itemLens[i]));
    sa += seqLens[i];
    ia += itemLens[i];
    s.sessions.set(handles[i], { key: h.sessionKeys[i], seq, items, last: last[i] });
    s.sessionHandle.set(h.sessionKeys[i], handles[i]);
  }
  const [rowCount, entries] = h.rows.itemSessions;
  const keys = r.i32(rowCount);
  const lens = r.i32(rowCount);
  const flat = r.i32(entries);
  let at = 0;
  keys.forEach((k, i) => {
    s.itemSessions.set(k, Array.from(flat.subarray(at, at + lens[i])));
    at += lens[i];
  });
  s.nextHandle = h.nextHandle;
  s.now = h.now;
  return s;
}
