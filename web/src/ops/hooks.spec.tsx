import { act, renderHook } from '@testing-library/react';
import { usePolled } from './hooks';

/** A load whose answer the test releases when it chooses. */
function deferred(answer: string) {
  let release!: () => void;
  const done = new Promise<string>((resolve) => (release = () => resolve(answer)));
  const load = jest.fn(() => done);
  return { load, release };
}

describe('polled data', () => {
  it('runs a load asked for while another is out once that returns, and drops the stale answer', async () => {
    const first = deferred('page 1');
    const second = deferred('page 2');
    const { result, rerender } = renderHook(({ load }) => usePolled(load, 0), { initialProps: { load: first.load } });
    expect(first.load).toHaveBeenCalledTimes(1);

    // Another page is chosen while the first page is still loading.
    rerender({ load: second.load });
    expect(second.load).not.toHaveBeenCalled();
    await act(async () => first.release());
    expect(second.load).toHaveBeenCalledTimes(1);
    expect(result.current.data).toBeNull();

    await act(async () => second.release());
    expect(result.current.data).toBe('page 2');
    expect(first.load).toHaveBeenCalledTimes(1);
  });
});
