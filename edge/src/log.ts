/** Structured logs: one JSON object per line, so Workers Logs and `wrangler tail` can filter fields. */

/** Log `msg` with `fields` as one JSON line at `level`. */
export function log(
  level: 'info' | 'warn' | 'error',
  msg: string,
  fields: Record<string, unknown> = {},
): void {
  const line = JSON.stringify({ level, msg, ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}

/** The message and stack of anything thrown, for a log line. */
export function errorFields(err: unknown): { error: string; stack?: string } {
  return err instanceof Error ? { error: err.message, stack: err.stack } : { error: String(err) };
}
