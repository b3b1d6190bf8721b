-- Erased people and sessions (DELETE /v1/users/:id, the SDK's forget): every reader of the event log
-- (the admin log export, the queue consumer writing late lines) drops a line whose site's session or
-- user is listed here and that was received at or before `erased_at`; the R2 objects themselves are
-- rewritten at erasure time (edge/src/people/log-rewrite.ts). `subject` is a SHA-256, never the id.
CREATE TABLE log_erasures (
  subject TEXT PRIMARY KEY, -- hex SHA-256 of "<site>\n<session|user>\n<id>" (edge/src/people/subjects.ts)
  site TEXT NOT NULL,
  erased_at INTEGER NOT NULL
);
CREATE INDEX log_erasures_site ON log_erasures (site);
