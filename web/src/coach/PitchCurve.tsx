import { useEffect, useRef } from 'react';
import type { CoachController } from './coach-controller';
import type { PitchPoint, TakeState } from './coach-session';
import { gridLines, midiToY, noteName, PITCH_COLOURS, type TimeAxis, timeToX, visibleSince } from './pitch-map';

const AXIS: Omit<TimeAxis, 'width'> = { secondsVisible: 6, nowFraction: 0.7 };
const LABEL_WIDTH = 34;
const TIMING_COLOURS = { early: '#40a9ff', late: '#ff7a45', 'on-time': '#52c41a' } as const;
/** Semitones shown when the reference is a key (its lanes would not fit): follows the singer. */
const KEY_WINDOW = 14;
/** Consecutive frames further apart than this are a new note, drawn unjoined. */
const MAX_JOIN_SEMITONES = 1.5;

export interface CurveGrid {
  bpm: number;
  beatsPerBar: number;
}

/**
 * The scrolling pitch curve: note lanes (the reference's highlighted, a
 * melody's notes as bars to sing), the beat grid, the sung pitch coloured by
 * how far off it is, and onset marks coloured early / on time / late. Drawn
 * on every animation frame while a take runs, straight from the
 * controller's state (no React render per frame); each frame it reports the
 * newest point drawn, which ends that frame's latency trace.
 */
export function PitchCurve(props: { controller: CoachController; grid: CurveGrid; label: string }) {
  const { controller, grid, label } = props;
  const canvasRef = useRef<HTMLCanvasElement | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let frame = 0;
    let drawn: TakeState | null = null;
    let width = 0;
    let height = 0;
    const resize = () => {
      const ratio = window.devicePixelRatio || 1;
      width = canvas.clientWidth;
      height = canvas.clientHeight;
      canvas.width = Math.max(1, Math.round(width * ratio));
      canvas.height = Math.max(1, Math.round(height * ratio));
      drawn = null;
    };
    resize();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(resize);
    observer?.observe(canvas);
    const tick = () => {
      frame = requestAnimationFrame(tick);
      const take = controller.state.take;
      if (take === drawn) return;
      const g = canvas.getContext('2d');
      if (!g) return;
      g.setTransform(window.devicePixelRatio || 1, 0, 0, window.devicePixelRatio || 1, 0, 0);
      drawCurve(g, width, height, take, grid);
      drawn = take;
      const newest = take.points.at(-1);
      if (newest) controller.markDrawn(newest.seq);
    };
    frame = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(frame);
      observer?.disconnect();
    };
  }, [controller, grid]);

  return <canvas ref={canvasRef} className="coach-curve" role="img" aria-label={label} />;
}

/** The MIDI range drawn: the reference's lanes, or for a key, a window around what is being sung. */
export function curveRange(take: Pick<TakeState, 'target' | 'lanes' | 'points'>): { low: number; high: number } {
  if (take.target?.kind === 'scale' || !take.lanes.length) {
    const recent = take.points
      .slice(-40)
      .map((p) => p.pitch)
      .filter((p): p is number => p !== null)
      .sort((a, b) => a - b);
    const centre = recent.length ? recent[Math.floor(recent.length / 2)]! : 62;
    const low = Math.round(centre) - Math.floor(KEY_WINDOW / 2);
    return { low, high: low + KEY_WINDOW };
  }
  const low = Math.min(...take.lanes) - 2;
  const high = Math.max(...take.lanes) + 2;
  const grow = Math.max(0, 12 - (high - low));
  return { low: low - Math.floor(grow / 2), high: high + Math.ceil(grow / 2) };
}

function drawCurve(g: CanvasRenderingContext2D, width: number, height: number, take: TakeState, grid: CurveGrid): void {
  const range = curveRange(take);
  const laneHeight = height / (range.high - range.low + 1);
  const plotWidth = width - LABEL_WIDTH;
  const axis: TimeAxis = { ...AXIS, width: plotWidth };
  const x = (seconds: number) => LABEL_WIDTH + timeToX(seconds, take.now, axis);
  const y = (midi: number) => midiToY(midi, range, height);
  const lanes = new Set(take.lanes);

  g.clearRect(0, 0, width, height);
  g.fillStyle = '#111418';
  g.fillRect(0, 0, width, height);
  g.font = '10px system-ui, sans-serif';
  g.textBaseline = 'middle';
  for (let midi = range.low; midi <= range.high; midi++) {
    const top = y(midi) - laneHeight / 2;
    const isLane = lanes.has(midi);
    const black = [1, 3, 6, 8, 10].includes(((midi % 12) + 12) % 12);
    g.fillStyle = isLane ? 'rgba(255, 197, 61, 0.13)' : black ? '#15181d' : '#191d23';
    g.fillRect(LABEL_WIDTH, top, plotWidth, laneHeight);
    // A hairline between lanes, so neighbouring reference notes (E and F) stay two lanes.
    g.fillStyle = 'rgba(0, 0, 0, 0.45)';
    g.fillRect(LABEL_WIDTH, Math.round(top), plotWidth, 1);
    g.fillStyle = isLane ? '#ffd666' : '#5c6370';
    if (laneHeight >= 9 || isLane) g.fillText(noteName(midi), 3, y(midi));
  }

  // The beat grid, bars stronger.
  const since = visibleSince(take.now, axis);
  for (const line of gridLines(Math.max(0, since), take.now + AXIS.secondsVisible, grid.bpm, grid.beatsPerBar)) {
    g.strokeStyle = line.bar ? 'rgba(255,255,255,0.22)' : 'rgba(255,255,255,0.08)';
    g.beginPath();
    g.moveTo(x(line.seconds), 0);
    g.lineTo(x(line.seconds), height);
    g.stroke();
  }

  // A melody's notes: the bars to sing, scrolling towards the now line.
  if (take.target?.kind === 'melody') {
    g.fillStyle = 'rgba(255, 214, 102, 0.35)';
    for (const note of take.target.notes) {
      const left = x(note.startSeconds);
      const right = x(note.startSeconds + note.durationSeconds);
      if (right < LABEL_WIDTH || left > width) continue;
      g.fillRect(Math.max(LABEL_WIDTH, left), y(note.midi) - laneHeight * 0.35, right - Math.max(LABEL_WIDTH, left), laneHeight * 0.7);
    }
  }

  // The sung pitch: segments between consecutive voiced frames, coloured by the later one.
  g.lineWidth = 3;
  g.lineCap = 'round';
  let previous: PitchPoint | null = null;
  for (const point of take.points) {
    if (point.time < since - 0.05 || point.pitch === null) {
      previous = point.pitch === null ? null : point;
      continue;
    }
    const px = x(point.time);
    const py = y(point.pitch);
    g.strokeStyle = PITCH_COLOURS[point.className];
    g.beginPath();
    // Joined to the frame before unless a gap or a leap (a new note, not a slide) lies between them.
    if (previous?.pitch != null && point.time - previous.time < 0.05 && Math.abs(point.pitch - previous.pitch) < MAX_JOIN_SEMITONES) g.moveTo(x(previous.time), y(previous.pitch));
    else g.moveTo(px - 1, py);
    g.lineTo(px, py);
    g.stroke();
    previous = point;
  }

  // Onsets against the grid: a tick at the bottom, early blue, late orange, on time green.
  for (const onset of take.onsets) {
    const ox = x(onset.time);
    if (ox < LABEL_WIDTH || ox > width) continue;
    g.fillStyle = onset.timing ? TIMING_COLOURS[onset.timing] : '#8b94a3';
    g.beginPath();
    g.moveTo(ox, height - 10);
    g.lineTo(ox - 5, height);
    g.lineTo(ox + 5, height);
    g.closePath();
    g.fill();
  }

  // Now.
  const nowX = x(take.now);
  g.strokeStyle = 'rgba(255,255,255,0.6)';
  g.lineWidth = 1;
  g.beginPath();
  g.moveTo(nowX, 0);
  g.lineTo(nowX, height);
  g.stroke();
}
