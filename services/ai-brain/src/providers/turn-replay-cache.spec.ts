import { TurnReplayCache } from './turn-replay-cache';

describe('TurnReplayCache', () => {
  it('recalls a turn by exactly the tool-call ids it was kept under', () => {
    const cache = new TurnReplayCache<string>();
    cache.remember(['a', 'b'], 'turn 1');
    expect(cache.recall(['a', 'b'])).toBe('turn 1');
    expect(cache.recall(['a'])).toBeUndefined();
    expect(cache.recall(['b', 'a'])).toBeUndefined();
    expect(cache.recall([])).toBeUndefined();
  });

  it('forgets a turn once it is older than the TTL', () => {
    const clock = { now: 0 };
    const cache = new TurnReplayCache<string>({ maxTurns: 10, ttlMs: 1_000, now: () => clock.now });
    cache.remember(['a'], 'turn');
    clock.now = 1_000;
    expect(cache.recall(['a'])).toBe('turn');
    clock.now = 1_001;
    expect(cache.recall(['a'])).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps at most maxTurns, dropping the oldest first', () => {
    const cache = new TurnReplayCache<number>({ maxTurns: 2, ttlMs: 60_000 });
    cache.remember(['a'], 1);
    cache.remember(['b'], 2);
    cache.remember(['c'], 3);
    expect([cache.recall(['a']), cache.recall(['b']), cache.recall(['c'])]).toEqual([undefined, 2, 3]);
  });
});
