import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../api/errors';

export interface Polled<T> {
  data: T | null;
  error: string | null;
  /** When the last successful answer arrived (ms since the epoch). */
  at: number | null;
  loading: boolean;
  reload: () => Promise<void>;
}

/**
 * Calls `load` now and every `intervalMs` (none when 0), keeping the last
 * good answer while a later call fails; one call at a time.
 */
export function usePolled<T>(load: () => Promise<T>, intervalMs: number): Polled<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; at: number | null; loading: boolean }>({ data: null, error: null, at: null, loading: true });
  const inFlight = useRef(false);
  const alive = useRef(true);

  const reload = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const data = await load();
      if (alive.current) setState({ data, error: null, at: Date.now(), loading: false });
    } catch (err) {
      if (alive.current) setState((s) => ({ ...s, error: describeError(err), loading: false }));
    } finally {
      inFlight.current = false;
    }
  }, [load]);

  useEffect(() => {
    alive.current = true;
    void reload();
    const timer = intervalMs > 0 ? setInterval(() => void reload(), intervalMs) : undefined;
    return () => {
      alive.current = false;
      if (timer) clearInterval(timer);
    };
  }, [reload, intervalMs]);

  return { ...state, reload };
}

/** The time, updated every `intervalMs`, for "5 s ago" labels. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The promise, with its failure also shown to `onError` (which spots a 403 from a revoked admin). */
export async function reported<T>(work: Promise<T>, onError: (err: unknown) => void): Promise<T> {
  try {
    return await work;
  } catch (err) {
    onError(err);
    throw err;
  }
}
