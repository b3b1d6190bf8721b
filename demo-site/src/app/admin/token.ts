/**
 * The admin token of the catalogue panel, in this tab's sessionStorage: it survives a reload of the
 * panel but not the tab, and no other tab (nor a later visit) can read it, unlike localStorage.
 * Storage may be unavailable (private modes, blocked cookies): then the token lives in memory only.
 */
const KEY = 'marlow-admin-token';
let memory: string | undefined;

/** The token the owner entered in this tab, if any. */
export function adminToken(): string | undefined {
  try {
    return sessionStorage.getItem(KEY) ?? memory;
  } catch {
    return memory;
  }
}

/** Remember the token for this tab; `undefined` forgets it. */
export function setAdminToken(token: string | undefined): void {
  memory = token;
  try {
    if (token === undefined) sessionStorage.removeItem(KEY);
    else sessionStorage.setItem(KEY, token);
  } catch {}
}
