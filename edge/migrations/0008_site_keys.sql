-- Site keys at runtime: every version of a site's entry (the origins its public key allows and its
-- limit settings; the shape of one `SITE_KEYS` entry, edge/src/config/site-keys.ts). The highest
-- version is in force; a site without a row has its `SITE_KEYS` entry (version 0, the seed).
CREATE TABLE site_keys (
  site TEXT NOT NULL,
  version INTEGER NOT NULL,
  -- JSON `{ "origins": [...], "limits": {...} }`; NULL: the key is removed from this version on.
  entry TEXT,
  created_at INTEGER NOT NULL,
  -- `operator` or the admin key id that wrote it.
  created_by TEXT NOT NULL,
  PRIMARY KEY (site, version)
) WITHOUT ROWID;
