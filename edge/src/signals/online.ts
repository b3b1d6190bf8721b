/**
 * The site's second-stage signals (the model's `OnlineSignals`: sequential rules, co-occurrence,
 * session neighbours, popularity), kept in the site's SignalsDO. They start from the active model's
 * serialised `signals` artifact and take every accepted item interaction; interactions are journaled
 * in SQLite so a restarted object (or a newly activated model) replays what its artifact has not seen.
 */
import {
  type AnnMatch,
  type CandidateTable,
  candidateFeatures,
  deserializeSignals,
  OnlineSignals,
  type SessionClick,
} from '../../../model/src/serve/index.ts';
import { readActive, readModelFile } from '../model-registry/r2-store.ts';

/** Journal rows kept for replay (older ones are in the next trained model's artifact). */
export const JOURNAL_MAX = 100_000;
const TRIM_EVERY = 1024;

interface Loaded {
  version: string | undefined;
  signals: OnlineSignals;
}

/** The online signals of one site, loaded lazily per model version. */
export class OnlineState {
  #loaded: Loaded | undefined;
  #loading: { version: string | undefined; promise: Promise<Loaded> } | undefined;
  #inserts = 0;

  constructor(
    private readonly sql: SqlStorage,
    private readonly bucket: R2Bucket,
  ) {
    sql.exec(`CREATE TABLE IF NOT EXISTS online_events (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, session TEXT NOT NULL, item TEXT NOT NULL, time REAL NOT NULL)`);
  }

  /** Journal one click (Unix seconds) and fold it into the loaded signals; call inside a transaction. */
  record(sessionId: string, itemId: string, time: number): void {
    this.sql.exec(
      `INSERT INTO online_events (session, item, time) VALUES (?, ?, ?)`,
      sessionId,
      itemId,
      time,
    );
    this.#loaded?.signals.update({ sessionId, itemId, time });
    if (++this.#inserts % TRIM_EVERY === 0) {
      this.sql.exec(
        `DELETE FROM online_events WHERE seq <= (SELECT MAX(seq) FROM online_events) - ?`,
        JOURNAL_MAX,
      );
    }
  }

  /**
   * The re-rank candidates of a session under model `version`: its nearest items `ann` (scores higher
   * is better) widened and described by the signals, exactly as the model's pipeline does offline.
   */
  async candidates(
    version: string,
    sessionId: string,
    clicks: readonly SessionClick[],
    ann: readonly AnnMatch[],
  ): Promise<CandidateTable> {
    const { signals } = await this.signals(version);
    const now = clicks.length ? clicks[clicks.length - 1].time : signals.now;
    return candidateFeatures(
      clicks.map((c) => c.itemId),
      sessionId,
      now,
      ann,
      signals,
    );
  }

  /** Signals of `version` (the active one when undefined), loading them once per version. */
  private signals(version: string | undefined): Promise<Loaded> {
    const loaded = this.#loaded;
    if (loaded && (version === undefined || loaded.version === version)) return Promise.resolve(loaded);
    if (this.#loading && (version === undefined || this.#loading.version === version)) {
      return this.#loading.promise;
    }
    const promise = this.load(version).finally(() => {
      if (this.#loading?.promise === promise) this.#loading = undefined;
    });
    this.#loading = { version, promise };
    return promise;
  }

  private async load(wanted: string | undefined): Promise<Loaded> {
    const version = wanted ?? (await readActive(this.bucket))?.version;
    const bytes = version === undefined ? undefined : await readModelFile(this.bucket, version, 'signals');
    const signals = bytes ? deserializeSignals(new Uint8Array(bytes)) : new OnlineSignals();
    // Synchronous from here on: no click can be journaled between the replay and the switch.
    const rows = this.sql.exec<{ session: string; item: string; time: number }>(
      `SELECT session, item, time FROM online_events WHERE time > ? ORDER BY seq`,
      signals.now,
    );
    for (const r of rows) signals.update({ sessionId: r.session, itemId: r.item, time: r.time });
    this.#loaded = { version, signals };
    return this.#loaded;
  }
}
