/**
 * Where the queue consumer sends the report's facts: D1, unless the deployment turns the report's
 * aggregation off (`REPORT_AGGREGATION = "off"`, e.g. to measure what it costs: bench/report.ts).
 */
import type { LoggedEvent } from '../../../contracts/schema/events.ts';
import { sitesFor, sitesNow } from '../config/runtime-config.ts';
import { reportFacts } from './facts.ts';
import { writeReportFacts } from './facts-store.ts';

/** Takes a delivery's log lines; rejects when they could not be stored. */
export interface ReportSink {
  write(lines: readonly LoggedEvent[]): Promise<void>;
}

/** The D1 sink of `env`, or undefined with the aggregation turned off. */
export function reportSink(env: Env): ReportSink | undefined {
  if (String(env.REPORT_AGGREGATION) === 'off') return undefined;
  return {
    write: async (lines) => {
      // Each site's runtime config (its experiments decide a fact's variant), fresh within its TTL.
      const sites = new Set(lines.flatMap((l) => (l.site === undefined ? [] : [l.site])));
      await Promise.all([...sites].map((site) => sitesFor(env, site)));
      await writeReportFacts(env.CATALOG, reportFacts(lines, sitesNow()));
    },
  };
}
