/**
 * CORS for the event endpoint, answering preflights too. An origin is echoed back only when the
 * named site key allows it; a preflight usually names no key (the `X-Rec-Key` header itself is
 * what is being preflighted), so then any configured site allowing the origin suffices — the
 * actual request is still checked against its key by `siteKey()`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { originsOf } from '../config/site-keys.ts';
import { siteKeysFor } from '../config/site-registry.ts';
import type { AppEnv } from '../http/app-env.ts';
import { waitUntilOf } from './rate-limit.ts';
import { requestedSiteKey, SITE_KEY_HEADER } from './site-key.ts';

/** How long browsers may cache a preflight answer, in seconds. */
export const PREFLIGHT_MAX_AGE = 86_400;

async function allowedOrigin(origin: string, c: Context<AppEnv>): Promise<string | null> {
  if (!origin) return null;
  const keys = await siteKeysFor(c.env, waitUntilOf(c));
  const key = requestedSiteKey(c);
  if (key !== undefined) return originsOf(keys, key)?.includes(origin) ? origin : null;
  return Object.values(keys).some((site) => site.origins.includes(origin)) ? origin : null;
}

/** Middleware: CORS headers for allowed origins, and 204 answers to preflight requests. */
export function eventCors({ methods = ['POST'] }: { methods?: string[] } = {}): MiddlewareHandler<AppEnv> {
  return cors({
    origin: allowedOrigin,
    allowMethods: methods,
    allowHeaders: ['Content-Type', SITE_KEY_HEADER],
    maxAge: PREFLIGHT_MAX_AGE,
  });
}
