/**
 * The erasure's background rewrite. An erasure rewrites at most INLINE_REWRITE_OBJECTS event-log
 * objects inside its request (bounded work and subrequests however many hours a person spans); the
 * hours left go to the `rec-erasures` queue, where each message rewrites up to
 * BACKGROUND_REWRITE_OBJECTS more and sends what is still left as a new message. Until an object
 * is rewritten, the tombstones hide its erased lines from every reader of the log.
 */
import { errorFields, log } from '../log.ts';
import { rewriteLog } from './log-scan.ts';
import { erasedBy, tombstonesOf } from './tombstones.ts';

/** Objects an erasure rewrites before it answers (each a list share, a get and maybe a put). */
export const INLINE_REWRITE_OBJECTS = 200;
/** Objects one queue message rewrites. */
export const BACKGROUND_REWRITE_OBJECTS = 400;

/** Hours of a site's log still to rewrite for erasures. */
export interface ErasureMessage {
  site: string;
  hours: number[];
}

/** Hand `hours` of `site` to the background rewrite (nothing when empty). */
export async function rewriteLater(env: Env, site: string, hours: readonly number[]): Promise<void> {
  if (hours.length > 0) await env.ERASURES.send({ site, hours: [...hours] } satisfies ErasureMessage);
}

/** The queue consumer of `rec-erasures`: a failed message is retried (wrangler.toml `max_retries`). */
export async function rewriteErasures(batch: MessageBatch<ErasureMessage>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    const { site, hours } = message.body;
    try {
      const erased = erasedBy(await tombstonesOf(env.CATALOG, site));
      const outcome = await rewriteLog(env.EVENT_LOG, hours, erased, BACKGROUND_REWRITE_OBJECTS);
      await rewriteLater(env, site, outcome.pendingHours);
      message.ack();
    } catch (err) {
      log('error', 'erasure rewrite failed; retried', { site, hours: hours.length, ...errorFields(err) });
      message.retry();
    }
  }
}
