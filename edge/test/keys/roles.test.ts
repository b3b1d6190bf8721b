/**
 * Roles, table-driven: every admin and catalogue route × every kind of credential (none, the public
 * key, a server key, an admin key, an admin key of another site, the operator token). A credential
 * with the role gets the route's own answer; without a credential 401; with too weak a role 403
 * naming the role needed; another site's key 403 naming the site.
 */
import { runInDurableObject } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/api-keys.ts';
import { ADMIN_TOKEN, postEvents, sessionObject, uid, viewBatch } from '../helpers.ts';
import { call, errorOf, makeKey } from './client.ts';

const SITE = 'demo';
const OTHER = 'shop2';

type Kind = 'none' | 'public' | 'server' | 'admin' | 'otherAdmin' | 'otherServer' | 'operator';
const tokens: Record<Kind, string | null> = {
  none: null,
  public: SITE,
  server: '',
  admin: '',
  otherAdmin: '',
  otherServer: '',
  operator: ADMIN_TOKEN,
};
const HELD: Record<Exclude<Kind, 'none'>, Role> = {
  public: 'public',
  server: 'server',
  admin: 'admin',
  otherAdmin: 'admin',
  otherServer: 'server',
  operator: 'operator',
};
const RANK: Role[] = ['public', 'server', 'admin', 'operator'];

interface Route {
  method: string;
  path: string;
  role: Role;
  body?: unknown;
  headers?: Record<string, string>;
}

const q = `key=${SITE}`;
const ROUTES: Route[] = [
  { method: 'GET', path: `/v1/catalog/items?${q}`, role: 'server' },
  { method: 'POST', path: `/v1/catalog/items?${q}`, role: 'server', body: [{ id: 'r1', title: 'R1' }] },
  { method: 'GET', path: `/v1/catalog/items/r1?${q}`, role: 'server' },
  { method: 'PUT', path: `/v1/catalog/items/r2?${q}`, role: 'server', body: { title: 'R2' } },
  { method: 'PATCH', path: `/v1/catalog/items/r2?${q}`, role: 'server', body: { price: 2 } },
  { method: 'DELETE', path: `/v1/catalog/items/r3?${q}`, role: 'server' },
  { method: 'GET', path: `/v1/sessions/s-roles-matrix?${q}`, role: 'admin' },
  { method: 'DELETE', path: `/v1/sessions/s-roles-matrix?${q}`, role: 'admin' },
  { method: 'GET', path: `/v1/experiments/home-diversity?${q}`, role: 'admin' },
  { method: 'GET', path: `/v1/admin/log?${q}&from=0&to=1000`, role: 'admin' },
  { method: 'GET', path: `/v1/admin/audit?${q}`, role: 'admin' },
  { method: 'GET', path: `/v1/admin/keys?${q}`, role: 'admin' },
  // Bodies and ids an authorised caller gets a 400 / 404 for: the matrix makes no keys.
  { method: 'POST', path: `/v1/admin/keys?${q}`, role: 'admin', body: { role: 'owner' } },
  { method: 'POST', path: `/v1/admin/keys/sk_demo_000000000000/rotate?${q}`, role: 'admin' },
  { method: 'DELETE', path: `/v1/admin/keys/sk_demo_000000000000?${q}`, role: 'admin' },
  { method: 'GET', path: `/v1/users/u-roles-matrix/export?${q}`, role: 'admin' },
  { method: 'DELETE', path: `/v1/users/u-roles-matrix?${q}`, role: 'admin' },
  { method: 'GET', path: `/v1/admin/config?${q}`, role: 'admin' },
  { method: 'PUT', path: `/v1/admin/config?${q}`, role: 'admin', body: { colour: 'red' } },
  { method: 'GET', path: `/v1/admin/config/versions?${q}`, role: 'admin' },
  { method: 'GET', path: `/v1/admin/config/versions/1?${q}`, role: 'admin' },
  { method: 'GET', path: `/v1/admin/sites?${q}`, role: 'admin' },
  { method: 'GET', path: `/v1/admin/sites/versions?${q}`, role: 'admin' },
  { method: 'PUT', path: `/v1/admin/sites?${q}`, role: 'admin', body: { origins: 'x' } },
  // A stale version: the operator's 412 leaves the site in place for the other routes.
  { method: 'DELETE', path: `/v1/admin/sites?${q}`, role: 'operator', headers: { 'If-Match': '"9"' } },
  { method: 'GET', path: `/v1/admin/models/active?${q}`, role: 'admin' },
  { method: 'GET', path: `/v1/admin/models/history?${q}`, role: 'admin' },
  { method: 'GET', path: `/v1/admin/models/retrains?${q}`, role: 'admin' },
  { method: 'POST', path: `/v1/admin/models/retrains?${q}`, role: 'operator', body: { decision: 'x' } },
  // A refused run for the operator too (evalFraction out of range): no Workflow is started.
  {
    method: 'POST',
    path: `/v1/admin/models/retrains/runs?${q}`,
    role: 'operator',
    body: { evalFraction: 9 },
  },
  { method: 'GET', path: `/v1/admin/models/retrains/runs/none?${q}`, role: 'admin' },
  { method: 'GET', path: `/v1/admin/models/v1/manifest.json?${q}`, role: 'admin' },
  { method: 'PUT', path: `/v1/admin/models/v1/nope?${q}`, role: 'operator', body: 'x' },
  { method: 'POST', path: `/v1/admin/models/v1/activate?${q}&slot=z`, role: 'operator' },
  { method: 'POST', path: `/v1/admin/models/rollback?${q}`, role: 'operator' },
  { method: 'GET', path: `/v1/admin/indexes/z?${q}`, role: 'operator' },
  { method: 'PUT', path: `/v1/admin/indexes/z?${q}`, role: 'operator', body: { dimensions: 'x' } },
  { method: 'DELETE', path: `/v1/admin/indexes/z?${q}`, role: 'operator' },
];

/** What `kind` must be answered on a route needing `role`: a status and error code, or 'allowed'. */
function expected(kind: Kind, role: Role): { status: number; code: string } | 'allowed' {
  if (kind === 'none') return { status: 401, code: 'unauthorized' };
  if (RANK.indexOf(HELD[kind]) < RANK.indexOf(role)) return { status: 403, code: 'forbidden_role' };
  if (kind === 'otherAdmin' || kind === 'otherServer') return { status: 403, code: 'wrong_site' };
  return 'allowed';
}

beforeAll(async () => {
  tokens.server = (await makeKey(SITE, 'server')).secret;
  tokens.admin = (await makeKey(SITE, 'admin')).secret;
  tokens.otherAdmin = (await makeKey(OTHER, 'admin')).secret;
  tokens.otherServer = (await makeKey(OTHER, 'server')).secret;
});

describe('roles: every route × every credential', () => {
  for (const route of ROUTES) {
    it(`${route.method} ${route.path.split('?')[0]} needs ${route.role}`, async () => {
      for (const kind of Object.keys(tokens) as Kind[]) {
        const res = await call(route.method, route.path, tokens[kind], {
          body: route.body,
          headers: route.headers,
        });
        const want = expected(kind, route.role);
        const seen = `${kind} → ${res.status}`;
        if (want === 'allowed') {
          expect([401, 403], seen).not.toContain(res.status);
          expect(res.status, seen).toBeLessThan(500);
          await res.body?.cancel();
          continue;
        }
        expect(res.status, seen).toBe(want.status);
        const error = await errorOf(res);
        expect(error.code, seen).toBe(want.code);
        if (want.code === 'forbidden_role') {
          expect(error.message).toContain(`needs the ${route.role} role`);
          expect(error.path).toBe('Authorization');
        }
        if (want.code === 'wrong_site')
          expect(error).toMatchObject({ path: 'key', message: expect.stringContaining(OTHER) });
        if (want.status === 401) expect(res.headers.get('WWW-Authenticate')).toBe('Bearer');
      }
    });
  }

  it('a site key cannot reach deployment-wide data by naming no site', async () => {
    const res = await call('GET', '/v1/admin/log?from=0&to=1000', tokens.admin);
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toMatchObject({ code: 'wrong_site', path: 'key' });
    expect((await call('GET', '/v1/admin/log?from=0&to=1000', ADMIN_TOKEN)).status).toBe(200);
  });

  it('a malformed or tampered secret proves nothing: 401', async () => {
    const server = tokens.server!;
    const flipped = server.slice(0, -1) + (server.endsWith('0') ? '1' : '0');
    for (const token of [flipped, `${server}x`, server.replace(`_${SITE}_`, `_${OTHER}_`)]) {
      const res = await call('GET', `/v1/catalog/items?${q}`, token);
      expect(res.status, token).toBe(401);
      expect(await res.text()).not.toContain(server);
    }
  });
});

describe('server-side events: the public route with a credential', () => {
  const post = (kind: Kind, site = SITE) =>
    postEvents(viewBatch(uid('s'), 1), {
      key: site,
      headers: tokens[kind] === null ? {} : { Authorization: `Bearer ${tokens[kind]}` },
    });

  it('a browser (no credential), a server key, an admin key, the operator: accepted', async () => {
    for (const kind of ['none', 'server', 'admin', 'operator'] as const)
      expect((await post(kind)).status, kind).toBe(202);
  });

  it('the public key as a credential, another site’s key or a bad secret: refused', async () => {
    const pub = await post('public');
    expect(pub.status).toBe(403);
    expect(await errorOf(pub)).toMatchObject({ code: 'forbidden_role', path: 'Authorization' });
    const other = await post('otherServer');
    expect(other.status).toBe(403);
    expect(await errorOf(other)).toMatchObject({ code: 'wrong_site', path: 'key' });
    const bad = await postEvents(viewBatch(uid('s'), 1), { headers: { Authorization: 'Bearer sk_nope' } });
    expect(bad.status).toBe(401);
  });

  it('recommendations, their socket and forget need only the site key: any credential or none', async () => {
    const session = uid('s');
    const routes = [
      ['GET', `/v1/recommendations?key=${SITE}&session=${session}&placement=home`, {}],
      [
        'GET',
        `/v1/recommendations/ws?key=${SITE}&session=${session}&placement=home`,
        { Upgrade: 'websocket' },
      ],
      ['POST', `/v1/sessions/${session}/forget?key=${SITE}`, {}],
    ] as const;
    for (const [method, path, headers] of routes) {
      for (const kind of Object.keys(tokens) as Kind[]) {
        const res = await call(method, path, tokens[kind], { headers: { ...headers } });
        expect([401, 403], `${path} ${kind}`).not.toContain(res.status);
        res.webSocket?.accept();
        res.webSocket?.close(1000, 'done');
        await res.body?.cancel();
      }
    }
  });

  it('a server key is not limited per address, and its HTTP library is not taken for a bot', async () => {
    // Site `tight` limits events and new sessions to 3 per 10 s per address (test/vitest.config.ts).
    const { secret } = await makeKey('tight', 'server');
    const from = { 'CF-Connecting-IP': '203.0.113.77', 'User-Agent': 'node-fetch/3.0' };
    const send = async (headers: Record<string, string>) => {
      const sessionId = uid('s');
      const res = await postEvents(viewBatch(sessionId, 1), { key: 'tight', headers });
      return { sessionId, status: res.status };
    };
    const byServer = [];
    for (let i = 0; i < 7; i++) byServer.push(await send({ ...from, Authorization: `Bearer ${secret}` }));
    expect(byServer.map((r) => r.status)).toEqual(Array(7).fill(202));
    // Seven from one address without it: at least four fall in one 10-s window.
    const byClient = [];
    for (let i = 0; i < 7; i++) byClient.push(await send(from));
    expect(byClient.map((r) => r.status)).toContain(429);
    const bot = (sessionId: string) =>
      runInDurableObject(sessionObject(sessionId, 'tight'), (_, state) =>
        state.storage.sql.exec(`SELECT value FROM meta WHERE key = 'bot'`).toArray(),
      );
    expect(await bot(byServer[0]!.sessionId)).toEqual([]);
    expect(await bot(byClient[0]!.sessionId)).toEqual([{ value: 'bot_user_agent' }]);
  });
});
