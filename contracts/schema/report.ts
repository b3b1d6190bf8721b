/**
 * valibot schema of the report (`contracts/report.ts`): what `GET /v1/admin/report` must answer.
 * The edge's tests check every answer against it; a dashboard may check what it renders.
 */
import * as v from 'valibot';
import type { Report } from '../report.ts';

const num = v.pipe(v.number(), v.finite());
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const maybe = v.nullable(num);
const interval = { value: maybe, low: maybe, high: maybe };
const IntervalSchema = v.strictObject(interval);
const MoneySchema = v.strictObject({ currency: v.string(), amount: num });
const DifferenceSchema = v.strictObject({
  ...interval,
  verdict: v.picklist(['better', 'worse', 'inconclusive']),
});

const funnel = {
  impressions: count,
  clicks: count,
  ctr: IntervalSchema,
  addToCarts: count,
  orders: count,
  attributedRevenue: v.array(MoneySchema),
};
const latency = v.strictObject({ count, p50: maybe, p95: maybe, p99: maybe });
const traffic = {
  eventsAccepted: count,
  eventsRejected: v.record(v.string(), count),
  recommendationRequests: count,
  pushSubscribers: count,
  latency,
};

export const ReportSchema = v.strictObject({
  site: v.string(),
  from: count,
  to: count,
  bucketMs: v.literal(3_600_000),
  generatedAt: count,
  attribution: v.string(),
  placements: v.array(
    v.strictObject({
      placement: v.string(),
      ...funnel,
      hourly: v.array(v.strictObject({ hour: count, ...funnel })),
    }),
  ),
  experiments: v.array(
    v.strictObject({
      experiment: v.string(),
      placement: v.string(),
      method: v.string(),
      variants: v.array(
        v.strictObject({
          variant: v.string(),
          control: v.boolean(),
          visitors: count,
          impressions: count,
          clicks: count,
          ctr: IntervalSchema,
          conversion: IntervalSchema,
          revenuePerVisitor: v.array(v.strictObject({ currency: v.string(), ...interval })),
          vsControl: v.optional(
            v.strictObject({
              ctr: DifferenceSchema,
              conversion: DifferenceSchema,
              revenuePerVisitor: v.array(
                v.strictObject({ ...DifferenceSchema.entries, currency: v.string() }),
              ),
            }),
          ),
        }),
      ),
    }),
  ),
  traffic: v.strictObject({
    ...traffic,
    hourly: v.array(v.strictObject({ hour: count, ...traffic })),
    maxLossMs: count,
  }),
  catalogueCoverage: v.strictObject({ recommended: count, catalogue: count, value: maybe }),
  alerts: v.array(
    v.strictObject({
      kind: v.picklist(['error_rate', 'latency_p99', 'events_stopped', 'model_age']),
      value: num,
      threshold: num,
      at: count,
      message: v.string(),
    }),
  ),
});

// The schema and the contract must describe the same JSON.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _same: Same<v.InferOutput<typeof ReportSchema>, Report> = true;
void _same;

/** The first problem of `value` as a report (`path: message`), or undefined when it is one. */
export function reportProblem(value: unknown): string | undefined {
  const result = v.safeParse(ReportSchema, value);
  if (result.success) return undefined;
  const issue = result.issues[0];
  return `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`;
}
