-- Audit entries are pruned by age (AUDIT_RETENTION_DAYS, edge/src/audit/prune.ts): the oldest first,
-- found through this index so a prune reads only what it deletes.
CREATE INDEX audit_log_at ON audit_log (at);
