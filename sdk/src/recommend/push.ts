/**
 * Fresh recommendations pushed by the edge (`GET /v1/recommendations/ws`, one WebSocket per
 * subscribed request): the session's Durable Object sends a new answer whenever the session
 * changes, so the page does not have to poll. A socket that fails is simply dropped (the next
 * action falls back to a plain request).
 */
import type { RecommendationResponse } from '../../../contracts/recommendations.ts';
import { parseAnswer } from './answer.ts';

/** Open sockets by cache key; `onAnswer` hears every valid push. */
export function createPush(onAnswer: (key: string, answer: RecommendationResponse) => void) {
  const sockets = new Map<string, WebSocket>();
  const wanted = new Map<string, string>(); // key -> url: what to reopen after the back/forward cache
  const open = (key: string, url: string): void => {
    wanted.set(key, url);
    if (sockets.has(key) || typeof WebSocket !== 'function') return;
    try {
      const ws = new WebSocket(url);
      sockets.set(key, ws);
      ws.onmessage = (m) => {
        try {
          const msg = JSON.parse(m.data);
          const answer = msg?.type === 'recommendations' && parseAnswer(msg.data);
          if (answer) onAnswer(key, answer);
        } catch {}
      };
      ws.onclose = () => {
        if (sockets.get(key) === ws) sockets.delete(key);
      };
    } catch {}
  };
  const drop = (key?: string): void => {
    for (const [k, ws] of sockets) {
      if (key !== undefined && k !== key) continue;
      sockets.delete(k);
      ws.onmessage = null; // a socket we closed delivers nothing more
      ws.close();
    }
  };
  // An open WebSocket keeps the page out of the back/forward cache: close on pagehide, reopen
  // (the edge pushes a fresh answer on connect) when the page comes back from that cache.
  // https://web.dev/articles/bfcache#close-open-connections
  addEventListener('pagehide', () => drop());
  addEventListener('pageshow', (e) => {
    if (e.persisted) for (const [key, url] of wanted) open(key, url);
  });
  return {
    /** Open the socket for `key` at `url` (ws:// or wss://) unless it is open already. */
    open,
    /** True while the socket for `key` is open (pushes will come). */
    live: (key: string) => sockets.get(key)?.readyState === 1,
    /**
     * Send `data` up one open socket (they all reach the session's object, which pushes to every
     * one of them); false when none is open.
     */
    send(data: string): boolean {
      const ws = [...sockets.values()].find((s) => s.readyState === 1);
      ws?.send(data);
      return !!ws;
    },
    /** Close the socket of `key`, or all of them, for good (not reopened after the bfcache). */
    close(key?: string): void {
      if (key === undefined) wanted.clear();
      else wanted.delete(key);
      drop(key);
    },
  };
}
