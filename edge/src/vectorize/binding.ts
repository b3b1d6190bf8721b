/**
 * Which vector index the Worker uses. Item vectors live in two indexes used blue/green: a new model's
 * vectors are written into the slot the active model does not use, then the model is activated, so
 * every request queries vectors of the model that produced its session vector (and a new model may
 * even change the dimension).
 *
 * With `[[vectorize]]` bindings `VECTORIZE_A` / `VECTORIZE_B` in wrangler.toml (real Cloudflare
 * indexes `<VECTORIZE_INDEX>-a` / `-b`, see README "Deploying"), those; otherwise the local stand-in
 * Durable Objects of the same names. Vectorize has no local mode, so `npm start` and the tests run
 * without the bindings. Application code only sees the `Vectorize` interface.
 */
import { DurableVectorize } from './client.ts';

/** The two blue/green index slots. */
export const SLOTS = ['a', 'b'] as const;
export type Slot = (typeof SLOTS)[number];

/** The optional real bindings; absent from the generated `Env` because wrangler.toml ships without them. */
interface MaybeVectorizeEnv {
  VECTORIZE_A?: Vectorize;
  VECTORIZE_B?: Vectorize;
}

/** Name of a slot's index (real or stand-in). */
export function indexName(env: Env, slot: Slot): string {
  return `${env.VECTORIZE_INDEX}-${slot}`;
}

/** The slot's index: the real Vectorize binding when configured, else the local stand-in. */
export function vectorIndex(env: Env, slot: Slot): Vectorize {
  const real =
    slot === 'a'
      ? (env as Env & MaybeVectorizeEnv).VECTORIZE_A
      : (env as Env & MaybeVectorizeEnv).VECTORIZE_B;
  return real ?? localVectorIndex(env, indexName(env, slot));
}

/** True when real Vectorize bindings are configured (publishing then goes through wrangler). */
export function usesRealVectorize(env: Env): boolean {
  const e = env as Env & MaybeVectorizeEnv;
  return e.VECTORIZE_A !== undefined || e.VECTORIZE_B !== undefined;
}

/** A stand-in index by name (what `npm run publish-model` loads in development). */
export function localVectorIndex(env: Env, name: string): DurableVectorize {
  return new DurableVectorize(env.VECTOR_INDEX.getByName(name));
}
