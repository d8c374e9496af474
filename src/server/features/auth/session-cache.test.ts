// The session cache: fresh entries spare the database, and every invalidation wins over a
// look-up, even one that was under way when it happened.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../../lib/actor.ts';
import { createSessionCache, type SessionLookup } from './session-cache.ts';

const actor = (accountId: number, displayName = `account ${accountId}`): Actor => ({
  accountId,
  username: `user-${accountId}`,
  displayName,
  role: 'office',
  regionCode: '1309',
  unitId: null,
  cadreId: null,
});

/** A clock the test moves, and a database of sessions whose look-ups are counted. */
function setUp(lifetimeMs = 5000, maxEntries?: number) {
  let time = 1_000_000;
  const sessions = new Map<string, SessionLookup>();
  let lookUps = 0;
  const cache = createSessionCache({ lifetimeMs, maxEntries, now: () => time });
  const resolve = (tokenHash: string) =>
    cache.resolve(tokenHash, async () => {
      lookUps += 1;
      return sessions.get(tokenHash) ?? null;
    });
  return {
    cache,
    sessions,
    resolve,
    lookUps: () => lookUps,
    advance: (ms: number) => (time += ms),
    endsIn: (ms: number) => new Date(time + ms),
  };
}

describe('session cache', () => {
  it('answers repeated requests on one session from one look-up while the entry is fresh', async () => {
    const s = setUp();
    s.sessions.set('a', { actor: actor(1), sessionExpiresAt: s.endsIn(3_600_000) });
    assert.equal((await s.resolve('a'))?.accountId, 1);
    s.advance(4999);
    assert.equal((await s.resolve('a'))?.accountId, 1);
    assert.equal(s.lookUps(), 1);
    s.advance(1);
    assert.equal((await s.resolve('a'))?.accountId, 1);
    assert.equal(s.lookUps(), 2, 'a lapsed entry is looked up again');
  });

  it('does not trust an entry past the end of its session', async () => {
    const s = setUp();
    s.sessions.set('a', { actor: actor(1), sessionExpiresAt: s.endsIn(1000) });
    await s.resolve('a');
    s.sessions.delete('a');
    s.advance(1000);
    assert.equal(await s.resolve('a'), null);
  });

  it('never caches a token without a session', async () => {
    const s = setUp();
    assert.equal(await s.resolve('nobody'), null);
    s.sessions.set('nobody', { actor: actor(2), sessionExpiresAt: s.endsIn(60_000) });
    assert.equal((await s.resolve('nobody'))?.accountId, 2);
  });

  it('refuses a forgotten session at once', async () => {
    const s = setUp();
    s.sessions.set('a', { actor: actor(1), sessionExpiresAt: s.endsIn(60_000) });
    await s.resolve('a');
    s.sessions.delete('a');
    s.cache.forgetSession('a');
    assert.equal(await s.resolve('a'), null);
  });

  it('forgets every session of an account and no other', async () => {
    const s = setUp();
    s.sessions.set('a1', { actor: actor(1), sessionExpiresAt: s.endsIn(60_000) });
    s.sessions.set('a2', { actor: actor(1), sessionExpiresAt: s.endsIn(60_000) });
    s.sessions.set('b', { actor: actor(2), sessionExpiresAt: s.endsIn(60_000) });
    await Promise.all(['a1', 'a2', 'b'].map(s.resolve));
    s.sessions.delete('a1');
    s.sessions.set('a2', { actor: actor(1, 'renamed'), sessionExpiresAt: s.endsIn(60_000) });
    s.cache.forgetAccount(1);
    assert.equal(s.cache.size, 1);
    assert.equal(await s.resolve('a1'), null);
    assert.equal((await s.resolve('a2'))?.displayName, 'renamed');
    const before = s.lookUps();
    await s.resolve('b');
    assert.equal(s.lookUps(), before, 'the other account stays cached');
  });

  it('does not keep what a look-up read if a session was forgotten while it ran', async () => {
    const s = setUp();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The look-up reads the session before the logout commits and answers after it.
    const inFlight = s.cache.resolve('a', async () => {
      const row = { actor: actor(1), sessionExpiresAt: s.endsIn(60_000) };
      await gate;
      return row;
    });
    s.cache.forgetSession('a');
    release();
    assert.equal((await inFlight)?.accountId, 1, 'the request already under way still gets its answer');
    assert.equal(await s.resolve('a'), null, 'but the next request looks the session up again and finds it gone');
  });

  it('hands out actors nobody can change', async () => {
    const s = setUp();
    s.sessions.set('a', { actor: actor(1), sessionExpiresAt: s.endsIn(60_000) });
    const first = (await s.resolve('a'))!;
    assert.throws(() => {
      (first as { role: string }).role = 'admin';
    }, TypeError);
  });

  it('holds at most maxEntries, dropping the oldest first', async () => {
    const s = setUp(5000, 2);
    for (const token of ['a', 'b', 'c']) s.sessions.set(token, { actor: actor(token.charCodeAt(0)), sessionExpiresAt: s.endsIn(60_000) });
    for (const token of ['a', 'b', 'c']) await s.resolve(token);
    assert.equal(s.cache.size, 2);
    const before = s.lookUps();
    await s.resolve('a');
    assert.equal(s.lookUps(), before + 1, 'the oldest entry was dropped');
  });

  it('looks up every request when the lifetime is 0', async () => {
    const s = setUp(0);
    s.sessions.set('a', { actor: actor(1), sessionExpiresAt: s.endsIn(60_000) });
    await s.resolve('a');
    await s.resolve('a');
    assert.equal(s.lookUps(), 2);
    assert.equal(s.cache.size, 0);
  });
});
