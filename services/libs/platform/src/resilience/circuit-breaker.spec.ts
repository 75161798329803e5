import { AppError } from '../errors/app-error';
import { CircuitBreaker, type CircuitBreakerOptions, CircuitOpenError, type CircuitState } from './circuit-breaker';

const ok = () => Promise.resolve('ok');
const boom = () => Promise.reject(new Error('boom'));

function breaker(overrides: Partial<CircuitBreakerOptions> = {}) {
  const clock = { now: 1_000_000 };
  const transitions: Array<[CircuitState, CircuitState]> = [];
  const b = new CircuitBreaker({
    target: 'generation',
    consecutiveFailures: 3,
    coolDownMs: 10_000,
    now: () => clock.now,
    onStateChange: (from, to) => transitions.push([from, to]),
    ...overrides,
  });
  return { b, clock, transitions };
}

async function fail(b: CircuitBreaker, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await expect(b.run(boom)).rejects.toThrow('boom');
}

describe('CircuitBreaker', () => {
  it('stays closed below the consecutive-failure threshold, and a success resets the count', async () => {
    const { b } = breaker();
    await fail(b, 2);
    await expect(b.run(ok)).resolves.toBe('ok');
    await fail(b, 2);
    expect(b.state).toBe('closed');
  });

  it('opens after N failures in a row and then fails fast without calling the target', async () => {
    const { b, transitions } = breaker();
    await fail(b, 3);
    expect(b.state).toBe('open');
    const call = jest.fn(ok);
    const err = await b.run(call).catch((e: unknown) => e);
    expect(call).not.toHaveBeenCalled();
    expect(err).toBeInstanceOf(CircuitOpenError);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503, target: 'generation', details: { target: 'generation', retryAfterMs: 10_000 } });
    expect(transitions).toEqual([['closed', 'open']]);
  });

  it('lets exactly one probe through after the cool-down, and closes when it succeeds', async () => {
    const { b, clock, transitions } = breaker();
    await fail(b, 3);
    clock.now += 9_999;
    await expect(b.run(ok)).rejects.toBeInstanceOf(CircuitOpenError);
    clock.now += 1;
    expect(b.state).toBe('half-open');

    let finishProbe!: (v: string) => void;
    const probe = b.run(() => new Promise<string>((resolve) => (finishProbe = resolve)));
    // While the probe is out, everyone else still fails fast.
    const other = jest.fn(ok);
    await expect(b.run(other)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(other).not.toHaveBeenCalled();
    finishProbe('probe ok');
    await expect(probe).resolves.toBe('probe ok');

    expect(b.state).toBe('closed');
    await expect(b.run(ok)).resolves.toBe('ok');
    expect(transitions).toEqual([
      ['closed', 'open'],
      ['open', 'half-open'],
      ['half-open', 'closed'],
    ]);
  });

  it('opens again for a whole cool-down when the probe fails', async () => {
    const { b, clock, transitions } = breaker();
    await fail(b, 3);
    clock.now += 10_000;
    await fail(b, 1);
    expect(b.state).toBe('open');
    clock.now += 5_000;
    await expect(b.run(ok)).rejects.toMatchObject({ retryAfterMs: 5_000 });
    expect(transitions.map(([, to]) => to)).toEqual(['open', 'half-open', 'open']);
  });

  it('opens on the failure ratio in the rolling window once enough calls were seen', async () => {
    const { b } = breaker({ consecutiveFailures: 100, failureRatio: 0.5, minimumCalls: 6, windowMs: 60_000 });
    // Alternating: never two failures in a row, but half of all calls fail.
    for (let i = 0; i < 2; i++) {
      await fail(b, 1);
      await b.run(ok);
    }
    await fail(b, 1);
    expect(b.state).toBe('closed'); // 5 calls: below minimumCalls
    await b.run(ok);
    await fail(b, 1); // 7 calls, 4 failed
    expect(b.state).toBe('open');
  });

  it('forgets outcomes older than the window', async () => {
    const { b, clock } = breaker({ consecutiveFailures: 100, failureRatio: 0.5, minimumCalls: 4, windowMs: 1_000 });
    await fail(b, 3);
    clock.now += 1_000;
    await b.run(ok);
    await b.run(ok);
    await b.run(ok);
    await fail(b, 1); // only the last 4 count: 1 of 4 failed
    expect(b.state).toBe('closed');
  });

  it('does not count errors isFailure rejects (the caller’s own mistakes)', async () => {
    const { b } = breaker({ isFailure: (err) => !(err instanceof AppError && err.status < 500) });
    for (let i = 0; i < 5; i++) await expect(b.run(() => Promise.reject(AppError.notFound('The thing')))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(b.state).toBe('closed');
  });
});
