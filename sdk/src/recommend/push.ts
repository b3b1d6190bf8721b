/**
 * Fresh recommendations pushed by the edge over one WebSocket per page (`GET
 * /v1/recommendations/ws?key=&session=`) that carries every subscribed request: the page sends a
 * `subscribe` message per request (named by its cache key) and the session's Durable Object pushes
 * it a first answer, then a new one whenever the session changes, so the page does not have to
 * poll. One socket, not one per widget: a page with eight widgets waited for eight upgrades. A
 * socket that fails is simply dropped (the next action falls back to a plain request).
 */
import type { SocketMessage } from '../../../contracts/push-socket.ts';
import type { RecommendationResponse } from '../../../contracts/recommendations.ts';
import { parseAnswer } from './answer.ts';

/**
 * The page's push socket; `onAnswer` hears every valid push by the subscription's key, and
 * `undefined` for a subscription the edge refused.
 */
export function createPush(onAnswer: (key: string, answer?: RecommendationResponse) => void) {
  let ws: WebSocket | undefined;
  let url = '';
  let hidden = false; // between pagehide and pageshow: a socket opened then would keep the page out of the bfcache
  const wanted = new Map<string, string>(); // key -> query: what the socket carries (and reopens with)
  const isOpen = () => ws?.readyState === 1;
  /** Send up the socket if it is open; false when it is not. */
  const send = (data: string): boolean => {
    const open = isOpen();
    if (open) ws!.send(data);
    return open;
  };
  const up = (m: SocketMessage) => send(JSON.stringify(m));
  const subscribe = (query: string, id: string) => up({ type: 'subscribe', id, query });
  const connect = (): void => {
    if (ws || hidden || !wanted.size || typeof WebSocket !== 'function') return;
    try {
      const s = new WebSocket(url);
      ws = s;
      s.onopen = () => wanted.forEach(subscribe);
      s.onmessage = (m) => {
        try {
          // A push (`RecommendationPush`) or an answer (`SocketEventsAnswer`), by subscription id.
          const { type, id, data } = JSON.parse(m.data) as {
            type: string;
            id: string;
            data?: RecommendationResponse;
          };
          if (!wanted.has(id)) return;
          // A refused subscription (e.g. too many on the socket): the page asks for its answers.
          if (type === 'error') {
            wanted.delete(id);
            onAnswer(id);
          }
          const answer = type === 'recommendations' && parseAnswer(data);
          if (answer) onAnswer(id, answer);
        } catch {}
      };
      s.onclose = () => {
        if (ws === s) ws = undefined;
      };
    } catch {}
  };
  const drop = (): void => {
    if (ws) ws.onmessage = ws.onclose = null; // a socket we closed delivers nothing more
    ws?.close();
    ws = undefined;
  };
  // An open WebSocket keeps the page out of the back/forward cache: close on pagehide, reopen
  // (the edge pushes a fresh answer to each subscription) when the page comes back from that cache.
  // https://web.dev/articles/bfcache#close-open-connections
  addEventListener('pagehide', () => {
    hidden = true;
    drop();
  });
  addEventListener('pageshow', (e) => {
    hidden = false;
    if (e.persisted) connect();
  });
  return {
    /**
     * Carry the subscription `key` (`query`: its request) on the socket at `socketUrl` (the
     * session's: a new session closes the socket first), opening it if needed. True when it
     * subscribed on the open socket just now: the edge pushes it its first answer at once.
     */
    open(key: string, socketUrl: string, query: string): boolean {
      url = socketUrl;
      const changed = wanted.get(key) !== query;
      wanted.set(key, query);
      connect(); // when it opens, it subscribes everything wanted (as while it is connecting)
      return changed && subscribe(query, key);
    },
    /** True while the socket is open. */
    ready: isOpen,
    /** True while the socket is open with `key` on it (pushes will come). */
    live: (key: string) => isOpen() && wanted.has(key),
    /** Send `data` up the open socket; false when it is not open. */
    send,
    /**
     * Stop the pushes of `key`, or close the socket for good (not reopened after the bfcache). The
     * socket stays open without subscriptions: the next page's widgets subscribe on it.
     */
    close(key?: string): void {
      if (key === undefined) {
        wanted.clear();
        drop();
      } else if (wanted.delete(key)) up({ type: 'unsubscribe', id: key });
    },
  };
}
