import { describe, expect, it } from 'vitest';
import { PROPS_SHAPE } from '../../contracts/json-shape.ts';
import { MAX_BODY_BYTES, MAX_EVENTS_PER_BATCH } from '../../contracts/schema/events.ts';
import { ORIGIN, postEvents, storedSession, uid, viewBatch } from './helpers.ts';

describe('POST /v1/events accepts', () => {
  it('a valid batch with 202 { accepted, duplicates } and stores it', async () => {
    const sessionId = uid('s');
    const res = await postEvents(viewBatch(sessionId, 3), { origin: ORIGIN });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 3, duplicates: 0 });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
    expect(res.headers.get('X-Request-Id')).toBeTruthy();
    const stored = await storedSession(sessionId);
    expect(stored?.events.map((e) => e.itemId)).toEqual(['i0', 'i1', 'i2']);
    expect(stored?.events.every((e) => e.type === 'view')).toBe(true);
  });

  it('a text/plain body (sendBeacon) with the key in the X-Rec-Key header', async () => {
    const sessionId = uid('s');
    const res = await postEvents(JSON.stringify(viewBatch(sessionId, 1)), {
      key: null,
      headers: { 'Content-Type': 'text/plain;charset=UTF-8', 'X-Rec-Key': 'demo' },
    });
    expect(res.status).toBe(202);
    expect((await storedSession(sessionId))?.events).toHaveLength(1);
  });

  it('GA4 and Segment names, normalised to the internal vocabulary', async () => {
    const sessionId = uid('s');
    const batch = viewBatch(sessionId, 2);
    batch.events[0].type = 'add_to_cart';
    batch.events[1].type = 'Order Completed';
    expect((await postEvents(batch)).status).toBe(202);
    expect((await storedSession(sessionId))?.events.map((e) => e.type)).toEqual(['cart_add', 'purchase']);
  });
});

describe('POST /v1/events rejects, storing nothing:', () => {
  async function expectError(res: Response, status: number, code: string, path?: string) {
    expect(res.status).toBe(status);
    const body = await res.json<{ error: { code: string; message: string; path: string } }>();
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(0);
    if (path !== undefined) expect(body.error.path).toBe(path);
    return body.error;
  }

  it('bad JSON → 400 invalid_json', async () => {
    const sessionId = uid('s');
    const text = JSON.stringify(viewBatch(sessionId, 2)).slice(0, -3);
    const error = await expectError(await postEvents(text), 400, 'invalid_json', 'body');
    expect(error.message).toMatch(/not valid JSON/);
    expect(await storedSession(sessionId)).toBeNull();
  });

  describe('props beyond the shape limits → 400 naming props, nothing stored:', () => {
    const deep = (levels: number): unknown => {
      let v: unknown = 1;
      for (let i = 0; i < levels; i++) v = [v];
      return v;
    };
    it.each([
      // 2,000 levels once reached SQLite's JSON functions (depth limit 1,000) and came back as a 500.
      ['arrays nested 2,000 levels', { a: deep(2000) }, /nesting deeper/],
      ['arrays nested one level too deep', { a: deep(PROPS_SHAPE.maxDepth) }, /nesting deeper/],
      ['a __proto__ key', JSON.parse('{"a":{"__proto__":{"admin":true}}}'), /__proto__ is not allowed/],
      ['a constructor key', { constructor: 'x' }, /constructor is not allowed/],
      // Found by the fuzz suite: an array passed as props and was stored.
      ['an array', [], /props must be an object/],
      ['a number JSON parses as Infinity', '1e400', /finite/],
      ['too many keys', Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, 0])), /more than/],
    ])('%s', async (_, props, message) => {
      const sessionId = uid('s');
      const batch = viewBatch(sessionId, 2);
      const text =
        props === '1e400'
          ? JSON.stringify(batch).replace('"events":[{', '"events":[{"props":{"price":1e400},')
          : JSON.stringify({ ...batch, events: [batch.events[0], { ...batch.events[1], props }] });
      const error = await expectError(await postEvents(text), 400, 'invalid_body');
      expect(error.message).toMatch(message);
      expect(error.path).toMatch(/^events\.\d\.props|^events/);
      expect(await storedSession(sessionId)).toBeNull();
    });
    it('the deepest props allowed are stored and read back as sent', async () => {
      const sessionId = uid('s');
      const batch = viewBatch(sessionId, 1);
      const props = { a: deep(PROPS_SHAPE.maxDepth - 2), title: 'ok' };
      batch.events[0].props = props;
      expect((await postEvents(batch)).status).toBe(202);
      expect((await storedSession(sessionId))?.events[0]?.props).toEqual(props);
    });
  });

  it('an empty body → 400 invalid_json', async () => {
    await expectError(await postEvents(''), 400, 'invalid_json', 'body');
  });

  it('one bad event in a batch → 400 naming its field; the good events are not stored', async () => {
    const sessionId = uid('s');
    const batch = viewBatch(sessionId, 5);
    (batch.events[3] as { ts: unknown }).ts = 'yesterday';
    const error = await expectError(await postEvents(batch), 400, 'invalid_body', 'events.3.ts');
    expect(error.message).toMatch(/ts must be a number/);
    expect(await storedSession(sessionId)).toBeNull();
  });

  it('an unknown event type → 400 at events.N.type', async () => {
    const sessionId = uid('s');
    const batch = viewBatch(sessionId, 2);
    batch.events[1].type = 'Product Teleported';
    await expectError(await postEvents(batch), 400, 'invalid_body', 'events.1.type');
    expect(await storedSession(sessionId)).toBeNull();
  });

  it('a missing consent field → 400 at consent.analytics', async () => {
    const sessionId = uid('s');
    const batch = { ...viewBatch(sessionId, 1), consent: { personalization: true } };
    await expectError(await postEvents(batch), 400, 'invalid_body', 'consent.analytics');
    expect(await storedSession(sessionId)).toBeNull();
  });

  it(`more than ${MAX_EVENTS_PER_BATCH} events → 400 at events`, async () => {
    const sessionId = uid('s');
    const error = await expectError(
      await postEvents(viewBatch(sessionId, MAX_EVENTS_PER_BATCH + 1)),
      400,
      'invalid_body',
      'events',
    );
    expect(error.message).toMatch(String(MAX_EVENTS_PER_BATCH));
    expect(await storedSession(sessionId)).toBeNull();
  });

  it('a body over the limit → 413, whether declared by Content-Length or streamed without one', async () => {
    const sessionId = uid('s');
    const batch = viewBatch(sessionId, 1);
    batch.events[0].props = { pad: 'x'.repeat(MAX_BODY_BYTES) };
    await expectError(await postEvents(batch), 413, 'body_too_large', 'body');
    // A stream has no Content-Length: the limit must hold on the bytes actually read.
    const bytes = new TextEncoder().encode(JSON.stringify(batch));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.slice(i, i + 8192));
        controller.close();
      },
    });
    const { exports } = await import('cloudflare:workers');
    const res = await exports.default.fetch('http://localhost/v1/events?key=demo', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: stream,
    });
    await expectError(res, 413, 'body_too_large', 'body');
    expect(await storedSession(sessionId)).toBeNull();
  });

  it('no site key or an unknown one → 401', async () => {
    const sessionId = uid('s');
    await expectError(
      await postEvents(viewBatch(sessionId, 1), { key: null }),
      401,
      'missing_site_key',
      'key',
    );
    await expectError(
      await postEvents(viewBatch(sessionId, 1), { key: 'nope' }),
      401,
      'unknown_site_key',
      'key',
    );
    expect(await storedSession(sessionId)).toBeNull();
  });

  it('an origin the key does not allow → 403, without CORS headers', async () => {
    const sessionId = uid('s');
    const res = await postEvents(viewBatch(sessionId, 1), { origin: 'https://evil.example' });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
    await expectError(res, 403, 'origin_not_allowed', 'Origin');
    expect(await storedSession(sessionId)).toBeNull();
  });

  it('another content type → 415', async () => {
    const sessionId = uid('s');
    const res = await postEvents(viewBatch(sessionId, 1), { headers: { 'Content-Type': 'application/xml' } });
    await expectError(res, 415, 'unsupported_media_type', 'Content-Type');
    expect(await storedSession(sessionId)).toBeNull();
  });

  it('errors for an allowed origin carry CORS headers so the SDK can read them', async () => {
    const res = await postEvents('{', { origin: ORIGIN });
    expect(res.status).toBe(400);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
  });
});

describe('CORS preflight', () => {
  const preflight = async (origin: string, query = '') => {
    const { exports } = await import('cloudflare:workers');
    return exports.default.fetch(`http://localhost/v1/events${query}`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, x-rec-key',
      },
    });
  };

  it('is answered for an allowed origin, allowing Content-Type and X-Rec-Key', async () => {
    const res = await preflight(ORIGIN);
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('POST');
    expect(res.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toBe('content-type,x-rec-key');
    expect(Number(res.headers.get('Access-Control-Max-Age'))).toBeGreaterThan(0);
  });

  it('grants nothing to an origin no key allows, or that the named key does not allow', async () => {
    expect((await preflight('https://evil.example')).headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect((await preflight(ORIGIN, '?key=nope')).headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});

it('unknown API routes answer JSON 404', async () => {
  const { exports } = await import('cloudflare:workers');
  const res = await exports.default.fetch('http://localhost/v1/nope');
  expect(res.status).toBe(404);
  expect((await res.json<{ error: { code: string } }>()).error.code).toBe('not_found');
});
