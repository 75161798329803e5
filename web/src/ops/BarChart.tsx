import { bands, maxOf, niceScale, scaleY, type SeriesPoint } from './chart-scale';

const WIDTH = 400;
const HEIGHT = 170;
const LEFT = 46;
const BOTTOM = 22;
const TOP = 8;
const PALETTE = ['#ff7a45', '#40a9ff', '#2fbf71', '#b37feb', '#ffc53d', '#36cfc9', '#ff85c0', '#8b94a3'];

export interface BarChartProps {
  /** Names the chart for assistive technology and heads its data table. */
  title: string;
  series: string[];
  points: SeriesPoint[];
  /** Stacked: one bar per point, series on top of each other; grouped: side by side. */
  stacked?: boolean;
  format?: (value: number) => string;
  /** Shown instead of the bars when every value is zero. */
  emptyText?: string;
  colors?: Record<string, string>;
  /** Counts: whole ticks only. */
  integer?: boolean;
}

/** A bar chart in SVG, with its numbers also in a table for screen readers. */
export function BarChart(props: BarChartProps) {
  const { title, series, points, stacked = false, format = String, emptyText } = props;
  const colorOf = (s: string, i: number) => props.colors?.[s] ?? PALETTE[i % PALETTE.length]!;
  const max = maxOf(points, series, stacked);
  const scale = niceScale(max, 4, { integer: props.integer });
  const plotW = WIDTH - LEFT - 8;
  const plotH = HEIGHT - TOP - BOTTOM;
  const slots = bands(points.length, plotW, 0.3);
  // Label about six days along the axis, whatever the range.
  const labelEvery = Math.max(1, Math.ceil(points.length / 7));
  const empty = max === 0;

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title}${empty && emptyText ? `: ${emptyText}` : ''}`} preserveAspectRatio="xMidYMid meet">
        <g transform={`translate(${LEFT},${TOP})`}>
          {scale.ticks.map((tick) => {
            const y = scaleY(tick, scale, plotH);
            return (
              <g key={tick} className="chart-tick">
                <line x1={0} x2={plotW} y1={y} y2={y} />
                <text x={-6} y={y} dy="0.32em" textAnchor="end">
                  {format(tick)}
                </text>
              </g>
            );
          })}
          {points.map((point, i) => {
            const slot = slots[i]!;
            let base = 0;
            const width = stacked ? slot.width : slot.width / Math.max(1, series.length);
            return (
              <g key={point.label}>
                {series.map((s, j) => {
                  const value = point.values[s] ?? 0;
                  if (value <= 0) return null;
                  const y0 = scaleY(stacked ? base : 0, scale, plotH);
                  const y1 = scaleY(stacked ? base + value : value, scale, plotH);
                  if (stacked) base += value;
                  return (
                    <rect key={s} x={stacked ? slot.x : slot.x + j * width} y={y1} width={Math.max(1, width - (stacked ? 0 : 1))} height={Math.max(1, y0 - y1)} fill={colorOf(s, j)} rx={1.5}>
                      <title>{`${point.label} · ${s}: ${format(value)}`}</title>
                    </rect>
                  );
                })}
                {i % labelEvery === 0 && (
                  <text className="chart-label" x={slot.x + slot.width / 2} y={plotH + 15} textAnchor="middle">
                    {point.label.length === 10 ? point.label.slice(5) : point.label}
                  </text>
                )}
              </g>
            );
          })}
          <line className="chart-axis" x1={0} x2={plotW} y1={plotH} y2={plotH} />
        </g>
        {empty && emptyText && (
          <text className="chart-empty" x={LEFT + plotW / 2} y={TOP + plotH / 2} textAnchor="middle">
            {emptyText}
          </text>
        )}
      </svg>
      {series.length > 0 && (
        <figcaption>
          <ul className="chart-legend">
            {series.map((s, i) => (
              <li key={s}>
                <span className="swatch" style={{ background: colorOf(s, i) }} aria-hidden="true" />
                {s}
              </li>
            ))}
          </ul>
        </figcaption>
      )}
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {series.map((s) => (
              <th scope="col" key={s}>
                {s}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.label}>
              <th scope="row">{p.label}</th>
              {series.map((s) => (
                <td key={s}>{format(p.values[s] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
