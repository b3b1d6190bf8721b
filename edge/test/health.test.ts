import { exports } from 'cloudflare:workers';
import { expect, it } from 'vitest';

it('answers liveness on /v1/health', async () => {
  const res = await exports.default.fetch('http://localhost/v1/health');
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ ok: true });
});
