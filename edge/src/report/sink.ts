/**
 * Where the queue consumer sends the report's facts: D1, unless the deployment turns the report's
 * aggregation off (`REPORT_AGGREGATION = "off"`, e.g. to measure what it costs: bench/report.ts).
 */
import type { LoggedEvent } from '../../../contracts/schema/events.ts';
import { SITES } from '../config/sites.ts';
import { reportFacts } from './facts.ts';
import { writeReportFacts } from './facts-store.ts';

/** Takes a delivery's log lines; rejects when they could not be stored. */
export interface ReportSink {
  write(lines: readonly LoggedEvent[]): Promise<void>;
}

/** The D1 sink of `env`, or undefined with the aggregation turned off. */
export function reportSink(env: Env): ReportSink | undefined {
  if (String(env.REPORT_AGGREGATION) === 'off') return undefined;
  return { write: (lines) => writeReportFacts(env.CATALOG, reportFacts(lines, SITES)) };
}
