/** The hono environment every route and middleware shares: bindings and per-request variables. */
import type { RequestIdVariables } from 'hono/request-id';

/** Bindings plus the variables middleware sets: request id, site key, the size-checked body. */
export interface AppEnv {
  Bindings: Env;
  Variables: RequestIdVariables & {
    /** The validated site key of an event request. */
    siteKey: string;
    /** The request body, read once and no larger than the route's limit. */
    body: Uint8Array;
  };
}
