import { describe, expect, it } from 'vitest';
import { newSession, restore, SESSION_IDLE_MS, touch } from '../src/session.ts';

const T0 = 1_780_000_000_000;

describe('session', () => {
  it('keeps the id while events keep coming, rotates after 30 minutes of inactivity', () => {
    const s = newSession(T0);
    const first = s.s;
    expect(touch(s, T0 + SESSION_IDLE_MS, undefined)).toBe(false);
    expect(touch(s, T0 + 2 * SESSION_IDLE_MS, undefined)).toBe(false);
    expect(s.s).toBe(first);
    expect(touch(s, T0 + 3 * SESSION_IDLE_MS + 1, undefined)).toBe(true);
    expect(s.s).not.toBe(first);
    expect(s.s).toMatch(/^[0-9a-f]{32}$/);
  });
  it('links an anonymous session to a user, rotates when the user changes or logs out', () => {
    const s = newSession(T0);
    const anon = s.s;
    expect(touch(s, T0, 'alice')).toBe(false);
    expect(s).toMatchObject({ s: anon, u: 'alice' });
    expect(touch(s, T0, 'alice')).toBe(false);
    expect(touch(s, T0, 'bob')).toBe(true);
    expect(s.u).toBe('bob');
    const bobs = s.s;
    expect(touch(s, T0, null)).toBe(true);
    expect(s.s).not.toBe(bobs);
    expect(s.u).toBeUndefined();
  });
  it('restores only well-formed sessions that are still alive', () => {
    const s = newSession(T0);
    expect(restore(s, T0 + SESSION_IDLE_MS)).toBe(s);
    expect(restore(s, T0 + SESSION_IDLE_MS + 1)).toBeUndefined();
    expect(restore({ s: 1, t: T0 }, T0)).toBeUndefined();
    expect(restore(undefined, T0)).toBeUndefined();
  });
});
