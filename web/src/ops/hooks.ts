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
 * good answer while a later call fails; one call at a time. A new `load`
 * (another page or filter) asked for while a call is out runs once it
 * returns, and the stale answer is dropped.
 */
export function usePolled<T>(load: () => Promise<T>, intervalMs: number): Polled<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; at: number | null; loading: boolean }>({ data: null, error: null, at: null, loading: true });
  const inFlight = useRef<(() => Promise<T>) | null>(null);
  const next = useRef<(() => Promise<T>) | null>(null);
  const alive = useRef(true);

  const reload = useCallback(async () => {
    if (inFlight.current) {
      if (inFlight.current !== load) next.current = load;
      return;
    }
    for (let current: (() => Promise<T>) | null = load; current; current = next.current) {
      next.current = null;
      inFlight.current = current;
      try {
        const data = await current();
        if (alive.current && !next.current) setState({ data, error: null, at: Date.now(), loading: false });
      } catch (err) {
        if (alive.current && !next.current) setState((s) => ({ ...s, error: describeError(err), loading: false }));
      } finally {
        inFlight.current = null;
      }
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
