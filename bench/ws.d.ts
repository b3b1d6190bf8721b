/** The part of `ws` the CPU profile uses (installed with miniflare, which wrangler pins; no types shipped). */
declare module 'ws' {
  export default class WebSocket {
    constructor(url: string);
    on(event: 'message', listener: (data: Buffer) => void): this;
    once(event: 'open', listener: () => void): this;
    once(event: 'error', listener: (err: Error) => void): this;
    send(data: string): void;
    close(): void;
  }
}
