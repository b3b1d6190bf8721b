-- What the abuse limits refused or kept out, per site, UTC day and reason (`rate_limited:<limit>`,
-- `future_ts`, `bot_user_agent`, `bot_rate`): the counters a future report reads. Written in
-- aggregated increments by edge/src/limits/counters.ts.
CREATE TABLE abuse_counts (
  site TEXT NOT NULL,
  day TEXT NOT NULL,
  reason TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (site, day, reason)
);
