/**
 * Session Durable Objects are named `<site>:<session id>`, so the same session id sent under two
 * site keys is two sessions and no key can reach another site's visitor. Site keys and session ids
 * never contain `:` (both are `A-Z a-z 0-9 _ -`), so the name is unambiguous.
 *
 * Objects created before this naming (named by the bare session id) are no longer reachable by any
 * route; their expiry alarm still fires, flushes any pending log lines and deletes their storage
 * `SESSION_TTL_MINUTES` after their last event, so they drain by themselves.
 */

/** The Durable Object name of session `sessionId` of site `site`. */
export function sessionObjectName(site: string, sessionId: string): string {
  return `${site}:${sessionId}`;
}

/** The stub of session `sessionId` of site `site`. */
export function sessionStub(env: Env, site: string, sessionId: string) {
  return env.SESSIONS.getByName(sessionObjectName(site, sessionId));
}
