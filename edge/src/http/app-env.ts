/** The hono environment every route and middleware shares: bindings and per-request variables. */
import type { RequestIdVariables } from 'hono/request-id';
import type { Principal } from '../auth/principal.ts';

/** Bindings plus the variables middleware sets: request id, site key, the size-checked body. */
export interface AppEnv {
  Bindings: Env;
  Variables: RequestIdVariables & {
    /** The validated site key of an event request. */
    siteKey: string;
    /** The request body, read once and no larger than the route's limit. */
    body: Uint8Array;
    /** Who the Bearer credential of an admin or catalogue request is (`middleware/admin-auth.ts`). */
    principal: Principal;
    /** Events of an accepted batch, new and duplicate (the report's traffic counters read it). */
    eventsReceived: number;
  };
}
