import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { app } from '../src/app.ts';
import { parseSiteKeys } from '../src/config/site-keys.ts';
import { tokensEqual } from '../src/middleware/admin-auth.ts';
import { ALARM_SLACK_MS, alarmNeedsMove, sessionTtlMs } from '../src/session/expiry.ts';
import { uid, viewBatch } from './helpers.ts';

describe('SITE_KEYS', () => {
  it('parses keys with their origins', () => {
    expect(parseSiteKeys('{"demo":{"origins":["http://localhost:8787","https://shop.example"]}}')).toEqual({
      demo: { origins: ['http://localhost:8787', 'https://shop.example'] },
    });
  });

  it('names what is wrong', () => {
    expect(parseSiteKeys(undefined)).toEqual({}); // no seed: every site key is in D1
    expect(() => parseSiteKeys('{demo}')).toThrow(/not valid JSON/);
    expect(() => parseSiteKeys('{"demo":{"origins":["https://shop.example/path"]}}')).toThrow(
      /demo\.origins\.0.*scheme:\/\/host/,
    );
    expect(() => parseSiteKeys('{"demo":{"origin":[]}}')).toThrow(/demo/);
    expect(() => parseSiteKeys('{"bad key":{"origins":[]}}')).toThrow(/site keys must be/);
  });

  it('a broken secret gives a JSON 500 with the request id, not a bare error page', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await app.request(
      '/v1/events?key=demo',
      { method: 'POST', body: JSON.stringify(viewBatch(uid('s'), 1)) },
      { ...env, SITE_KEYS: '{oops' },
    );
    const logged = spy.mock.calls.map((c) => JSON.parse(String(c[0])));
    spy.mockRestore();
    expect(res.status).toBe(500);
    const requestId = res.headers.get('X-Request-Id');
    expect(await res.json()).toEqual({
      error: { code: 'internal_error', message: `internal error (request id ${requestId})`, path: '' },
    });
    expect(logged).toContainEqual(
      expect.objectContaining({ level: 'error', requestId, error: expect.stringMatching(/SITE_KEYS/) }),
    );
  });
});

describe('admin token comparison', () => {
  it('is equality, whatever the lengths', async () => {
    expect(await tokensEqual('secret', 'secret')).toBe(true);
    expect(await tokensEqual('secret', 'secreT')).toBe(false);
    expect(await tokensEqual('secret', 'secret-and-more')).toBe(false);
    expect(await tokensEqual('', 'secret')).toBe(false);
  });
});

describe('SESSION_TTL_MINUTES', () => {
  it('defaults to 30 minutes when unset or invalid', () => {
    expect(sessionTtlMs('30')).toBe(30 * 60_000);
    expect(sessionTtlMs('5')).toBe(5 * 60_000);
    expect(sessionTtlMs(undefined)).toBe(30 * 60_000);
    expect(sessionTtlMs('soon')).toBe(30 * 60_000);
    expect(sessionTtlMs('0')).toBe(30 * 60_000);
  });
});

describe('alarm moves', () => {
  it('happen when no alarm is known or expiry moved by more than the slack', () => {
    expect(alarmNeedsMove(undefined, 1000)).toBe(true);
    expect(alarmNeedsMove(1000, 1000 + ALARM_SLACK_MS)).toBe(false);
    expect(alarmNeedsMove(1000, 1001 + ALARM_SLACK_MS)).toBe(true);
    // A retry alarm far before expiry is replaced by expiry (the next flush retries anyway).
    expect(alarmNeedsMove(1000, 1000 + 30 * 60_000)).toBe(true);
  });
});
