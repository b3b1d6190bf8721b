/** Evaluate recommenders under the replay protocol and format the comparison table. */
import type { RankingMetricsEntry } from '../../../contracts/schema/model-manifest.ts';
import type { SessionEvent } from '../data/session-event.ts';
import { createMetrics } from './metrics.ts';
import type { NextItemRecommender } from './recommender.ts';
import { replay } from './replay.ts';

/** HR@k / MRR@k of one recommender on `events`, static or online. */
export async function evaluate(
  recommender: NextItemRecommender,
  events: readonly SessionEvent[],
  online: boolean,
  k = 20,
): Promise<RankingMetricsEntry> {
  const m = createMetrics(k);
  await replay(recommender, events, { online, k, onPrediction: (p) => m.add(p) });
  return m.result();
}

/** Results per pipeline and mode. */
export type EvalReport = Record<string, Partial<Record<'static' | 'online', RankingMetricsEntry>>>;

/** A fixed-width table of an eval report. */
export function formatReport(report: EvalReport, k: number): string {
  const cell = (r?: RankingMetricsEntry) => (r ? `${r.hr.toFixed(3)} / ${r.mrr.toFixed(3)}` : '—');
  const head = ['pipeline', `static HR@${k} / MRR@${k}`, `online HR@${k} / MRR@${k}`];
  const rows = Object.entries(report).map(([name, r]) => [name, cell(r.static), cell(r.online)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
