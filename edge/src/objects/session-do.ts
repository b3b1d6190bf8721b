/**
 * One visitor session as a Durable Object: its events in order (deduplicated by id), the
 * aggregates the recommender reads, the event-log outbox, expiry after inactivity, its
 * recommendations and their WebSocket pushes, and the link to its person's profile (returning
 * visitors start from their history). Storage and aggregate logic live in `session/`,
 * answering in `serving/`; this class only sequences them.
 */
import { DurableObject } from 'cloudflare:workers';
import type { SocketEventsAnswer } from '../../../contracts/push-socket.ts';
import type { Consent, EventBatch } from '../../../contracts/schema/events.ts';
import { BOT_RATE_EVENTS, BOT_RATE_WINDOW_MS } from '../limits/bots.ts';
import { checkLimit } from '../limits/check.ts';
import { type AbuseReason, countAbuse } from '../limits/counters.ts';
import { errorFields, log } from '../log.ts';
import { withHistory } from '../people/interactions.ts';
import { profileStub } from '../people/profile-name.ts';
import { historyOf, keepHistory, profileUpdateOf, sessionHours } from '../people/session-link.ts';
import type { ProfileUpdate } from '../people/types.ts';
import { parseSocketMessage } from '../push/socket-messages.ts';
import { answer, removeSubscription, socketOf } from '../push/subscriptions.ts';
import {
  LiveRecommender,
  type SessionRecommendRequest,
  type SessionRecommendResult,
  sessionVariants,
} from '../serving/live.ts';
import { aggregate, RECENT_EVENTS_LIMIT, recentItemEvents } from '../session/aggregates.ts';
import { EventStore, lastReceivedAt, listAggregateInputs, listEvents } from '../session/event-store.ts';
import { alarmNeedsMove, LOG_RETRY_MS, sessionTtlMs } from '../session/expiry.ts';
import { LogOutbox, type PendingLog } from '../session/log-outbox.ts';
import { SessionMeta } from '../session/meta.ts';
import { ensureSchema, hasSchema } from '../session/schema.ts';
import { type Sql, sqlOf } from '../session/sql.ts';
import { type SessionStorage, storeBatch } from '../session/store-batch.ts';
import type {
  EraseResult,
  IngestOptions,
  IngestOutcome,
  SessionContext,
  SessionIdentity,
  SessionSnapshot,
} from '../session/types.ts';

const NO_CONSENT: Consent = { analytics: false, personalization: false };

/** One visitor session: its events in order, windowed aggregates, expiry by alarm. */
export class SessionDO extends DurableObject<Env> {
  readonly #sql: Sql = sqlOf(this.ctx.storage.sql);
  #meta: SessionMeta | undefined; // set once the schema exists
  // The stored event ids (in-memory dedupe) and the outbox's numbering, loaded by the first ingest.
  #events: EventStore | undefined;
  #outbox: LogOutbox | undefined;
  #alarmAt: number | undefined; // when the alarm is set for, as far as this instance knows
  #logBacklog = true; // unknown after a restart: look for lines an earlier send left behind
  // The newest outbox seq a backlog pass sent: a flush queued for a message it took skips it.
  #sentThrough = 0;
  // Sends to the Queue one at a time, so concurrent flushes never send a pending message twice.
  #flushing: Promise<boolean> = Promise.resolve(true);
  // Recommendations, signal updates and WebSocket pushes (serving/live.ts).
  readonly #live = new LiveRecommender(this.ctx, this.env, () => this.context());
  // A first link to the person's profile in flight: a recommendation waits for their history.
  #linking: Promise<void> = Promise.resolve();

  /**
   * Store a validated batch of site `site` (this object is that site's, see `session-name.ts`); returns how many events were new and how many were
   * duplicates. Answers once the events are stored, with the site's signal update already sent;
   * log lines go to the Queue afterwards, from the outbox written in the same transaction, and
   * WebSocket subscribers are pushed fresh recommendations. A session's first batch counts as a
   * new session of the client address `ip`: over that limit nothing is stored.
   */
  async ingest(
    batch: EventBatch,
    site: string,
    { ip, botUserAgent = false }: IngestOptions = {},
  ): Promise<IngestOutcome> {
    if (ip !== undefined && !this.#exists()) {
      const refused = await checkLimit(this.env, site, 'sessionsPerIp', ip);
      if (refused) return { refused };
    }
    const now = Date.now();
    const storage = this.#storage();
    const { sql, meta } = storage;
    const bot = this.#botReason(storage, batch, now, botUserAgent);
    const { accepted, fresh, outgoing } = this.#guard(() =>
      this.ctx.storage.transactionSync(() =>
        storeBatch(storage, site, batch, now, sessionVariants(site, batch.sessionId), bot === undefined),
      ),
    );
    if (bot !== undefined && accepted > 0) {
      const waitUntil = (p: Promise<unknown>) => this.ctx.waitUntil(p);
      countAbuse(this.env.CATALOG, waitUntil, site, bot, { sessionId: batch.sessionId }, accepted);
    }
    const expiresAt = now + sessionTtlMs(this.env.SESSION_TTL_MINUTES);
    // Same turn as the transaction, so the alarm is committed with the events; the push and the
    // log send start without waiting for it (the output gate holds what they send until it is).
    const alarm =
      accepted > 0 && alarmNeedsMove(this.#alarmAt, expiresAt) ? this.#setAlarm(expiresAt) : undefined;
    if (outgoing || this.#logBacklog) void this.#flushLog(outgoing);
    // Returning visitors: the person's profile learns this batch after the answer, never before it.
    const update =
      bot === undefined ? profileUpdateOf(sql, meta, site, batch.sessionId, fresh, now) : undefined;
    if (update) {
      const sent = this.#updateProfile(update);
      if (meta.get('profile_user') !== update.userId) this.#linking = sent;
      this.ctx.waitUntil(sent);
    }
    // A bot is answered and pushed to, but its events never reach the site's signals (trending).
    this.#live.afterIngest(bot === undefined ? site : undefined, batch.sessionId, fresh, now);
    await alarm;
    return { accepted, duplicates: batch.events.length - accepted };
  }

  /**
   * Recommendations for this session (the route has validated the request); a returning person's
   * first request waits for their history if the session's first link to the profile is in flight.
   */
  async recommend(req: SessionRecommendRequest): Promise<SessionRecommendResult> {
    await this.#linking;
    return this.#live.recommend(req);
  }

  /** WebSocket subscriptions (hibernation API): fresh recommendations pushed on every change. */
  override async fetch(request: Request): Promise<Response> {
    return this.#live.subscribe(request);
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (message === 'refresh') this.#live.pushSoon();
    else if (message === 'ping') ws.send('pong');
    else {
      const { key, session } = socketOf(ws);
      const request = parseSocketMessage(message, session);
      if (request.type === 'events') answer(ws, await this.#socketEvents(key, session, request.batch));
      else if (request.type === 'unsubscribe')
        await this.#live.inOrder(() => removeSubscription(ws, request.id));
      else if (request.type === 'subscribe') {
        const { id, query } = request;
        const refused = await this.#live
          .inOrder(() => this.#live.subscribeMessage(ws, id, query))
          .catch((err): SocketEventsAnswer => {
            log('error', 'socket subscription failed', errorFields(err));
            return {
              type: 'error',
              code: 'internal_error',
              message: 'the subscription failed',
              path: '',
              id,
            };
          });
        if (refused) answer(ws, refused);
      } else answer(ws, request);
    }
  }

  /**
   * Events sent up the socket (`SocketEvents`): ingested as `POST /v1/events` would, for the site
   * and session the socket was opened for; the ingest pushes the fresh answer.
   */
  async #socketEvents(key: string, session: string, batch: EventBatch): Promise<SocketEventsAnswer> {
    try {
      // The socket counts against the same per-session event limit as POST /v1/events.
      const limited = await checkLimit(this.env, key, 'eventsPerSession', session);
      const outcome = limited ? { refused: limited } : await this.ingest(batch, key);
      if ('refused' in outcome)
        return {
          type: 'error',
          code: 'rate_limited',
          message: `too many events (${outcome.refused.limit}); retry after ${outcome.refused.retryAfter} s`,
          path: '',
        };
      return { type: 'accepted', ...outcome };
    } catch (err) {
      // The events' batch still comes through POST /v1/events: nothing is lost.
      log('error', 'socket events ingest failed', errorFields(err));
      return { type: 'error', code: 'internal_error', message: 'the events could not be stored', path: '' };
    }
  }

  override webSocketClose(ws: WebSocket, code: number): void {
    try {
      ws.close(code === 1005 ? 1000 : code, 'closing');
    } catch {
      // Already closed (the runtime may answer the close handshake itself).
    }
  }

  /** The stored state (events in order, aggregates), or null when nothing is stored. */
  snapshot(): SessionSnapshot | null {
    if (!this.#exists()) return null;
    const { sql, meta } = this.#open();
    const events = listEvents(sql);
    const userId = meta.get('user_id');
    return {
      site: meta.get('site') ?? '',
      sessionId: meta.get('session_id') ?? '',
      ...(userId === undefined ? {} : { userId }),
      consent: JSON.parse(meta.get('consent') ?? 'null') ?? NO_CONSENT,
      events,
      aggregates: aggregate(events, Date.now()),
      expiresAt: this.#expiresAt(sql),
    };
  }

  /**
   * Recent item interactions and aggregates as of now; empty for an unknown session. An identified
   * person's earlier items (their profile's history) come before the session's own.
   */
  context(): SessionContext {
    if (!this.#exists()) return { recent: [], aggregates: aggregate([], Date.now()) };
    const { sql, meta } = this.#open();
    const inputs = listAggregateInputs(sql);
    const recent = withHistory(historyOf(meta), recentItemEvents(inputs), RECENT_EVENTS_LIMIT);
    return { recent, aggregates: aggregate(inputs, Date.now()) };
  }

  /** Who the session belongs to and the log hours of its events (for erasing the person), or null. */
  identity(): SessionIdentity | null {
    if (!this.#exists()) return null;
    const { sql, meta } = this.#open();
    const userId = meta.get('user_id');
    return { ...(userId === undefined ? {} : { userId }), hours: sessionHours(sql) };
  }

  /** Delete everything this session stored, pending log lines included (GDPR erasure). */
  async erase(): Promise<EraseResult> {
    const existed = this.#exists();
    await this.#deleteEverything();
    return { erased: true, existed };
  }

  /** Retry pending log lines; expire the session once it has been inactive for the TTL. */
  override async alarm(): Promise<void> {
    this.#alarmAt = undefined; // a fired alarm is gone
    if (!this.#exists()) return;
    if (!(await this.#flushLog())) return; // the failed send scheduled a retry
    // Computed after the send: an ingest may have arrived meanwhile.
    const expiresAt = this.#expiresAt(this.#open().sql);
    if (Date.now() >= expiresAt) await this.#deleteEverything();
    else await this.#setAlarm(expiresAt);
  }

  /** Send `update` to the person's profile and keep the history it answers (never rejects). */
  async #updateProfile(update: ProfileUpdate): Promise<void> {
    try {
      const history = await profileStub(this.env, update.site, update.userId).record(update);
      if (this.#exists()) keepHistory(this.#open().meta, update.userId, history);
    } catch (err) {
      // The next batch of the session sends its events again (profile_user is not set yet on a first link).
      log('warn', 'user profile update failed', { site: update.site, ...errorFields(err) });
    }
  }

  /**
   * Why this session is a bot, if it is: its user agent says so, or it has sent events faster than
   * a person can (`limits/bots.ts`). Remembered, so a bot's later batches stay out as well.
   */
  #botReason(
    { meta, events }: SessionStorage,
    batch: EventBatch,
    now: number,
    botUserAgent: boolean,
  ): AbuseReason | undefined {
    const known = meta.get('bot') as AbuseReason | undefined;
    if (known !== undefined) return known;
    let reason: AbuseReason | undefined;
    if (botUserAgent) reason = 'bot_user_agent';
    else if (events.receivedSince(now - BOT_RATE_WINDOW_MS) + batch.events.length > BOT_RATE_EVENTS)
      reason = 'bot_rate';
    if (reason !== undefined) meta.set('bot', reason);
    return reason;
  }

  #open(): { sql: Sql; meta: SessionMeta } {
    if (!this.#meta) {
      // A schema created just now has no log lines left behind by an earlier send.
      if (ensureSchema(this.ctx.storage)) this.#logBacklog = false;
      this.#meta = new SessionMeta(this.#sql);
    }
    return { sql: this.#sql, meta: this.#meta };
  }

  /** The storage an ingest writes through (the schema, then the ids and outbox loaded once). */
  #storage(): SessionStorage {
    const { sql, meta } = this.#open();
    this.#events ??= new EventStore(sql);
    return { sql, meta, events: this.#events, outbox: this.#logOutbox() };
  }

  /** The outbox alone: a send after a restart must not read every stored event id first. */
  #logOutbox(): LogOutbox {
    this.#outbox ??= new LogOutbox(this.#open().sql);
    return this.#outbox;
  }

  #exists(): boolean {
    return this.#meta !== undefined || hasSchema(this.ctx.storage.sql);
  }

  /**
   * Run `fn`; if it throws, its transaction rolled back, so drop the cached meta and ids with it
   * (the outbox keeps its numbering: seqs must only grow while this instance lives).
   */
  #guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      this.#meta = undefined;
      this.#events = undefined;
      throw err;
    }
  }

  /** Inactivity expiry: the last new event's arrival plus the TTL. */
  #expiresAt(sql: Sql): number {
    return (lastReceivedAt(sql) ?? 0) + sessionTtlMs(this.env.SESSION_TTL_MINUTES);
  }

  /** Queue a send of pending log lines behind any send in flight; resolves false if it failed. */
  #flushLog(next?: PendingLog): Promise<boolean> {
    this.#flushing = this.#flushing.then(() => this.#sendPending(next));
    return this.#flushing;
  }

  /**
   * Send `next` (just written) or, after a failure or restart, every pending message, oldest
   * first. On failure schedule a retry and answer false; never rejects.
   */
  async #sendPending(next?: PendingLog): Promise<boolean> {
    if (!this.#exists()) return true; // erased meanwhile
    try {
      const outbox = this.#logOutbox();
      const backlog = this.#logBacklog || !next;
      for (const { seq, lines } of backlog ? outbox.pending() : [next]) {
        if (!backlog && seq <= this.#sentThrough) continue; // sent by a backlog pass (seqs only grow)
        await this.env.EVENTS_QUEUE.send(lines, { contentType: 'json' });
        outbox.remove(seq);
        if (backlog) this.#sentThrough = seq;
      }
      this.#logBacklog = false;
      return true;
    } catch (err) {
      log('warn', 'event log send failed; will retry', { ...errorFields(err), retryInMs: LOG_RETRY_MS });
      this.#logBacklog = true;
      await this.#setAlarm(Date.now() + LOG_RETRY_MS).catch(() => {}); // the next batch retries too
      return false;
    }
  }

  async #setAlarm(at: number): Promise<void> {
    this.#alarmAt = at;
    await this.ctx.storage.setAlarm(at);
  }

  async #deleteEverything(): Promise<void> {
    await this.#flushing; // let an in-flight send finish before its outbox row disappears
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.#live.forget();
    this.#meta = undefined;
    this.#events = undefined;
    this.#outbox = undefined;
    this.#alarmAt = undefined;
    this.#logBacklog = false;
    this.#sentThrough = 0; // a new outbox numbers from 1 again
  }
}
