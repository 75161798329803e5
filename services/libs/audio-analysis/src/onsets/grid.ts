/**
 * A tempo grid: beats are quarter notes at `bpm`, each split into
 * `subdivision` equal steps, starting at `offsetSeconds` (grid index 0; the
 * grid extends both ways). subdivision 1 = quarter notes, 2 = eighths,
 * 3 = eighth-note triplets, 4 = sixteenths.
 */
export interface TempoGrid {
  bpm: number;
  /** Grid steps per beat (default 1). */
  subdivision?: number;
  /** Time of grid index 0, seconds (default 0). */
  offsetSeconds?: number;
}

export interface GridTimingOptions extends TempoGrid {
  /** |offset| up to this is "on-time" (default 10 ms). */
  onTimeMs?: number;
}

export interface GridTiming {
  onsetSeconds: number;
  /** The nearest grid time and its index (negative before offsetSeconds). */
  gridSeconds: number;
  gridIndex: number;
  /** onset - grid, milliseconds: negative = early (rushing), positive = late (dragging). */
  offsetMs: number;
  direction: 'early' | 'late' | 'on-time';
}

/** Seconds between grid steps. */
export function gridStepSeconds(grid: TempoGrid): number {
  const subdivision = grid.subdivision ?? 1;
  if (!(grid.bpm > 0) || !Number.isFinite(grid.bpm)) throw new RangeError('bpm must be a positive number');
  if (!(subdivision > 0) || !Number.isInteger(subdivision)) throw new RangeError('subdivision must be a positive integer');
  return 60 / (grid.bpm * subdivision);
}

/** Places an onset (or each of several) against the nearest step of a tempo grid. */
export function timingAgainstGrid(onsetSeconds: number, grid: GridTimingOptions): GridTiming;
export function timingAgainstGrid(onsetSeconds: readonly number[], grid: GridTimingOptions): GridTiming[];
export function timingAgainstGrid(onsetSeconds: number | readonly number[], grid: GridTimingOptions): GridTiming | GridTiming[] {
  const step = gridStepSeconds(grid);
  const offset = grid.offsetSeconds ?? 0;
  const onTime = grid.onTimeMs ?? 10;
  const place = (onset: number): GridTiming => {
    const gridIndex = Math.round((onset - offset) / step);
    const gridSeconds = offset + gridIndex * step;
    const offsetMs = (onset - gridSeconds) * 1000;
    const direction = Math.abs(offsetMs) <= onTime ? 'on-time' : offsetMs < 0 ? 'early' : 'late';
    return { onsetSeconds: onset, gridSeconds, gridIndex, offsetMs, direction };
  };
  return typeof onsetSeconds === 'number' ? place(onsetSeconds) : onsetSeconds.map(place);
}
