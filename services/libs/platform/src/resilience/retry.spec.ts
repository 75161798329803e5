import { backoffCapMs, retry } from './retry';

/** A sleep that records the waits instead of waiting. */
function recordingSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

/** A call that fails `failures` times, then answers `value`. */
function failingTimes(failures: number, value = 'ok'): { calls: number[]; fn: (attempt: number) => Promise<string> } {
  const calls: number[] = [];
  return {
    calls,
    fn: async (attempt) => {
      calls.push(attempt);
      if (calls.length <= failures) throw new Error(`failure ${calls.length}`);
      return value;
    },
  };
}

describe('retry', () => {
  const base = { attempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, jitter: 'full' as const };

  it('returns at once when the first call succeeds', async () => {
    const { waits, sleep } = recordingSleep();
    const { calls, fn } = failingTimes(0);
    await expect(retry(fn, { ...base, sleep })).resolves.toBe('ok');
    expect(calls).toEqual([1]);
    expect(waits).toEqual([]);
  });

  it('tries again after failures and hands each call its attempt number', async () => {
    const { waits, sleep } = recordingSleep();
    const { calls, fn } = failingTimes(2, 'third time');
    await expect(retry(fn, { ...base, sleep, random: () => 0.5 })).resolves.toBe('third time');
    expect(calls).toEqual([1, 2, 3]);
    expect(waits).toEqual([50, 100]);
  });

  it('gives up after `attempts` calls and rethrows the last failure', async () => {
    const { waits, sleep } = recordingSleep();
    const { calls, fn } = failingTimes(10);
    await expect(retry(fn, { ...base, sleep })).rejects.toThrow('failure 3');
    expect(calls).toEqual([1, 2, 3]);
    expect(waits).toHaveLength(2);
  });

  it('does not retry a failure retryOn refuses', async () => {
    const { waits, sleep } = recordingSleep();
    const { calls, fn } = failingTimes(10);
    const retryOn = jest.fn(() => false);
    await expect(retry(fn, { ...base, sleep, retryOn })).rejects.toThrow('failure 1');
    expect(calls).toEqual([1]);
    expect(waits).toEqual([]);
    expect(retryOn).toHaveBeenCalledWith(expect.objectContaining({ message: 'failure 1' }), 1);
  });

  it('doubles the cap per retry up to maxDelayMs, and full jitter stays within [0, cap]', async () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffCapMs(n, 100, 1_000))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    for (const r of [0, 0.25, 0.999_999]) {
      const { waits, sleep } = recordingSleep();
      await expect(retry(failingTimes(10).fn, { ...base, attempts: 6, sleep, random: () => r })).rejects.toThrow();
      const caps = [100, 200, 400, 800, 1_000];
      expect(waits).toEqual(caps.map((cap) => Math.floor(r * cap)));
      waits.forEach((w, i) => {
        expect(w).toBeGreaterThanOrEqual(0);
        expect(w).toBeLessThanOrEqual(caps[i]!);
      });
    }
  });

  it('waits the whole cap without jitter, and reports each retry', async () => {
    const { waits, sleep } = recordingSleep();
    const onRetry = jest.fn();
    await expect(retry(failingTimes(2).fn, { ...base, jitter: 'none', sleep, onRetry })).resolves.toBe('ok');
    expect(waits).toEqual([100, 200]);
    expect(onRetry.mock.calls.map(([info]) => [info.attempt, info.delayMs])).toEqual([
      [1, 100],
      [2, 200],
    ]);
  });

  it('really waits with the default sleep', async () => {
    await expect(retry(failingTimes(1).fn, { ...base, baseDelayMs: 1, maxDelayMs: 1 })).resolves.toBe('ok');
  });

  it('refuses a non-positive attempt count', async () => {
    await expect(retry(failingTimes(0).fn, { ...base, attempts: 0 })).rejects.toThrow(RangeError);
  });
});
