-- The shop's catalogue, per site. Deleted items stay as tombstones (deleted = 1, content cleared) so
-- a write older than the deletion cannot bring them back.
CREATE TABLE catalog_items (
  site TEXT NOT NULL,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  url TEXT,
  image TEXT,
  price REAL,
  currency TEXT,
  category TEXT,
  in_stock INTEGER NOT NULL,
  -- JSON object, within the contract's shape limits.
  attributes TEXT NOT NULL,
  -- The shop's time of the change, ms since the epoch: a write older than this is ignored.
  updated_at INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  -- The store's time of the last write that changed the content, ms: recently written items are
  -- served before the index has them, and a write that changes nothing leaves it alone.
  written_at INTEGER NOT NULL,
  PRIMARY KEY (site, id)
) WITHOUT ROWID;

CREATE INDEX catalog_items_written ON catalog_items (site, written_at);
