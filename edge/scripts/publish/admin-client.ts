/** The Worker's admin API as `publish-model` uses it (Bearer ADMIN_TOKEN, JSON errors surfaced). */

/** A thin typed client over fetch. */
export class AdminClient {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  /**
   * Call `path`; non-2xx responses throw with the API's error message. Every admin call is
   * idempotent (uploads and upserts replace), so a dropped keep-alive connection is retried once.
   */
  async call<T>(method: string, path: string, body?: BodyInit): Promise<T | undefined> {
    const init = { method, body, headers: { authorization: `Bearer ${this.token}` } };
    let res: Response;
    try {
      res = await fetch(`${this.url}${path}`, init);
    } catch {
      res = await fetch(`${this.url}${path}`, init);
    }
    if (res.status === 404 && method === 'GET') return undefined;
    if (!res.ok) {
      const text = await res.text();
      let message = text;
      try {
        message = (JSON.parse(text) as { error: { message: string } }).error.message;
      } catch {}
      throw new Error(`${method} ${path}: ${res.status} ${message}`);
    }
    return res.status === 204 ? undefined : ((await res.json()) as T);
  }
}
