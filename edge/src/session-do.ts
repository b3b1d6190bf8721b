/**
 * One visitor session as a Durable Object: its events in order (deduplicated by id), the
 * aggregates the recommender reads, the event-log outbox, and expiry after inactivity.
 * Storage and aggregate logic live in `session/`; this class only sequences them, so other
 * RPC methods (recommendations, WebSocket pushes) can be added next to these.
 */
import { DurableObject } from 'cloudflare:workers';
import type { Consent, EventBatch } from './contracts/events.ts';
import { toLoggedEvents } from './event-log/logged-events.ts';
import { errorFields, log } from './log.ts';
import { aggregate, recentItemEvents } from './session/aggregates.ts';
import { insertEvents, listAggregateInputs, listEvents, stripProps } from './session/event-store.ts';
import { alarmNeedsMove, LOG_RETRY_MS, sessionTtlMs } from './session/expiry.ts';
import { enqueueLog, pendingLogs, removeLog } from './session/log-outbox.ts';
import { deleteMeta, getMeta, setMeta, setMetaIfChanged } from './session/meta.ts';
import { ensureSchema, hasSchema } from './session/schema.ts';
import { type Sql, sqlOf } from './session/sql.ts';
import type { EraseResult, IngestResult, SessionContext, SessionSnapshot } from './session/types.ts';

/** One visitor session: its events in order, windowed aggregates, expiry by alarm. */
export class SessionDO extends DurableObject<Env> {
  readonly #sql: Sql = sqlOf(this.ctx.storage.sql);
  #schemaReady = false;
  // When the alarm is set for, as far as this instance knows (undefined: unknown or none).
  #alarmAt: number | undefined;
  // Sends to the Queue one at a time, so concurrent flushes never send a pending message twice.
  #flushing: Promise<boolean> = Promise.resolve(true);

  /**
   * Store a validated batch; returns how many events were new and how many were duplicates.
   * Answers once the events are stored: their log lines are sent to the Queue afterwards, from
   * the outbox written in the same transaction.
   */
  async ingest(batch: EventBatch): Promise<IngestResult> {
    const now = Date.now();
    const expiresAt = now + sessionTtlMs(this.env.SESSION_TTL_MINUTES);
    const sql = this.#db();
    const result = this.ctx.storage.transactionSync(() => {
      setMetaIfChanged(sql, 'session_id', batch.sessionId);
      setMetaIfChanged(sql, 'consent', JSON.stringify(batch.consent));
      const personalization = batch.consent.personalization;
      if (personalization && batch.userId !== undefined) setMetaIfChanged(sql, 'user_id', batch.userId);
      if (!personalization) {
        // Consent withdrawn (or never given): forget what links the session to a person.
        deleteMeta(sql, 'user_id');
        stripProps(sql);
      }
      const accepted = insertEvents(sql, batch.events, { receivedAt: now, keepProps: personalization });
      const lines = toLoggedEvents(batch, accepted, now);
      if (lines.length > 0) enqueueLog(sql, lines);
      setMeta(sql, 'expires_at', String(expiresAt));
      return { accepted: accepted.length, duplicates: batch.events.length - accepted.length };
    });
    // Same turn as the transaction, so the alarm is committed with the events.
    if (alarmNeedsMove(this.#alarmAt, expiresAt)) await this.#setAlarm(expiresAt);
    void this.#flushLog(); // also retries lines an earlier send left behind
    return result;
  }

  /** The stored state (events in order, aggregates), or null when nothing is stored. */
  snapshot(): SessionSnapshot | null {
    if (!this.#exists()) return null;
    const sql = this.#db();
    const events = listEvents(sql);
    const userId = getMeta(sql, 'user_id');
    return {
      sessionId: getMeta(sql, 'session_id') ?? '',
      ...(userId === undefined ? {} : { userId }),
      consent: JSON.parse(
        getMeta(sql, 'consent') ?? '{"analytics":false,"personalization":false}',
      ) as Consent,
      events,
      aggregates: aggregate(events, Date.now()),
      expiresAt: Number(getMeta(sql, 'expires_at') ?? 0),
    };
  }

  /** Recent item interactions and aggregates as of now; empty for an unknown session. */
  context(): SessionContext {
    const inputs = this.#exists() ? listAggregateInputs(this.#db()) : [];
    return { recent: recentItemEvents(inputs), aggregates: aggregate(inputs, Date.now()) };
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
    // Read expiry after the send: an ingest may have arrived meanwhile and extended it.
    const expiresAt = Number(getMeta(this.#db(), 'expires_at') ?? 0);
    if (Date.now() >= expiresAt) await this.#deleteEverything();
    else await this.#setAlarm(expiresAt);
  }

  #db(): Sql {
    if (!this.#schemaReady) {
      ensureSchema(this.ctx.storage.sql);
      this.#schemaReady = true;
    }
    return this.#sql;
  }

  #exists(): boolean {
    return this.#schemaReady || hasSchema(this.ctx.storage.sql);
  }

  /** Send pending log lines to the Queue, oldest first; on failure schedule a retry and answer false. */
  #flushLog(): Promise<boolean> {
    this.#flushing = this.#flushing.then(async () => {
      if (!this.#exists()) return true;
      const sql = this.#db();
      for (const { seq, lines } of pendingLogs(sql)) {
        try {
          await this.env.EVENTS_QUEUE.send(lines, { contentType: 'json' });
        } catch (err) {
          log('warn', 'event log send failed; will retry', { ...errorFields(err), lines: lines.length });
          await this.#setAlarm(Date.now() + LOG_RETRY_MS);
          return false;
        }
        removeLog(sql, seq);
      }
      return true;
    });
    return this.#flushing;
  }

  async #setAlarm(at: number): Promise<void> {
    this.#alarmAt = at;
    await this.ctx.storage.setAlarm(at);
  }

  async #deleteEverything(): Promise<void> {
    await this.#flushing; // let an in-flight send finish before its outbox row disappears
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.#schemaReady = false;
    this.#alarmAt = undefined;
  }
}
