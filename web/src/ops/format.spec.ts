import { formatLatency, formatRelative, formatUptime, formatUsd, formatUtc, uptimeLevel, utcInputToIso } from './format';

describe('ops console formatting', () => {
  it('writes latencies in ms below a second and in s above, with a dash when unknown', () => {
    expect([0.04, 0.96, 1, 12.4, 999.4, 1000, 1234, 12_345].map(formatLatency)).toEqual(['0.0 ms', '1.0 ms', '1 ms', '12 ms', '999 ms', '1.00 s', '1.23 s', '12.3 s']);
    expect([null, undefined, Number.NaN, -1].map(formatLatency)).toEqual(['—', '—', '—', '—']);
  });

  it('never rounds an uptime up to 100% unless every sample was up', () => {
    expect(formatUptime(1)).toBe('100%');
    expect(formatUptime(0.99999)).toBe('99.99%');
    expect(formatUptime(0.995)).toBe('99.50%');
    expect(formatUptime(0.5)).toBe('50.0%');
    expect(formatUptime(0)).toBe('0.0%');
    expect(formatUptime(null)).toBe('—');
    expect(formatUptime(1.2)).toBe('100%');
  });

  it('grades uptime: three nines good, two nines fair, less poor', () => {
    expect([1, 0.999, 0.998, 0.99, 0.9899, null].map(uptimeLevel)).toEqual(['good', 'good', 'fair', 'fair', 'poor', 'unknown']);
  });

  it('writes dollars with cents, and tiny AI costs with two significant digits', () => {
    expect([0, 0.0042, 0.01, 1234.5].map(formatUsd)).toEqual(['$0.00', '$0.0042', '$0.01', '$1,234.50']);
  });

  it('says how long ago, or how long until', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    const ago = (seconds: number) => formatRelative(new Date(now - seconds * 1000).toISOString(), now);
    expect([2, 42, 300, 3 * 3600, 2 * 86_400].map(ago)).toEqual(['just now', '42 s ago', '5 min ago', '3 h ago', '2 d ago']);
    expect(ago(-240)).toBe('in 4 min');
    expect(formatRelative('not a date', now)).toBe('—');
  });

  it('shows UTC times and reads datetime-local inputs as UTC', () => {
    expect(formatUtc('2025-03-01T14:05:09.123Z')).toBe('2025-03-01 14:05:09 UTC');
    expect(utcInputToIso('2025-03-01T14:05')).toBe('2025-03-01T14:05:00.000Z');
    expect(utcInputToIso('2025-03-01T14:05:30')).toBe('2025-03-01T14:05:30.000Z');
    expect(utcInputToIso('')).toBeUndefined();
    expect(utcInputToIso('garbage')).toBeUndefined();
  });
});
