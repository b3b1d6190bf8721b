import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import type { UserProfileDO } from '../../src/objects/user-profile-do.ts';
import { profileStub } from '../../src/people/profile-name.ts';
import { PROFILE_HISTORY_LIMIT } from '../../src/people/profile-store.ts';
import { uid } from '../helpers.ts';
import { profileItems, recentItems, send, views } from './people-helpers.ts';

const wait = { timeout: 5_000, interval: 50 };

describe('returning visitors (identify + personalization consent)', () => {
  it("starts a signed-in visitor's new session from their last items instead of cold", async () => {
    const user = uid('u');
    const first = uid('s');
    await send(views(first, ['a1', 'a2', 'a3'], { userId: user, ts: Date.now() - 3_600_000 }));
    await vi.waitFor(async () => expect(await profileItems(user)).toEqual(['a1', 'a2', 'a3']), wait);

    const second = uid('s');
    await send(views(second, ['b1'], { userId: user }));
    // The tower reads the person's items before the new session's own.
    await vi.waitFor(async () => expect(await recentItems(second)).toEqual(['a1', 'a2', 'a3', 'b1']), wait);

    // An anonymous visitor's session, the same clicks, stays cold.
    const anonymous = uid('s');
    await send(views(anonymous, ['b1']));
    expect(await recentItems(anonymous)).toEqual(['b1']);
  });

  it('merges the anonymous part of a session into the profile when the visitor logs in', async () => {
    const user = uid('u');
    const session = uid('s');
    const t = Date.now() - 120_000;
    await send(views(session, ['x1', 'x2'], { ts: t }));
    expect(await profileItems(user)).toBeNull();
    await send(views(session, ['x3'], { userId: user, ts: t + 10_000 }));
    await vi.waitFor(async () => expect(await profileItems(user)).toEqual(['x1', 'x2', 'x3']), wait);
    // Later batches of the identified session add only their new events.
    await send(views(session, ['x4'], { ts: t + 20_000 }));
    await vi.waitFor(async () => expect(await profileItems(user)).toEqual(['x1', 'x2', 'x3', 'x4']), wait);

    const next = uid('s');
    await send(views(next, ['y1'], { userId: user }));
    await vi.waitFor(
      async () => expect(await recentItems(next)).toEqual(['x1', 'x2', 'x3', 'x4', 'y1']),
      wait,
    );
  });

  it('keeps no profile without personalization consent, and a withdrawal drops the history', async () => {
    const user = uid('u');
    await send(views(uid('s'), ['p1'], { userId: user, personalization: false }));
    await new Promise((r) => setTimeout(r, 200));
    expect(await profileItems(user)).toBeNull();

    await send(views(uid('s'), ['q1'], { userId: user }));
    await vi.waitFor(async () => expect(await profileItems(user)).toEqual(['q1']), wait);
    const session = uid('s');
    await send(views(session, ['q2'], { userId: user }));
    await vi.waitFor(async () => expect(await recentItems(session)).toEqual(['q1', 'q2']), wait);
    await send(views(session, ['q3'], { userId: user, personalization: false }));
    expect(await recentItems(session)).toEqual(['q2', 'q3']);
  });

  it(`keeps the newest ${PROFILE_HISTORY_LIMIT} interactions, and a session sees only other sessions' ones`, async () => {
    const user = uid('u');
    const session = uid('s');
    const items = Array.from({ length: 60 }, (_, i) => `n${i}`);
    await send(views(session, items, { userId: user, ts: Date.now() - 200_000 }));
    await vi.waitFor(async () => expect(await profileItems(user)).toEqual(items.slice(10)), wait);
    // Its own events are not doubled by the history.
    expect(await recentItems(session)).toEqual(items.slice(10));
  });

  it('deletes a profile once the person has not been seen for PROFILE_TTL_DAYS', async () => {
    const user = uid('u');
    await send(views(uid('s'), ['t1'], { userId: user }));
    await vi.waitFor(async () => expect(await profileItems(user)).toEqual(['t1']), wait);
    const stub = profileStub(env, 'demo', user);
    // Not yet due: the alarm keeps it.
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await profileItems(user)).toEqual(['t1']);
    // Last seen 91 days ago (the default TTL is 90).
    await runInDurableObject(stub, (_: UserProfileDO, state) => {
      state.storage.sql.exec(
        `UPDATE meta SET value = ? WHERE key = 'updated_at'`,
        String(Date.now() - 91 * 86_400_000),
      );
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await profileItems(user)).toBeNull();
  });

  it('keeps the same user id on two sites apart', async () => {
    const user = uid('u');
    await send(views(uid('s'), ['d1'], { userId: user }), 'demo');
    await vi.waitFor(async () => expect(await profileItems(user, 'demo')).toEqual(['d1']), wait);
    const other = uid('s');
    await send(views(other, ['e1'], { userId: user }), 'shop2');
    await vi.waitFor(async () => expect(await profileItems(user, 'shop2')).toEqual(['e1']), wait);
    expect(await recentItems(other, 'shop2')).toEqual(['e1']);
    expect(await profileItems(user, 'demo')).toEqual(['d1']);
  });
});
