import { bands, lastDays, maxOf, niceScale, pivotByDay, scaleY } from './chart-scale';

describe('chart scaling', () => {
  it('rounds the axis up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceScale(7)).toEqual({ max: 8, step: 2, ticks: [0, 2, 4, 6, 8] });
    expect(niceScale(100)).toEqual({ max: 100, step: 25, ticks: [0, 25, 50, 75, 100] });
    expect(niceScale(101)).toEqual({ max: 150, step: 50, ticks: [0, 50, 100, 150] });
    expect(niceScale(0.0123)).toEqual({ max: 0.015, step: 0.005, ticks: [0, 0.005, 0.01, 0.015] });
    expect(niceScale(3, 3)).toEqual({ max: 3, step: 1, ticks: [0, 1, 2, 3] });
  });

  it('keeps whole steps for counts', () => {
    expect(niceScale(1, 4, { integer: true })).toEqual({ max: 1, step: 1, ticks: [0, 1] });
    expect(niceScale(3, 4, { integer: true })).toEqual({ max: 3, step: 1, ticks: [0, 1, 2, 3] });
    expect(niceScale(9, 4, { integer: true })).toEqual({ max: 10, step: 5, ticks: [0, 5, 10] });
    expect(niceScale(0, 4, { integer: true })).toEqual({ max: 1, step: 1, ticks: [0, 1] });
  });

  it('gives an empty chart an axis from 0 to 1', () => {
    expect(niceScale(0)).toEqual({ max: 1, step: 0.25, ticks: [0, 0.25, 0.5, 0.75, 1] });
    expect(niceScale(Number.NaN).max).toBe(1);
  });

  it('always covers the data, whatever its size', () => {
    for (const value of [0.3, 1, 9.99, 12, 99, 1234, 98_765, 1e9]) {
      const scale = niceScale(value);
      expect(scale.max).toBeGreaterThanOrEqual(value);
      expect(scale.ticks.length).toBeLessThanOrEqual(6);
      expect(scale.ticks[0]).toBe(0);
      expect(scale.ticks.at(-1)).toBe(scale.max);
    }
  });

  it('maps values to pixels from the bottom, clamped to the axis', () => {
    const scale = niceScale(100);
    expect([0, 50, 100, 150, -5].map((v) => scaleY(v, scale, 200))).toEqual([200, 100, 0, 0, 200]);
  });

  it('lays equal bands across the width with gaps between them', () => {
    expect(bands(4, 400, 0.5)).toEqual([
      { x: 25, width: 50 },
      { x: 125, width: 50 },
      { x: 225, width: 50 },
      { x: 325, width: 50 },
    ]);
    expect(bands(0, 400)).toEqual([]);
  });

  it('lists the last days oldest first, across a month end', () => {
    expect(lastDays('2026-03-02', 4)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  });

  it('pivots cost rows into one point per day, filling missing days and providers with zero, biggest spender first', () => {
    const rows = [
      { day: '2026-03-01', provider: 'openai', costUsd: 0.5 },
      { day: '2026-03-02', provider: 'anthropic', costUsd: 2 },
      { day: '2026-03-02', provider: 'openai', costUsd: 0.25 },
      { day: '2026-02-01', provider: 'gemini', costUsd: 9 },
    ];
    const { series, points } = pivotByDay(rows, ['2026-02-28', '2026-03-01', '2026-03-02'], (r) => r.day, (r) => r.provider, (r) => r.costUsd);
    // Gemini's row is outside the days shown, yet its total still orders the legend.
    expect(series).toEqual(['gemini', 'anthropic', 'openai']);
    expect(points).toEqual([
      { label: '2026-02-28', values: { gemini: 0, anthropic: 0, openai: 0 } },
      { label: '2026-03-01', values: { gemini: 0, anthropic: 0, openai: 0.5 } },
      { label: '2026-03-02', values: { gemini: 0, anthropic: 2, openai: 0.25 } },
    ]);
    expect(maxOf(points, series, true)).toBe(2.25);
    expect(maxOf(points, series, false)).toBe(2);
  });
});
