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
  return {
    /** Open the socket for `key` at `url` (ws:// or wss://) unless it is open already. */
    open(key: string, url: string): void {
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
    },
    /** True while the socket for `key` is open (pushes will come). */
    live: (key: string) => sockets.get(key)?.readyState === 1,
    /** Close the socket of `key`, or all of them. */
    close(key?: string): void {
      for (const [k, ws] of sockets) {
        if (key !== undefined && k !== key) continue;
        sockets.delete(k);
        ws.close();
      }
    },
  };
}
