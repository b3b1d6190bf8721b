/**
 * WebSocket subscriptions of one session, on the Durable Object hibernation API: each socket carries
 * its recommendation parameters as an attachment, so the object can sleep between events and still
 * know, when woken by an event, what to push to whom.
 */
import type { SocketEventsAnswer } from '../../../contracts/push-socket.ts';
import type { RecommendationPush, RecommendationResponse } from '../../../contracts/recommendations.ts';
import type { RecommendationParams } from '../serving/params.ts';

/** Accept a WebSocket upgrade for `params` on this object; the caller returns the 101 response. */
export function subscribe(ctx: DurableObjectState, params: RecommendationParams): Response {
  const { 0: client, 1: server } = new WebSocketPair();
  ctx.acceptWebSocket(server, [params.placement]);
  server.serializeAttachment(params);
  return new Response(null, { status: 101, webSocket: client });
}

/** The parameters socket `ws` subscribed with (validated by the route). */
export const paramsOf = (ws: WebSocket) => ws.deserializeAttachment() as RecommendationParams;

/** Open subscriptions and their parameters. */
export function subscriptions(ctx: DurableObjectState): { ws: WebSocket; params: RecommendationParams }[] {
  return ctx.getWebSockets().map((ws) => ({ ws, params: paramsOf(ws) }));
}

/** Answer a message the page sent up the socket; a socket already gone is left alone. */
export function answer(ws: WebSocket, message: SocketEventsAnswer): void {
  try {
    ws.send(JSON.stringify(message));
  } catch {}
}

/** Send one push; a socket that cannot take it is closed (the client reconnects). */
export function send(ws: WebSocket, data: RecommendationResponse): void {
  const message: RecommendationPush = { type: 'recommendations', data };
  try {
    ws.send(JSON.stringify(message));
  } catch {
    ws.close(1011, 'push failed');
  }
}

/**
 * Recompute and push to every subscription. Subscriptions with the same parameters share one
 * computation; the computations run side by side, so each socket gets its answer as soon as its own
 * is ready (a page's other widgets do not hold it up); a failing computation is logged and skipped,
 * never thrown into the event path.
 */
export async function pushAll(
  ctx: DurableObjectState,
  compute: (params: RecommendationParams) => Promise<RecommendationResponse | undefined>,
): Promise<number> {
  const groups = new Map<string, { params: RecommendationParams; sockets: WebSocket[] }>();
  for (const { ws, params } of subscriptions(ctx)) {
    const key = JSON.stringify(params);
    const group = groups.get(key) ?? { params, sockets: [] };
    group.sockets.push(ws);
    groups.set(key, group);
  }
  const sent = await Promise.all(
    [...groups.values()].map(async ({ params, sockets }) => {
      try {
        const data = await compute(params);
        if (!data) return 0;
        for (const ws of sockets) send(ws, data);
        return sockets.length;
      } catch (err) {
        console.error(JSON.stringify({ level: 'error', event: 'push_failed', message: String(err) }));
        return 0;
      }
    }),
  );
  return sent.reduce((a, b) => a + b, 0);
}
