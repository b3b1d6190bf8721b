/**
 * WebSocket subscriptions of one session, on the Durable Object hibernation API. A page holds one
 * socket carrying every widget's subscription (`SocketSubscribe`, contracts/push-socket.ts); each
 * socket keeps its site, session and subscriptions in its attachment, so the object can sleep
 * between events and still know, when woken by an event, what to push to whom. A socket whose URL
 * named a placement carries that one subscription from the start (no `id` in its pushes).
 */
import { MAX_SUBSCRIPTIONS, type SocketEventsAnswer } from '../../../contracts/push-socket.ts';
import type { RecommendationPush, RecommendationResponse } from '../../../contracts/recommendations.ts';
import type { RecommendationParams } from '../serving/params.ts';

/**
 * A socket carries one page's widgets: the sockets whose newest subscription was made within this
 * long of the newest of all belong to the page the shopper is on (with one socket per widget, the
 * widgets that subscribed as it rendered): a push answers them first, then the pages left behind
 * (other tabs). Per socket, not per subscription: a widget of the page before that the next page
 * shows again keeps its subscription, and its old time must not put it behind.
 */
export const CURRENT_PAGE_MS = 2_000;

/** One subscription on a socket: its request and when it was made (ms since the epoch). */
export interface Subscription {
  /** Names it in its pushes; undefined for the subscription of the socket's URL. */
  id?: string;
  params: RecommendationParams;
  at: number;
}

/** What a socket remembers across hibernation. */
interface SocketState {
  key: string;
  session: string;
  subs: Subscription[];
}

/** One subscription of one socket: where a push goes. */
export interface PushTarget {
  ws: WebSocket;
  sub: Subscription;
}

/**
 * Accept a WebSocket upgrade for site `key` and `session` on this object, carrying `params`'s
 * subscription if the URL named one; the caller returns the 101 `response` and may push a first
 * answer to `targets` alone.
 */
export function subscribe(
  ctx: DurableObjectState,
  key: string,
  session: string,
  params?: RecommendationParams,
): { response: Response; targets: PushTarget[] } {
  const { 0: client, 1: server } = new WebSocketPair();
  ctx.acceptWebSocket(server);
  const subs = params ? [{ params, at: Date.now() }] : [];
  server.serializeAttachment({ key, session, subs } satisfies SocketState);
  return {
    response: new Response(null, { status: 101, webSocket: client }),
    targets: subs.map((sub) => ({ ws: server, sub })),
  };
}

/** The site and session socket `ws` was opened for (validated by the route). */
export function socketOf(ws: WebSocket): { key: string; session: string } {
  const { key, session } = ws.deserializeAttachment() as SocketState;
  return { key, session };
}

const subsOf = (ws: WebSocket) => (ws.deserializeAttachment() as SocketState).subs;

/**
 * Add (or replace) subscription `id` on `ws`; the target to push its first answer to, or a
 * refusal when the socket carries too many (or its attachment would not fit).
 */
export function addSubscription(
  ws: WebSocket,
  id: string,
  params: RecommendationParams,
): PushTarget | Extract<SocketEventsAnswer, { type: 'error' }> {
  const state = ws.deserializeAttachment() as SocketState;
  const subs = state.subs.filter((s) => s.id !== id);
  const sub = { id, params, at: Date.now() };
  if (subs.length < MAX_SUBSCRIPTIONS) {
    try {
      ws.serializeAttachment({ ...state, subs: [...subs, sub] });
      return { ws, sub };
    } catch {} // larger than an attachment may be: refused like one too many
  }
  return {
    type: 'error',
    code: 'too_many_subscriptions',
    message: `a socket carries at most ${MAX_SUBSCRIPTIONS} subscriptions`,
    path: 'id',
    id,
  };
}

/** Drop subscription `id` from `ws` (nothing when it has none). */
export function removeSubscription(ws: WebSocket, id: string): void {
  const state = ws.deserializeAttachment() as SocketState;
  ws.serializeAttachment({ ...state, subs: state.subs.filter((s) => s.id !== id) });
}

/** Every subscription of every socket of this object. */
export function allTargets(ctx: DurableObjectState): PushTarget[] {
  return ctx.getWebSockets().flatMap((ws) => subsOf(ws).map((sub) => ({ ws, sub })));
}

/** Answer a message the page sent up the socket; a socket already gone is left alone. */
export function answer(ws: WebSocket, message: SocketEventsAnswer): void {
  try {
    ws.send(JSON.stringify(message));
  } catch {}
}

/** Send one push; a socket that cannot take it is closed (the client reconnects). */
export function send({ ws, sub }: PushTarget, data: RecommendationResponse): void {
  // `type` and `id` first: a reader can tell which subscription it is from the message's head.
  const message: RecommendationPush = { type: 'recommendations', id: sub.id, data };
  try {
    ws.send(JSON.stringify(message));
  } catch {
    ws.close(1011, 'push failed');
  }
}

interface PushGroup {
  params: RecommendationParams;
  targets: PushTarget[];
  /** When the newest subscription of the group's sockets was made. */
  newest: number;
}

/**
 * The session's own answer (no `item=`, no `category=`): the one a visitor's event changes most.
 * A push computes it alone, ahead of the page's other widgets: side by side, every answer's CPU and
 * index queries slowed the others in the one isolate (the personal slot took 2-3 answers' time).
 */
const personal = ({ params }: PushGroup) => params.item === undefined && params.category === undefined;

/**
 * True while `target` is still on its socket as it was: a widget leaving the page (the page it
 * left unsubscribes a moment after its click was sent) is not computed in a later wave.
 */
function stillSubscribed({ ws, sub }: PushTarget): boolean {
  if (sub.id === undefined) return true; // the socket URL's own: it lasts as long as the socket
  try {
    return subsOf(ws).some((s) => s.id === sub.id && s.at === sub.at);
  } catch {
    return false; // the socket is gone
  }
}

/**
 * Recompute and push to every subscription (or only to `targets`). Subscriptions with the same
 * parameters share one computation. The current page's widgets (CURRENT_PAGE_MS) are computed
 * first: the session's own answer alone, then the others side by side, so each gets its answer as
 * soon as its own is ready; the widgets of pages left behind follow once those are sent, rather
 * than queueing ahead of them for the index and the model. A wave leaves out the subscriptions
 * dropped while the one before it was computed. A failing computation is logged and skipped, never
 * thrown into the event path.
 */
export async function pushAll(
  ctx: DurableObjectState,
  compute: (params: RecommendationParams) => Promise<RecommendationResponse | undefined>,
  targets: readonly PushTarget[] = allTargets(ctx),
): Promise<number> {
  const socketNewest = new Map<WebSocket, number>();
  for (const { ws, sub } of targets) socketNewest.set(ws, Math.max(socketNewest.get(ws) ?? 0, sub.at));
  const groups = new Map<string, PushGroup>();
  for (const target of targets) {
    const { params } = target.sub;
    const key = JSON.stringify(params);
    const group = groups.get(key) ?? { params, targets: [], newest: 0 };
    group.targets.push(target);
    group.newest = Math.max(group.newest, socketNewest.get(target.ws)!);
    groups.set(key, group);
  }
  const all = [...groups.values()];
  const latest = Math.max(0, ...all.map((g) => g.newest));
  const current = all.filter((g) => g.newest >= latest - CURRENT_PAGE_MS);
  const waves = [
    current.filter(personal),
    current.filter((g) => !personal(g)),
    all.filter((g) => g.newest < latest - CURRENT_PAGE_MS),
  ];
  let sent = 0;
  for (const wave of waves) {
    const live = wave
      .map((g) => ({ ...g, targets: g.targets.filter(stillSubscribed) }))
      .filter((g) => g.targets.length > 0);
    for (const n of await Promise.all(live.map((g) => pushGroup(g, compute)))) sent += n;
  }
  return sent;
}

/** Compute one group's answer and send it to its subscriptions; answers how many were sent. */
async function pushGroup(
  { params, targets }: PushGroup,
  compute: (params: RecommendationParams) => Promise<RecommendationResponse | undefined>,
): Promise<number> {
  try {
    const data = await compute(params);
    if (!data) return 0;
    for (const target of targets) send(target, data);
    return targets.length;
  } catch (err) {
    console.error(JSON.stringify({ level: 'error', event: 'push_failed', message: String(err) }));
    return 0;
  }
}
