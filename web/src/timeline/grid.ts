/**
 * Timeline maths: beats (quarter notes, the api's unit) to pixels and back,
 * the grid for a zoom level, snapping, and how positions are shown.
 * Plain functions of plain data, so they are fast to test.
 */

export interface TimeSignature {
  numerator: number;
  denominator: number;
}

export type Snap = 'bar' | 'beat' | 'off';
export const SNAPS: readonly Snap[] = ['bar', 'beat', 'off'];

/** What part of the timeline the canvas shows. */
export interface Viewport {
  /** Horizontal zoom: pixels per beat (quarter note). */
  pxPerBeat: number;
  /** Beats scrolled off the left edge. */
  scrollBeats: number;
}

export const MIN_PX_PER_BEAT = 2;
export const MAX_PX_PER_BEAT = 400;

/** Quarter notes in one beat of the signature (6/8: an eighth, half a quarter). */
export const beatUnit = (ts: TimeSignature): number => 4 / ts.denominator;
/** Quarter notes in one bar. */
export const beatsPerBar = (ts: TimeSignature): number => ts.numerator * beatUnit(ts);
export const secondsPerBeat = (bpm: number): number => 60 / bpm;
export const beatsToSeconds = (beats: number, bpm: number): number => beats * secondsPerBeat(bpm);
export const secondsToBeats = (seconds: number, bpm: number): number => seconds / secondsPerBeat(bpm);

export const beatToX = (beat: number, view: Viewport): number => (beat - view.scrollBeats) * view.pxPerBeat;
export const xToBeat = (x: number, view: Viewport): number => x / view.pxPerBeat + view.scrollBeats;

const EPSILON = 1e-9;

/** The grid step a snap mode rounds to, in quarter notes (0 for off). */
export function snapStep(snap: Snap, ts: TimeSignature): number {
  if (snap === 'bar') return beatsPerBar(ts);
  if (snap === 'beat') return beatUnit(ts);
  return 0;
}

/** Rounds a position to the nearest grid line of the snap mode (never below 0). */
export function snapBeat(beat: number, snap: Snap, ts: TimeSignature): number {
  const step = snapStep(snap, ts);
  const snapped = step > 0 ? Math.round(beat / step + EPSILON) * step : beat;
  return Math.max(0, roundBeats(snapped));
}

/** Rounds away floating-point dust (beats are stored with limited precision anyway). */
export const roundBeats = (beat: number): number => Math.round(beat * 1e6) / 1e6;

/** Zooms by `factor` keeping the beat under `anchorX` (pixels from the left edge) where it is. */
export function zoomAt(view: Viewport, factor: number, anchorX: number): Viewport {
  const pxPerBeat = clamp(view.pxPerBeat * factor, MIN_PX_PER_BEAT, MAX_PX_PER_BEAT);
  const anchorBeat = xToBeat(anchorX, view);
  return { pxPerBeat, scrollBeats: Math.max(0, anchorBeat - anchorX / pxPerBeat) };
}

export function scrollBy(view: Viewport, deltaPx: number): Viewport {
  return { ...view, scrollBeats: Math.max(0, view.scrollBeats + deltaPx / view.pxPerBeat) };
}

export interface GridLine {
  x: number;
  beat: number;
  kind: 'bar' | 'beat' | 'sub';
  /** 1-based bar number, on bar lines that get a label. */
  label?: number;
}

/**
 * The lines to draw for a viewport `width` pixels wide. Bars thin out (every
 * 2, 4, 8 ... bars) when they would be closer than `minBarPx`; beats appear
 * when they are at least 12 px apart, sixteenths from 48 px per beat.
 */
export function gridLines(view: Viewport, width: number, ts: TimeSignature, minBarPx = 56): GridLine[] {
  const bar = beatsPerBar(ts);
  const unit = beatUnit(ts);
  const barPx = bar * view.pxPerBeat;
  let barEvery = 1;
  while (barPx * barEvery < minBarPx) barEvery *= 2;
  const unitPx = unit * view.pxPerBeat;
  const showBeats = barEvery === 1 && unitPx >= 12;
  const showSubs = showBeats && view.pxPerBeat >= 48;
  const step = showSubs ? 0.25 : showBeats ? unit : bar;

  const lines: GridLine[] = [];
  const first = Math.floor(view.scrollBeats / step) * step;
  const last = xToBeat(width, view);
  for (let i = 0; ; i++) {
    const beat = roundBeats(first + i * step);
    if (beat > last) break;
    const barIndex = beat / bar;
    const onBar = Math.abs(barIndex - Math.round(barIndex)) < EPSILON;
    let kind: GridLine['kind'];
    if (onBar) {
      if (Math.round(barIndex) % barEvery !== 0) continue;
      kind = 'bar';
    } else {
      const unitIndex = beat / unit;
      kind = Math.abs(unitIndex - Math.round(unitIndex)) < EPSILON ? 'beat' : 'sub';
    }
    const line: GridLine = { x: beatToX(beat, view), beat, kind };
    if (kind === 'bar') line.label = Math.round(barIndex) + 1;
    lines.push(line);
  }
  return lines;
}

export interface BarsBeats {
  bar: number;
  beat: number;
  sixteenth: number;
}

/** 1-based bar, beat (of the signature's unit) and sixteenth of a position. */
export function toBarsBeats(beat: number, ts: TimeSignature): BarsBeats {
  const bar = beatsPerBar(ts);
  const unit = beatUnit(ts);
  const b = Math.max(0, beat) + EPSILON;
  const barIndex = Math.floor(b / bar);
  const inBar = b - barIndex * bar;
  const beatIndex = Math.floor(inBar / unit);
  const sixteenth = Math.floor((inBar - beatIndex * unit) / 0.25);
  return { bar: barIndex + 1, beat: beatIndex + 1, sixteenth: sixteenth + 1 };
}

/** "3:2:1": bar 3, beat 2, first sixteenth. */
export function formatBarsBeats(beat: number, ts: TimeSignature): string {
  const p = toBarsBeats(beat, ts);
  return `${p.bar}:${p.beat}:${p.sixteenth}`;
}

/** "1:05.250": minutes, seconds, milliseconds. */
export function formatTime(seconds: number): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const m = Math.floor(ms / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${m}:${String(s).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;
}

export const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));
