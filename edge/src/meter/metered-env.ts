/**
 * The Worker's bindings behind counting proxies (capacity meter, counts.ts): Durable Object calls
 * per binding and method, D1 queries with their `meta.rows_read` / `rows_written`, Queue messages and
 * bytes, R2 and rate-limit calls. Only built when the meter is on; the code under it sees the same
 * interfaces.
 */
import { count } from './counts.ts';

type Fn = (...args: unknown[]) => unknown;
type Binding = Record<string | symbol, unknown>;

const envs = new WeakMap<object, Env>();

const has = (b: Binding, ...methods: string[]) => methods.every((m) => typeof b[m] === 'function');

/** A proxy over `target` whose methods are `wrap(name, method bound to target)`. */
function methods(target: Binding, wrap: (name: string, method: Fn) => unknown): Binding {
  return new Proxy(target, {
    get(t, prop) {
      const value = t[prop];
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      return wrap(prop, (value as Fn).bind(t));
    },
  });
}

/** An RPC stub: every call counts as `do:<binding>.<method>` (properties such as `id` pass through). */
function stub(binding: string, target: Binding): Binding {
  return new Proxy(target, {
    get(t, prop) {
      if (typeof prop !== 'string' || prop === 'then' || prop === 'id' || prop === 'name') return t[prop];
      return (...args: unknown[]) => {
        count(`do:${binding}.${prop}`);
        return (t[prop] as Fn)(...args);
      };
    },
  });
}

function d1Meta(binding: string, result: unknown): void {
  const meta = (result as { meta?: { rows_read?: number; rows_written?: number } } | null)?.meta;
  count(`d1:${binding}.rowsRead`, meta?.rows_read ?? 0);
  count(`d1:${binding}.rowsWritten`, meta?.rows_written ?? 0);
}

const realStatements = new WeakMap<object, D1PreparedStatement>();

/** A prepared statement whose runs count; `first()` runs as `all()` so its rows are known too. */
function statement(binding: string, target: D1PreparedStatement): D1PreparedStatement {
  const wrapped = {
    bind: (...values: unknown[]) => statement(binding, target.bind(...values)),
    async all() {
      count(`d1:${binding}.calls`);
      count(`d1:${binding}.queries`);
      const result = await target.all();
      d1Meta(binding, result);
      return result;
    },
    async run() {
      count(`d1:${binding}.calls`);
      count(`d1:${binding}.queries`);
      const result = await target.run();
      d1Meta(binding, result);
      return result;
    },
    async first(column?: string) {
      const row = ((await wrapped.all()).results[0] ?? null) as Record<string, unknown> | null;
      return column === undefined ? row : (row?.[column] ?? null);
    },
    raw: (options?: { columnNames?: boolean }) => {
      count(`d1:${binding}.calls`);
      count(`d1:${binding}.queries`);
      return target.raw(options as { columnNames: true });
    },
  } as unknown as D1PreparedStatement;
  realStatements.set(wrapped, target);
  return wrapped;
}

function d1(binding: string, target: D1Database): D1Database {
  return methods(target as unknown as Binding, (name, method) => {
    if (name === 'prepare') return (sql: string) => statement(binding, method(sql) as D1PreparedStatement);
    if (name === 'batch')
      return async (list: D1PreparedStatement[]) => {
        count(`d1:${binding}.calls`);
        count(`d1:${binding}.queries`, list.length);
        const results = (await method(list.map((s) => realStatements.get(s) ?? s))) as unknown[];
        for (const r of results) d1Meta(binding, r);
        return results;
      };
    return (...args: unknown[]) => {
      count(`d1:${binding}.calls`);
      count(`d1:${binding}.${name}`);
      return method(...args);
    };
  }) as unknown as D1Database;
}

const bytes = (body: unknown) => JSON.stringify(body)?.length ?? 0;

function queue(binding: string, target: Binding): Binding {
  return methods(target, (name, method) => (...args: unknown[]) => {
    const list = name === 'sendBatch' ? (args[0] as { body: unknown }[]) : [{ body: args[0] }];
    count(`queue:${binding}.sends`);
    count(`queue:${binding}.messages`, list.length);
    count(
      `queue:${binding}.bytes`,
      list.reduce((n, m) => n + bytes(m.body), 0),
    );
    return method(...args);
  });
}

/** Count every call: `<kind>:<binding>.<method>`. */
const counted = (kind: string, binding: string, target: Binding) =>
  methods(target, (name, method) => (...args: unknown[]) => {
    count(`${kind}:${binding}.${name}`);
    return method(...args);
  });

function wrapBinding(name: string, b: Binding): unknown {
  if (has(b, 'idFromName', 'get'))
    return methods(b, (method, fn) =>
      method === 'get' || method === 'getByName'
        ? (...args: unknown[]) => stub(name, fn(...args) as Binding)
        : fn,
    );
  if (has(b, 'prepare', 'batch')) return d1(name, b as unknown as D1Database);
  if (has(b, 'send', 'sendBatch')) return queue(name, b);
  if (has(b, 'put', 'get', 'list', 'head')) return counted('r2', name, b);
  if (has(b, 'limit')) return counted('ratelimit', name, b);
  return b; // plain vars, assets
}

/** `env` with every binding counted; the same proxy for the same `env`. */
export function meteredEnv(env: Env): Env {
  let wrapped = envs.get(env);
  if (wrapped) return wrapped;
  const cache = new Map<string, unknown>();
  wrapped = new Proxy(env, {
    get(target, prop) {
      const value = (target as unknown as Binding)[prop];
      if (typeof prop !== 'string' || value === null || typeof value !== 'object') return value;
      if (!cache.has(prop)) cache.set(prop, wrapBinding(prop, value as Binding));
      return cache.get(prop);
    },
  });
  envs.set(env, wrapped);
  return wrapped;
}
