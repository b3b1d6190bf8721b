/**
 * WebSocket subscriptions of one session, on the Durable Object hibernation API: each socket carries
 * its recommendation parameters as an attachment, so the object can sleep between events and still
 * know, when woken by an event, what to push to whom.
 */
import type { SocketEventsAnswer } from '../../../contracts/push-socket.ts';
import type { RecommendationPush, RecommendationResponse } from '../../../contracts/recommendations.ts';
import type { RecommendationParams } from '../serving/params.ts';

const SUBSCRIBED_TAG = 'subscribed:';
/**
 * Sockets subscribed within this long of the newest one belong to the page the shopper is on (its
 * widgets subscribe as it renders): a push answers them first, then the widgets of pages left behind.
 */
export const CURRENT_PAGE_MS = 2_000;

/**
 * Accept a WebSocket upgrade for `params` on this object; the caller returns the 101 `response`
 * and may push a first answer to `socket` alone. The socket is tagged with when it subscribed.
 */
export function subscribe(
  ctx: DurableObjectState,
  params: RecommendationParams,
): { response: Response; socket: WebSocket } {
  const { 0: client, 1: server } = new WebSocketPair();
  ctx.acceptWebSocket(server, [params.placement, `${SUBSCRIBED_TAG}${Date.now()}`]);
  server.serializeAttachment(params);
  return { response: new Response(null, { status: 101, webSocket: client }), socket: server };
}

/** When socket `ws` subscribed (ms since the epoch); 0 for a socket from before the tag existed. */
function subscribedAt(ctx: DurableObjectState, ws: WebSocket): number {
  const tag = ctx.getTags(ws).find((t) => t.startsWith(SUBSCRIBED_TAG));
  return tag === undefined ? 0 : Number(tag.slice(SUBSCRIBED_TAG.length)) || 0;
}

/** The parameters socket `ws` subscribed with (validated by the route). */
export const paramsOf = (ws: WebSocket) => ws.deserializeAttachment() as RecommendationParams;

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

interface PushGroup {
  params: RecommendationParams;
  sockets: WebSocket[];
  /** When the group's newest socket subscribed. */
  newest: number;
}

/**
 * Recompute and push to every subscription (or only to `sockets`). Subscriptions with the same
 * parameters share one computation. The current page's widgets (CURRENT_PAGE_MS) are computed
 * first, side by side, so each gets its answer as soon as its own is ready; the widgets of pages
 * left behind follow once those are sent, rather than queueing ahead of them for the index and the
 * model. A failing computation is logged and skipped, never thrown into the event path.
 */
export async function pushAll(
  ctx: DurableObjectState,
  compute: (params: RecommendationParams) => Promise<RecommendationResponse | undefined>,
  sockets?: readonly WebSocket[],
): Promise<number> {
  const groups = new Map<string, PushGroup>();
  for (const ws of sockets ?? ctx.getWebSockets()) {
    const params = paramsOf(ws);
    const key = JSON.stringify(params);
    const group = groups.get(key) ?? { params, sockets: [], newest: 0 };
    group.sockets.push(ws);
    group.newest = Math.max(group.newest, subscribedAt(ctx, ws));
    groups.set(key, group);
  }
  const all = [...groups.values()];
  const latest = Math.max(0, ...all.map((g) => g.newest));
  const current = all.filter((g) => g.newest >= latest - CURRENT_PAGE_MS);
  const earlier = all.filter((g) => g.newest < latest - CURRENT_PAGE_MS);
  const pushed = async (wave: PushGroup[]) =>
    (await Promise.all(wave.map((g) => pushGroup(g, compute)))).reduce((a, b) => a + b, 0);
  return (await pushed(current)) + (await pushed(earlier));
}

/** Compute one group's answer and send it to its sockets; answers how many were sent. */
async function pushGroup(
  { params, sockets }: PushGroup,
  compute: (params: RecommendationParams) => Promise<RecommendationResponse | undefined>,
): Promise<number> {
  try {
    const data = await compute(params);
    if (!data) return 0;
    for (const ws of sockets) send(ws, data);
    return sockets.length;
  } catch (err) {
    console.error(JSON.stringify({ level: 'error', event: 'push_failed', message: String(err) }));
    return 0;
  }
}
