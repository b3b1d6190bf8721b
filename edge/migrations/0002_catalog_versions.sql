-- A per-site change counter: every write that changes an item's content (or deletes it) takes the
-- site's next version, in commit order (D1 serialises writes at its primary). Isolates keep their
-- cached rows current by reading the changes after the last version they applied.
ALTER TABLE catalog_items ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX catalog_items_version ON catalog_items (site, version);
