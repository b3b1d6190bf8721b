/**
 * Sessions → an event-log file as `GET /v1/admin/log` exports it (one `LoggedEvent` a line), so a
 * bench can run the retrain loop on a log of any size without a Worker. Also the YooChoose-shaped
 * generator's log of about `events` events.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { LoggedEvent } from '../../contracts/schema/events.ts';
import type { SessionEvent } from '../../model/src/data/session-event.ts';
import { generateCatalogue, generateSessions } from '../../model/src/synthetic/index.ts';

/**
 * Write `events` as log lines of site `site`; session ids padded to the log's 8-character minimum.
 * Times older than the log accepts (YooChoose is from 2014; `ts` must be after 2020) are shifted so
 * that the first event is on 2026-01-01, keeping every gap.
 */
export function writeLogFile(path: string, events: readonly SessionEvent[], site = 'demo'): void {
  let first = Number.POSITIVE_INFINITY;
  for (const e of events) first = Math.min(first, e.time);
  const shift = first < 1_600_000_000 ? 1_767_225_600 - Math.floor(first) : 0;
  const fd = openSync(path, 'w');
  try {
    let chunk = '';
    events.forEach((e, i) => {
      const ts = Math.round((e.time + shift) * 1000);
      const line: LoggedEvent = {
        id: `ev${String(i).padStart(8, '0')}`,
        type: 'view',
        ts,
        itemId: e.itemId,
        site,
        sessionId: e.sessionId.padStart(8, '0'),
        receivedAt: ts + 500,
      };
      chunk += `${JSON.stringify(line)}\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    });
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

/**
 * About `events` synthetic events at YooChoose's shape (sessions of ~4 clicks), over a catalogue
 * that grows with the log (one item per 50 events, at least 3,000) and 30 days of traffic.
 */
export function syntheticLog(events: number, seed = 7) {
  const sessions = Math.round(events / 3.95);
  const catalogue = generateCatalogue({
    items: Math.max(3000, Math.round(events / 50)),
    categories: 32,
    seed,
  });
  const generated = generateSessions(catalogue, {
    sessions,
    seed: seed + 1,
    startTime: 1_767_225_600,
    sessionsPerHour: sessions / (30 * 24),
  });
  return { catalogue, events: generated };
}
