/**
 * Retrain records through the real routes and R2: what `npm run retrain` stores (operator) and the
 * dashboard reads (a site's admin key), newest first, validated, a retried post not doubled, the
 * last 20 kept.
 */
import { describe, expect, it } from 'vitest';
import { MAX_RETRAIN_RECORDS, type RetrainRecord } from '../../../contracts/retrain.ts';
import { ADMIN_TOKEN } from '../helpers.ts';
import { call, errorOf, makeKey } from '../keys/client.ts';

const record = (candidate: string, decision: RetrainRecord['decision'] = 'promote'): RetrainRecord => ({
  at: new Date().toISOString(),
  decision,
  publishMode: 'auto',
  ...(decision === 'promote' && { published: `${candidate}-refit` }),
  candidate: { version: candidate, scores: { k: 20, hr: 0.71, mrr: 0.38, coverage: 0.9, n: 1200 } },
  active: { version: 'm-old', scores: { k: 20, hr: 0.7, mrr: 0.37, coverage: 0.92, n: 1200 } },
  margin: 0.02,
  reasons: ['HR@20 better: 0.7100 vs 0.7000', 'MRR@20 better: 0.3800 vs 0.3700'],
  range: { from: '2026-11-24T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', site: 'demo' },
  seconds: 186.2,
});
const post = (body: unknown, token = ADMIN_TOKEN) =>
  call('POST', '/v1/admin/models/retrains?key=demo', token, { body });
const read = async (token = ADMIN_TOKEN) => {
  const res = await call('GET', '/v1/admin/models/retrains?key=demo', token);
  expect(res.status).toBe(200);
  return (await res.json<{ retrains: RetrainRecord[] }>()).retrains;
};

describe('retrain records', () => {
  it('are stored by the operator and read newest first by the site’s admin', async () => {
    expect(await read()).toEqual([]);
    expect((await post(record('m-1'))).status).toBe(201);
    expect((await post(record('m-2', 'keep'))).status).toBe(201);
    const admin = (await makeKey('demo', 'admin')).secret;
    const seen = await read(admin);
    expect(seen.map((r) => [r.candidate.version, r.decision, r.published])).toEqual([
      ['m-2', 'keep', undefined],
      ['m-1', 'promote', 'm-1-refit'],
    ]);
    expect(seen[1]).toEqual({ ...record('m-1'), at: seen[1]!.at });
    // A site's admin may read what the deployment decided, not write it.
    const refused = await post(record('m-3'), admin);
    expect(refused.status).toBe(403);
    expect(await errorOf(refused)).toMatchObject({ code: 'forbidden_role' });
  });

  it('a retried post replaces its record; only the last 20 are kept', async () => {
    for (let i = 0; i < MAX_RETRAIN_RECORDS + 3; i++) await post(record(`r-${i}`));
    await post({ ...record('r-22'), seconds: 1 });
    const seen = await read();
    expect(seen).toHaveLength(MAX_RETRAIN_RECORDS);
    expect(seen[0]).toMatchObject({ candidate: { version: 'r-22' }, seconds: 1 });
    expect(seen.at(-1)!.candidate.version).toBe('r-3');
  });

  it('bad records are refused naming the field, and nothing is stored', async () => {
    const before = await read();
    const cases: [unknown, string][] = [
      [{ ...record('b-1'), decision: 'maybe' }, 'decision'],
      [
        { ...record('b-1'), candidate: { version: 'b 1', scores: record('b').candidate.scores } },
        'candidate.version',
      ],
      [
        { ...record('b-1'), active: { version: 'a', scores: { ...record('b').candidate.scores, hr: 1.5 } } },
        'active.scores.hr',
      ],
      [{ ...record('b-1'), at: 'yesterday' }, 'at'],
      [{ ...record('b-1'), extra: true }, 'extra'],
    ];
    for (const [body, path] of cases) {
      const res = await post(body);
      expect(res.status, path).toBe(400);
      expect(await errorOf(res), path).toMatchObject({ code: 'invalid_body', path });
    }
    expect(await read()).toEqual(before);
  });
});
