/** `npm run retrain` arguments, validated with errors naming the option (exit code 2). */
import { parseOptions, UsageError } from '../../../model/src/cli/args.ts';
import { DEFAULT_GATE_MARGIN } from '../../../model/src/eval/gate.ts';
import type { PublishMode } from '../../../model/src/retrain/outcome.ts';
import { DEFAULT_EVAL_FRACTION } from '../../../model/src/retrain/split.ts';
import { MAX_LOG_RANGE_MS } from '../../src/event-log/log-range.ts';

export const USAGE = `usage: npm run retrain -- --from <ms|ISO> --to <ms|ISO> --out <dir>
    [--url http://localhost:8787] [--token <ADMIN_TOKEN>] [--site <key>]
    [--publish auto|never|force] [--active <model dir>] [--margin 0.02] [--eval-fraction 0.1]
    [--warm <model dir> | --cold] [--epochs n] [--max-bad-lines n]
warm start: from --warm, else from the --active folder when it holds train-state.bin
exit codes: 0 promoted (or, with --publish never, the gate passed), 1 failure,
            2 wrong arguments, 3 the gate kept the active model (nothing published)`;

export type { PublishMode };

/** Validated options. */
export interface RetrainOptions {
  url: string;
  token: string | undefined;
  site: string | undefined;
  from: number;
  to: number;
  out: string;
  publish: PublishMode;
  active: string | undefined;
  /** Warm-start folder (default: `active` when it has a checkpoint). */
  warm: string | undefined;
  /** Train from scratch even when a checkpoint is at hand. */
  cold: boolean;
  margin: number;
  evalFraction: number;
  epochs: number | undefined;
  maxBadLines: number;
}

const DIGITS = /^\d{1,16}$/;

function instant(raw: string | undefined, name: string): number {
  if (!raw) throw new UsageError(`--${name} is required (Unix ms or ISO 8601)`);
  const ms = DIGITS.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isSafeInteger(ms)) throw new UsageError(`--${name} must be Unix ms or an ISO 8601 date`);
  return ms;
}

function fraction(raw: string | undefined, name: string, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw.trim() === '' || !(n >= 0 && n < max))
    throw new UsageError(`--${name} must be a number from 0 to below ${max}, got ${JSON.stringify(raw)}`);
  return n;
}

function wholeNumber(raw: string | undefined, name: string, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  return n;
}

/** Parse `argv`; throws UsageError. */
export function parseRetrainOptions(argv: string[]): RetrainOptions {
  const o = parseOptions(argv, {
    url: { type: 'string' },
    token: { type: 'string' },
    site: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    publish: { type: 'string' },
    active: { type: 'string' },
    warm: { type: 'string' },
    cold: { type: 'boolean' },
    margin: { type: 'string' },
    'eval-fraction': { type: 'string' },
    epochs: { type: 'string' },
    'max-bad-lines': { type: 'string' },
  });
  const from = instant(o.from, 'from');
  const to = instant(o.to, 'to');
  if (to <= from) throw new UsageError('--to must be after --from');
  if (to - from > MAX_LOG_RANGE_MS) throw new UsageError('--to must be at most 31 days after --from');
  if (!o.out) throw new UsageError('--out <dir> is required');
  const publish = (o.publish ?? 'auto') as PublishMode;
  if (!['auto', 'never', 'force'].includes(publish))
    throw new UsageError(`--publish must be auto, never or force, got ${JSON.stringify(o.publish)}`);
  let url: URL;
  try {
    url = new URL(o.url ?? 'http://localhost:8787');
  } catch {
    throw new UsageError(`--url must be an http(s) URL, got ${JSON.stringify(o.url)}`);
  }
  if (!/^https?:$/.test(url.protocol)) throw new UsageError('--url must be an http(s) URL');
  if (o.cold && o.warm !== undefined) throw new UsageError('use either --warm or --cold, not both');
  return {
    url: url.origin,
    token: o.token,
    site: o.site,
    from,
    to,
    out: o.out,
    publish,
    active: o.active,
    warm: o.warm,
    cold: o.cold === true,
    margin: fraction(o.margin, 'margin', DEFAULT_GATE_MARGIN, 1),
    // At most half: the candidate must train on more than it is judged on.
    evalFraction:
      fraction(o['eval-fraction'], 'eval-fraction', DEFAULT_EVAL_FRACTION, 0.5) || DEFAULT_EVAL_FRACTION,
    epochs: wholeNumber(o.epochs, 'epochs', 1, 200),
    maxBadLines: wholeNumber(o['max-bad-lines'], 'max-bad-lines', 0, 1e9) ?? 0,
  };
}
