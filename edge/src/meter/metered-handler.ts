/**
 * The Worker's entry points under the capacity meter (counts.ts): with `CAPACITY_METER=on` every
 * fetch, queue batch and cron run sees the counted bindings and counts itself, outgoing `fetch`es
 * count as subrequests, and `GET /v1/__meter` answers the counters (`?reset=1` zeroes them after).
 * With the meter off each entry hands its arguments to the handler unchanged.
 */
import { count, meterEnabled, reset, snapshot } from './counts.ts';
import { meteredEnv } from './metered-env.ts';

type Handler = Required<Pick<ExportedHandler<Env>, 'fetch' | 'queue' | 'scheduled'>>;

let fetchCounted = false;

/** Count the isolate's outgoing fetches (webhooks) once the meter is on. */
function countFetches(): void {
  if (fetchCounted) return;
  fetchCounted = true;
  const real = globalThis.fetch;
  globalThis.fetch = (...args: Parameters<typeof fetch>) => {
    count('fetch:subrequests');
    return real(...args);
  };
}

/** `handler`'s fetch, queue and scheduled, counted when the meter is on (typed as `handler`). */
export function withMeter<H extends Handler>(handler: H): H {
  const metered: Handler = {
    fetch(request, env, ctx) {
      if (!meterEnabled(env)) return handler.fetch(request, env, ctx);
      countFetches();
      const url = new URL(request.url);
      if (url.pathname === '/v1/__meter') {
        const counts = snapshot();
        if (url.searchParams.get('reset') === '1') reset();
        return Response.json(counts);
      }
      count('entry:fetch');
      return handler.fetch(request, meteredEnv(env), ctx);
    },
    queue(batch, env, ctx) {
      if (!meterEnabled(env)) return handler.queue(batch, env, ctx);
      count(`entry:queue.${batch.queue}.batches`);
      count(`entry:queue.${batch.queue}.messages`, batch.messages.length);
      return handler.queue(batch, meteredEnv(env), ctx);
    },
    scheduled(controller, env, ctx) {
      if (!meterEnabled(env)) return handler.scheduled(controller, env, ctx);
      count('entry:scheduled');
      return handler.scheduled(controller, meteredEnv(env), ctx);
    },
  };
  return metered as H;
}
