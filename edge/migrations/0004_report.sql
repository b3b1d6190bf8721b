-- The shop owner's report (GET /v1/admin/report). Facts are written by the event log's Queue
-- consumer with INSERT OR IGNORE keyed by (site, session, event id[, line]): a redelivered message
-- inserts nothing, so the triggers below, which keep the hourly rollups, fire once per event.
-- `hour` is the event's `ts` floored to the hour (ms). Money is in integer millionths (exact sums).

-- Impressions and rec_clicks whose props.recId names a placement; the experiment running on that
-- placement and the session's variant in it, when there is one.
CREATE TABLE report_rec_events (
  site TEXT NOT NULL,
  session TEXT NOT NULL,
  event_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('impression', 'click')),
  placement TEXT NOT NULL,
  item TEXT,
  ts INTEGER NOT NULL,
  hour INTEGER NOT NULL,
  experiment TEXT,
  variant TEXT,
  PRIMARY KEY (site, session, event_id)
) WITHOUT ROWID;

-- cart_add events (attributed to placements at report time, by the sessions' clicks).
CREATE TABLE report_cart_adds (
  site TEXT NOT NULL,
  session TEXT NOT NULL,
  event_id TEXT NOT NULL,
  item TEXT NOT NULL,
  ts INTEGER NOT NULL,
  hour INTEGER NOT NULL,
  PRIMARY KEY (site, session, event_id, item)
) WITHOUT ROWID;
CREATE INDEX report_cart_adds_hour ON report_cart_adds (site, hour);

-- One row per line of a purchase event: revenue = round(price * 1e6) * quantity, currency as sent.
CREATE TABLE report_order_lines (
  site TEXT NOT NULL,
  session TEXT NOT NULL,
  event_id TEXT NOT NULL,
  line INTEGER NOT NULL,
  item TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  revenue_micros INTEGER NOT NULL,
  currency TEXT NOT NULL,
  ts INTEGER NOT NULL,
  hour INTEGER NOT NULL,
  PRIMARY KEY (site, session, event_id, line)
) WITHOUT ROWID;
CREATE INDEX report_order_lines_hour ON report_order_lines (site, hour);

-- Rollups kept by triggers.
CREATE TABLE report_placement_hours (
  site TEXT NOT NULL,
  placement TEXT NOT NULL,
  hour INTEGER NOT NULL,
  impressions INTEGER NOT NULL DEFAULT 0,
  clicks INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site, placement, hour)
) WITHOUT ROWID;

-- Per visitor (session) and hour of an experiment: its exposure on the experiment's placement.
CREATE TABLE report_visitor_hours (
  site TEXT NOT NULL,
  experiment TEXT NOT NULL,
  session TEXT NOT NULL,
  hour INTEGER NOT NULL,
  variant TEXT NOT NULL,
  impressions INTEGER NOT NULL DEFAULT 0,
  clicks INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site, experiment, hour, session)
) WITHOUT ROWID;

-- Items with at least one impression in an hour (catalogue coverage).
CREATE TABLE report_item_hours (
  site TEXT NOT NULL,
  hour INTEGER NOT NULL,
  item TEXT NOT NULL,
  PRIMARY KEY (site, hour, item)
) WITHOUT ROWID;

CREATE TRIGGER report_rec_events_rollup AFTER INSERT ON report_rec_events
BEGIN
  INSERT INTO report_placement_hours (site, placement, hour, impressions, clicks)
  VALUES (NEW.site, NEW.placement, NEW.hour, NEW.kind = 'impression', NEW.kind = 'click')
  ON CONFLICT (site, placement, hour) DO UPDATE SET
    impressions = impressions + excluded.impressions, clicks = clicks + excluded.clicks;
  INSERT INTO report_visitor_hours (site, experiment, session, hour, variant, impressions, clicks)
  SELECT NEW.site, NEW.experiment, NEW.session, NEW.hour, NEW.variant, NEW.kind = 'impression', NEW.kind = 'click'
  WHERE NEW.experiment IS NOT NULL AND NEW.variant IS NOT NULL
  ON CONFLICT (site, experiment, hour, session) DO UPDATE SET
    impressions = impressions + excluded.impressions, clicks = clicks + excluded.clicks;
  INSERT OR IGNORE INTO report_item_hours (site, hour, item)
  SELECT NEW.site, NEW.hour, NEW.item WHERE NEW.kind = 'impression' AND NEW.item IS NOT NULL;
END;

-- Request-path counters per site and hour of the Worker's clock: `events_accepted`,
-- `events_rejected:<code>`, `recommendations`, `push_subscriptions`, `latency:<bucket>` (log-spaced
-- histogram of answer times, edge/src/report/latency-histogram.ts). Added to in increments.
CREATE TABLE report_traffic (
  site TEXT NOT NULL,
  hour INTEGER NOT NULL,
  metric TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (site, hour, metric)
) WITHOUT ROWID;

-- Alerts: the breaches the Cron Trigger last found per site and kind (shown in the report while
-- `active`), and when the webhook was last called for each (at most once per period).
CREATE TABLE report_alerts (
  site TEXT NOT NULL,
  kind TEXT NOT NULL,
  active INTEGER NOT NULL,
  alert TEXT NOT NULL,
  sent_at INTEGER,
  PRIMARY KEY (site, kind)
) WITHOUT ROWID;
