import { DurableObject } from 'cloudflare:workers';

/** One visitor session: its events in order, windowed aggregates, expiry by alarm. */
export class SessionDO extends DurableObject<Env> {}
