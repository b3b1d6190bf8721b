/**
 * The `audit_log` table (edge/migrations/0005): append an entry, read a site's entries newest first
 * in pages (by `seq`, so a page boundary never skips or repeats an entry written meanwhile).
 */
import type { AuditEntry } from '../../../contracts/api-keys.ts';

/** An entry as written (times in ms). */
export type AuditRecord = Omit<AuditEntry, 'seq' | 'at'> & { at: number };

interface AuditRow {
  seq: number;
  at: number;
  site: string;
  actor: string;
  method: string;
  route: string;
  target: string;
  status: number;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
}

/** Append one entry. */
export async function insertAudit(db: D1Database, e: AuditRecord): Promise<void> {
  await db
    .prepare(
      `INSERT INTO audit_log (at, site, actor, method, route, target, status, ip, user_agent, request_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      e.at,
      e.site,
      e.actor,
      e.method,
      e.route,
      e.target,
      e.status,
      e.ip ?? null,
      e.userAgent ?? null,
      e.requestId ?? null,
    )
    .run();
}

/** What one page asks for: `site` ('' = deployment-wide entries), `[from, to)` in ms, before `seq`. */
export interface AuditQuery {
  site: string;
  from: number;
  to: number;
  beforeSeq: number;
  limit: number;
}

function entryOf(r: AuditRow): AuditEntry {
  const e: AuditEntry = {
    seq: r.seq,
    at: new Date(r.at).toISOString(),
    site: r.site,
    actor: r.actor,
    method: r.method,
    route: r.route,
    target: r.target,
    status: r.status,
  };
  if (r.ip !== null) e.ip = r.ip;
  if (r.user_agent !== null) e.userAgent = r.user_agent;
  if (r.request_id !== null) e.requestId = r.request_id;
  return e;
}

/** Up to `limit` entries matching `q`, newest first. */
export async function readAudit(db: D1Database, q: AuditQuery): Promise<AuditEntry[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM audit_log WHERE site = ? AND seq < ? AND at >= ? AND at < ?
       ORDER BY seq DESC LIMIT ?`,
    )
    .bind(q.site, q.beforeSeq, q.from, q.to, q.limit)
    .all<AuditRow>();
  return results.map(entryOf);
}
