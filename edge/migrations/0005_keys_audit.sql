-- Secret keys of each site (server and admin roles; the public key is the site key itself). Only a
-- SHA-256 of the whole key is kept: the secret is shown once, when it is made.
CREATE TABLE api_keys (
  -- The visible key id, `<sk|ak>_<site>_<12 hex>`: the whole key minus its secret.
  id TEXT PRIMARY KEY,
  site TEXT NOT NULL,
  role TEXT NOT NULL,
  -- Lowercase hex SHA-256 of the whole key.
  hash TEXT NOT NULL,
  label TEXT,
  created_at INTEGER NOT NULL,
  -- `operator` or the admin key id that made it.
  created_by TEXT NOT NULL,
  -- NULL: valid. A time (ms): valid before it, revoked from it on (a rotation's grace ends in the future).
  revoked_at INTEGER
) WITHOUT ROWID;

CREATE INDEX api_keys_site_role ON api_keys (site, role);

-- Every admin and catalogue write, and every write refused to a credential, newest last. Kept until
-- deleted (README "Audit log").
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  site TEXT NOT NULL,
  actor TEXT NOT NULL,
  method TEXT NOT NULL,
  route TEXT NOT NULL,
  target TEXT NOT NULL,
  status INTEGER NOT NULL,
  ip TEXT,
  user_agent TEXT,
  request_id TEXT
);

CREATE INDEX audit_log_site_seq ON audit_log (site, seq);
