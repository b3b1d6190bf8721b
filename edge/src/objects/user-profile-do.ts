/**
 * One person of one site (`<site>:user:<userId>`, people/profile-name.ts): their recent item
 * interactions across sessions, so a new session of a returning, identified visitor starts from
 * them, and the sessions linked to them, so erasing the person reaches every session and log line.
 * Written only for batches with a user id and personalization consent, after the ingest answered.
 * Deletes itself PROFILE_TTL_DAYS (default 90) after the person's last identified event.
 */
import { DurableObject } from 'cloudflare:workers';
import {
  addInteractions,
  ensureProfileSchema,
  getMeta,
  hasProfile,
  historyFor,
  linkSession,
  listInteractions,
  listSessions,
  setMeta,
} from '../people/profile-store.ts';
import { PROFILE_ALARM_SLACK_MS, profileTtlMs } from '../people/profile-ttl.ts';
import type { LinkedSession, ProfileSnapshot, ProfileUpdate } from '../people/types.ts';
import type { ItemEvent } from '../session/aggregates.ts';
import { type Sql, sqlOf } from '../session/sql.ts';

/** A person's profile on one site: recent interactions, linked sessions, expiry by alarm. */
export class UserProfileDO extends DurableObject<Env> {
  readonly #sql: Sql = sqlOf(this.ctx.storage.sql);
  #alarmAt: number | undefined;

  /**
   * Fold a session's interactions and log hours in; answers the person's history as that session
   * should see it (the other sessions' interactions, oldest first).
   */
  async record(update: ProfileUpdate): Promise<ItemEvent[]> {
    const sql = this.#sql;
    this.ctx.storage.transactionSync(() => {
      ensureProfileSchema(this.ctx.storage.sql);
      setMeta(sql, 'site', update.site);
      setMeta(sql, 'user_id', update.userId);
      setMeta(sql, 'updated_at', String(update.at));
      linkSession(sql, update.sessionId, update.hours, update.at);
      addInteractions(sql, update.interactions);
    });
    const expiresAt = update.at + profileTtlMs(this.env.PROFILE_TTL_DAYS);
    if (this.#alarmAt === undefined || Math.abs(expiresAt - this.#alarmAt) > PROFILE_ALARM_SLACK_MS) {
      this.#alarmAt = expiresAt;
      await this.ctx.storage.setAlarm(expiresAt);
    }
    return historyFor(sql, update.sessionId);
  }

  /** Everything the profile holds, or null when it holds nothing. */
  snapshot(): ProfileSnapshot | null {
    if (!hasProfile(this.ctx.storage.sql)) return null;
    const sql = this.#sql;
    const updatedAt = Number(getMeta(sql, 'updated_at') ?? 0);
    return {
      site: getMeta(sql, 'site') ?? '',
      userId: getMeta(sql, 'user_id') ?? '',
      interactions: listInteractions(sql),
      sessions: listSessions(sql),
      updatedAt,
      expiresAt: updatedAt + profileTtlMs(this.env.PROFILE_TTL_DAYS),
    };
  }

  /** The sessions linked to the person (empty when there is no profile). */
  sessions(): LinkedSession[] {
    return hasProfile(this.ctx.storage.sql) ? listSessions(this.#sql) : [];
  }

  /** Delete everything (the person's erasure, or expiry). */
  async erase(): Promise<{ existed: boolean }> {
    const existed = hasProfile(this.ctx.storage.sql);
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.#alarmAt = undefined;
    return { existed };
  }

  /** Expiry: the person has not been seen for the TTL. */
  override async alarm(): Promise<void> {
    this.#alarmAt = undefined;
    if (!hasProfile(this.ctx.storage.sql)) return;
    const expiresAt = Number(getMeta(this.#sql, 'updated_at') ?? 0) + profileTtlMs(this.env.PROFILE_TTL_DAYS);
    if (Date.now() >= expiresAt) await this.erase();
    else {
      this.#alarmAt = expiresAt;
      await this.ctx.storage.setAlarm(expiresAt);
    }
  }
}
