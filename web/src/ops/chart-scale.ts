/** Scales and layouts for the console's SVG charts. Pure: numbers in, numbers out. */

export interface NiceScale {
  /** The top of the axis: a round number at or above the data's maximum. */
  max: number;
  step: number;
  ticks: number[];
}

/**
 * A round axis from 0 to at least `dataMax` in about `count` steps of 1, 2,
 * 2.5 or 5 times a power of ten (whole steps of 1, 2 or 5 for counts). An
 * empty (all-zero) chart still gets an axis, 0 to 1.
 */
export function niceScale(dataMax: number, count = 4, options: { integer?: boolean } = {}): NiceScale {
  const top = Number.isFinite(dataMax) && dataMax > 0 ? dataMax : 1;
  const rough = top / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const multiples = options.integer ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  let step = multiples.map((m) => m * power).find((s) => s >= rough - 1e-12)!;
  if (options.integer) step = Math.max(1, Math.round(step));
  const steps = Math.ceil(top / step - 1e-9);
  const ticks = Array.from({ length: steps + 1 }, (_, i) => round(i * step));
  return { max: round(steps * step), step: round(step), ticks };
}

const round = (n: number): number => Number(n.toPrecision(12));

/** Where a value sits on a vertical axis of `height` pixels (0 at the bottom edge). */
export function scaleY(value: number, scale: NiceScale, height: number): number {
  if (scale.max <= 0) return height;
  return height - (Math.max(0, Math.min(value, scale.max)) / scale.max) * height;
}

export interface Band {
  x: number;
  width: number;
}

/** `n` equal bands across `width` with `gap` (a share of each band, 0..0.9) left empty between bars. */
export function bands(n: number, width: number, gap = 0.25): Band[] {
  if (n <= 0) return [];
  const band = width / n;
  const inner = band * (1 - Math.min(0.9, Math.max(0, gap)));
  return Array.from({ length: n }, (_, i) => ({ x: i * band + (band - inner) / 2, width: inner }));
}

export interface SeriesPoint {
  /** The x category, e.g. a UTC day `2025-03-01`. */
  label: string;
  values: Record<string, number>;
}

/**
 * Rows of `{day, key, value}` (one per provider per day, days missing when
 * nothing happened) as one point per day of `days`, every series present in
 * each (zeros filled), series sorted by their total, largest first.
 */
export function pivotByDay<T>(rows: readonly T[], days: readonly string[], day: (row: T) => string, key: (row: T) => string, value: (row: T) => number): { series: string[]; points: SeriesPoint[] } {
  const totals = new Map<string, number>();
  const byDay = new Map<string, Record<string, number>>(days.map((d) => [d, {}]));
  for (const row of rows) {
    const k = key(row);
    const v = value(row);
    totals.set(k, (totals.get(k) ?? 0) + v);
    const bucket = byDay.get(day(row));
    if (bucket) bucket[k] = (bucket[k] ?? 0) + v;
  }
  const series = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  const points = days.map((d) => ({ label: d, values: Object.fromEntries(series.map((s) => [s, byDay.get(d)![s] ?? 0])) }));
  return { series, points };
}

/** The last `count` UTC days up to `today` (a `YYYY-MM-DD`), oldest first. */
export function lastDays(today: string, count: number): string[] {
  const end = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(end - (count - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

/** The largest bar: the tallest stack when stacked, the tallest single value when grouped. */
export function maxOf(points: readonly SeriesPoint[], series: readonly string[], stacked: boolean): number {
  let max = 0;
  for (const point of points) {
    const values = series.map((s) => point.values[s] ?? 0);
    max = Math.max(max, stacked ? values.reduce((a, b) => a + b, 0) : Math.max(0, ...values));
  }
  return max;
}
