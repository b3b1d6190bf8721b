/**
 * Push subscribers for the load benches: WebSockets on `/v1/recommendations/ws` that time each push
 * from the moment the bench sent the event that should cause it (`expect`). Needs a global
 * WebSocket (Node 20: `--experimental-websocket`).
 */
import { summarize } from './stats.ts';

/** What the subscribers saw: pushes expected and received, their latency, failures. */
export interface PushResult {
  expected: number;
  received: number;
  /** Expected pushes that never came, plus sockets that failed or closed early. */
  errors: number;
  missed: number;
  /** Close codes of sockets the server closed before the end. */
  closedEarly: number[];
  latencyMs: ReturnType<typeof summarize>;
}

/** Open one socket per path (each gets its first answer from model `version`); resolves when all are open. */
export async function openSubscribers(
  wsBase: string,
  paths: string[],
  version: string,
): Promise<{ expect(i: number): void; close(): Promise<PushResult> }> {
  const pending: (number | undefined)[] = paths.map(() => undefined);
  const latencies: number[] = [];
  let expected = 0;
  let errors = 0;
  let closing = false;
  const closedEarly: number[] = [];
  const sockets = await Promise.all(
    paths.map(
      (path, i) =>
        new Promise<WebSocket>((open, fail) => {
          const ws = new WebSocket(`${wsBase}${path}`);
          let first = true;
          ws.addEventListener('message', (e) => {
            const msg = JSON.parse(String(e.data)) as { type?: string; data?: { model?: string } };
            if (msg.type !== 'recommendations' || msg.data?.model !== version) return;
            if (first) {
              first = false;
              open(ws); // the first answer arrives on subscribing
              return;
            }
            const sentAt = pending[i];
            if (sentAt === undefined) return; // a later push for a batch already answered
            latencies.push(performance.now() - sentAt);
            pending[i] = undefined;
          });
          ws.addEventListener('error', () => {
            if (first) fail(new Error(`WebSocket ${path} failed`));
            else errors++;
          });
          ws.addEventListener('close', (e) => {
            if (closing) return;
            errors++;
            closedEarly.push(e.code);
          });
        }),
    ),
  );
  return {
    expect(i) {
      expected++;
      pending[i] ??= performance.now();
    },
    async close() {
      // Pushes for the last events may still be on their way.
      for (let t = 0; t < 50 && pending.some((p) => p !== undefined); t++)
        await new Promise((r) => setTimeout(r, 100));
      closing = true;
      for (const ws of sockets) ws.close();
      const missed = pending.filter((p) => p !== undefined).length;
      return {
        expected,
        received: latencies.length,
        errors: errors + missed,
        missed,
        closedEarly,
        latencyMs: summarize(latencies),
      };
    },
  };
}
