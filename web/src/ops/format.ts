/** Words and numbers for the ops console: latencies, uptime, money, times. Pure. */

/** `0.4 ms`, `12 ms`, `1.25 s`; `—` when unknown. */
export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/**
 * A share of the day up: `100%` only when every sample was up, `99.99%` is
 * never rounded up to 100, `—` before the first sample.
 */
export function formatUptime(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  const clamped = Math.min(1, Math.max(0, share));
  if (clamped === 1) return '100%';
  const percent = Math.floor(clamped * 10_000) / 100;
  return `${percent.toFixed(percent >= 99 ? 2 : 1)}%`;
}

/** How healthy an uptime share looks, for colour and words. */
export function uptimeLevel(share: number | null | undefined): 'good' | 'fair' | 'poor' | 'unknown' {
  if (share === null || share === undefined || !Number.isFinite(share)) return 'unknown';
  if (share >= 0.999) return 'good';
  if (share >= 0.99) return 'fair';
  return 'poor';
}

/** `$0.00`, `$0.0042` (small amounts keep 2 significant digits), `$1,234.50`. */
export function formatUsd(amount: number): string {
  if (amount > 0 && amount < 0.01) return `$${amount.toPrecision(2)}`;
  return `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** `just now`, `42 s ago`, `5 min ago`, `3 h ago`, `2 d ago`; `in 4 min` for the future. */
export function formatRelative(iso: string, now: number): string {
  const then = Date.parse(iso);
  if (!Number.isFinite(then)) return '—';
  const seconds = Math.round((now - then) / 1000);
  const future = seconds < 0;
  const s = Math.abs(seconds);
  const words = s < 5 ? null : s < 60 ? `${s} s` : s < 3600 ? `${Math.floor(s / 60)} min` : s < 86_400 ? `${Math.floor(s / 3600)} h` : `${Math.floor(s / 86_400)} d`;
  if (words === null) return future ? 'in a moment' : 'just now';
  return future ? `in ${words}` : `${words} ago`;
}

/** `2025-03-01 14:05:09 UTC`: operators compare times across regions. */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A `<input type="datetime-local">` value read as UTC, as an ISO string the api takes; undefined when empty or invalid. */
export function utcInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(`${value.length === 16 ? `${value}:00` : value}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
