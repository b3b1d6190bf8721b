/**
 * Durable Object classes under the capacity meter (counts.ts): with the meter on, an object's SQL
 * statements (and their cursors' `rowsRead` / `rowsWritten`) and alarm / bulk storage calls count
 * under its class name, and its `env` is the counted one. With it off, the class behaves as `Base`.
 */
import { count, countCursor, meterEnabled } from './counts.ts';
import { meteredEnv } from './metered-env.ts';

type ObjectClass = new (ctx: DurableObjectState, env: Env) => object;

// Storage calls billed besides SQL rows (an alarm set is a row written, docs "Durable Objects pricing").
const STORAGE_CALLS = ['setAlarm', 'deleteAlarm', 'deleteAll', 'get', 'put', 'delete', 'list'] as const;

/** Count what `storage` does, as class `owner`. Patches this object's own storage only. */
function meterStorage(storage: DurableObjectStorage, owner: string): void {
  const sql = storage.sql;
  const exec = sql.exec.bind(sql);
  sql.exec = ((query: string, ...bindings: unknown[]) => {
    const cursor = exec(query, ...bindings);
    countCursor(owner, cursor);
    return cursor;
  }) as typeof sql.exec;
  const calls = storage as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of STORAGE_CALLS) {
    const real = calls[name]!.bind(storage);
    calls[name] = (...args: unknown[]) => {
      count(`storage:${owner}.${name}`);
      return real(...args);
    };
  }
}

/** `Base`, metered when its `env` turns the meter on; export this under the name wrangler.toml binds. */
export function metered<T extends ObjectClass>(Base: T, owner: string): T {
  const Metered = class extends (Base as ObjectClass) {
    constructor(ctx: DurableObjectState, env: Env) {
      const on = meterEnabled(env);
      if (on) meterStorage(ctx.storage, owner);
      super(ctx, on ? meteredEnv(env) : env);
    }
  };
  return Metered as unknown as T;
}
