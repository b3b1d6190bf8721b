/**
 * Which vector index the Worker uses. With a `[[vectorize]]` binding named `VECTORIZE` in
 * wrangler.toml (a real Cloudflare index, see README "Deploying"), that one; otherwise the local
 * stand-in Durable Object named `VECTORIZE_INDEX`. Vectorize has no local mode, so `npm start` and the
 * tests always run without the binding. Application code only sees the `Vectorize` interface.
 */
import { DurableVectorize } from './client.ts';

/** The optional real binding; absent from the generated `Env` because wrangler.toml ships without it. */
interface MaybeVectorizeEnv {
  VECTORIZE?: Vectorize;
}

/** The configured index: the real Vectorize binding when present, else the local stand-in. */
export function vectorIndex(env: Env): Vectorize {
  return (env as Env & MaybeVectorizeEnv).VECTORIZE ?? localVectorIndex(env);
}

/** The stand-in index (also what `npm run publish-model` loads in development). */
export function localVectorIndex(env: Env, name: string = env.VECTORIZE_INDEX): DurableVectorize {
  return new DurableVectorize(env.VECTOR_INDEX.getByName(name));
}
