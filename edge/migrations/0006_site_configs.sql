-- Runtime configuration: every version of a site's overrides (placements, rules, experiments; the
-- `sites.<key>` part of edge/src/config/sites.json), validated by its schema before it is stored.
-- The highest version is in force; a site without a row has sites.json's entry (version 0).
CREATE TABLE site_configs (
  site TEXT NOT NULL,
  version INTEGER NOT NULL,
  -- JSON, the site's overrides.
  config TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  -- `operator` or the admin key id that wrote it.
  created_by TEXT NOT NULL,
  PRIMARY KEY (site, version)
) WITHOUT ROWID;
