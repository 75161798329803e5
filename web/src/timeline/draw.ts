/**
 * Draws the timeline on a 2D canvas: ruler with bar numbers and the loop
 * region, section markers, track lanes with the grid, clips (waveform from
 * stored peaks, or MIDI notes), fade and gain handles, the selection.
 * The playhead is drawn on its own overlay so playback only repaints a line.
 */
import { beatToX, gridLines, secondsPerBeat, type TimeSignature } from './grid';
import {
  CLIP_HEADER,
  clipRect,
  fadeHandles,
  laneIndex,
  gainLineY,
  LANES_TOP,
  laneTop,
  MARKER_LANE_HEIGHT,
  RULER_HEIGHT,
  TRACK_HEIGHT,
  type TimelineLayout,
} from './layout';
import { waveformColumns, type WaveformPeaks } from './waveform';

export const COLORS = {
  background: '#121418',
  laneA: '#16191f',
  laneB: '#181c22',
  laneSelected: '#1d222b',
  ruler: '#0d0f12',
  rulerText: '#8b94a3',
  bar: '#2b313b',
  beat: '#20252d',
  sub: '#1a1e25',
  marker: '#ffc53d',
  loop: 'rgba(64, 169, 255, 0.12)',
  loopOff: 'rgba(140, 150, 165, 0.08)',
  loopBar: '#40a9ff',
  loopBarOff: '#4a5260',
  playhead: '#ff5b3a',
  recording: '#ff4d4f',
  selection: '#ffffff',
  text: '#e6e9ef',
};

export interface DrawClip {
  id: string;
  trackId: string;
  name: string;
  startBeat: number;
  lengthBeats: number;
  gainDb: number;
  fadeInSeconds: number;
  fadeOutSeconds: number;
  sourceOffsetSeconds: number;
  audioFileId: string | null;
  notes: Array<{ pitch: number; startBeat: number; lengthBeats: number; velocity: number }> | null;
  /** An inactive take of a take group: drawn dimmed. */
  inactive?: boolean;
  /** The take being recorded: drawn in red as it grows. */
  recording?: boolean;
}

export interface DrawScene {
  layout: TimelineLayout;
  timeSignature: TimeSignature;
  tracks: ReadonlyArray<{ id: string; color: string; kind: string; mute: boolean }>;
  clips: readonly DrawClip[];
  markers: ReadonlyArray<{ id: string; beat: number; name: string; color: string }>;
  peaks: Readonly<Record<string, WaveformPeaks | null>>;
  selectedClipIds: ReadonlySet<string>;
  selectedTrackId: string | null;
  selectedMarkerId: string | null;
  loop: { enabled: boolean; startBeat: number; endBeat: number };
}

export function drawTimeline(ctx: CanvasRenderingContext2D, scene: DrawScene): void {
  const { layout } = scene;
  const { width, height, view } = layout;
  ctx.fillStyle = COLORS.background;
  ctx.fillRect(0, 0, width, height);

  // Lanes.
  scene.tracks.forEach((track, i) => {
    const y = laneTop(i, layout.scrollY);
    if (y + TRACK_HEIGHT < LANES_TOP || y > height) return;
    ctx.fillStyle = track.id === scene.selectedTrackId ? COLORS.laneSelected : i % 2 ? COLORS.laneB : COLORS.laneA;
    ctx.fillRect(0, y, width, TRACK_HEIGHT);
    ctx.fillStyle = '#0e1014';
    ctx.fillRect(0, y + TRACK_HEIGHT - 1, width, 1);
  });

  // Grid.
  const lines = gridLines(view, width, scene.timeSignature);
  for (const line of lines) {
    ctx.fillStyle = line.kind === 'bar' ? COLORS.bar : line.kind === 'beat' ? COLORS.beat : COLORS.sub;
    ctx.fillRect(Math.round(line.x), LANES_TOP, 1, height - LANES_TOP);
  }

  // Loop region across the lanes.
  const loopX0 = beatToX(scene.loop.startBeat, view);
  const loopX1 = beatToX(scene.loop.endBeat, view);
  if (scene.loop.enabled) {
    ctx.fillStyle = COLORS.loop;
    ctx.fillRect(loopX0, LANES_TOP, loopX1 - loopX0, height - LANES_TOP);
  }

  // Clips.
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, LANES_TOP, width, height - LANES_TOP);
  ctx.clip();
  const trackById = new Map(scene.tracks.map((t) => [t.id, t]));
  const lanes = laneIndex(layout);
  // Only what is in view is drawn: with thousands of clips most are off screen, and cost nothing beyond this test.
  const firstBeat = view.scrollBeats;
  const lastBeat = view.scrollBeats + width / view.pxPerBeat;
  for (const clip of scene.clips) {
    if (clip.startBeat > lastBeat || clip.startBeat + clip.lengthBeats < firstBeat) continue;
    const rect = clipRect(layout, clip, lanes);
    if (!rect || rect.x > width || rect.x + rect.w < 0 || rect.y > height || rect.y + rect.h < LANES_TOP) continue;
    const color = clip.recording ? COLORS.recording : (trackById.get(clip.trackId)?.color ?? '#888');
    drawClip(ctx, scene, clip, rect, color, scene.selectedClipIds.has(clip.id), trackById.get(clip.trackId)?.mute ?? false);
  }
  ctx.restore();

  drawRuler(ctx, scene, lines, loopX0, loopX1);
  drawMarkers(ctx, scene);
}

function drawRuler(ctx: CanvasRenderingContext2D, scene: DrawScene, lines: ReturnType<typeof gridLines>, loopX0: number, loopX1: number): void {
  const { width } = scene.layout;
  ctx.fillStyle = COLORS.ruler;
  ctx.fillRect(0, 0, width, RULER_HEIGHT);
  // Loop bar along the top of the ruler.
  ctx.fillStyle = scene.loop.enabled ? COLORS.loopBar : COLORS.loopBarOff;
  ctx.fillRect(loopX0, 0, Math.max(2, loopX1 - loopX0), 4);
  ctx.fillStyle = scene.loop.enabled ? COLORS.loop : COLORS.loopOff;
  ctx.fillRect(loopX0, 4, Math.max(2, loopX1 - loopX0), RULER_HEIGHT - 4);

  ctx.font = '11px Inter, system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  for (const line of lines) {
    const x = Math.round(line.x);
    if (line.kind === 'bar') {
      ctx.fillStyle = '#3a414d';
      ctx.fillRect(x, 8, 1, RULER_HEIGHT - 8);
      ctx.fillStyle = COLORS.rulerText;
      ctx.fillText(String(line.label), x + 4, RULER_HEIGHT / 2 + 3);
    } else if (line.kind === 'beat') {
      ctx.fillStyle = '#2a3039';
      ctx.fillRect(x, RULER_HEIGHT - 7, 1, 7);
    }
  }
  ctx.fillStyle = '#262b33';
  ctx.fillRect(0, RULER_HEIGHT - 1, width, 1);
}

function drawMarkers(ctx: CanvasRenderingContext2D, scene: DrawScene): void {
  const { width, view } = scene.layout;
  ctx.fillStyle = '#101216';
  ctx.fillRect(0, RULER_HEIGHT, width, MARKER_LANE_HEIGHT);
  ctx.font = '600 11px Inter, system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  for (const marker of scene.markers) {
    const x = beatToX(marker.beat, view);
    if (x > width || x < -150) continue;
    const label = marker.name.length > 20 ? `${marker.name.slice(0, 19)}…` : marker.name;
    const w = Math.min(140, 16 + label.length * 6.5);
    const selected = marker.id === scene.selectedMarkerId;
    ctx.fillStyle = marker.color || COLORS.marker;
    ctx.globalAlpha = selected ? 1 : 0.85;
    ctx.beginPath();
    ctx.moveTo(x, RULER_HEIGHT + 3);
    ctx.lineTo(x + w, RULER_HEIGHT + 3);
    ctx.lineTo(x + w, RULER_HEIGHT + MARKER_LANE_HEIGHT - 3);
    ctx.lineTo(x, RULER_HEIGHT + MARKER_LANE_HEIGHT - 3);
    ctx.closePath();
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.fillStyle = '#15171c';
    ctx.fillText(label, x + 6, RULER_HEIGHT + MARKER_LANE_HEIGHT / 2 + 0.5);
    if (selected) {
      ctx.strokeStyle = COLORS.selection;
      ctx.lineWidth = 1.5;
      ctx.strokeRect(x + 0.5, RULER_HEIGHT + 3.5, w - 1, MARKER_LANE_HEIGHT - 7);
    }
    ctx.fillStyle = marker.color || COLORS.marker;
    ctx.globalAlpha = 0.35;
    ctx.fillRect(Math.round(x), LANES_TOP, 1, scene.layout.height - LANES_TOP);
    ctx.globalAlpha = 1;
  }
}

function drawClip(ctx: CanvasRenderingContext2D, scene: DrawScene, clip: DrawClip, rect: { x: number; y: number; w: number; h: number }, color: string, selected: boolean, muted: boolean): void {
  const { layout } = scene;
  ctx.save();
  ctx.globalAlpha = clip.inactive || muted ? 0.45 : 1;
  // Body and header strip.
  ctx.fillStyle = withAlpha(color, 0.22);
  roundRect(ctx, rect.x, rect.y, rect.w, rect.h, 4);
  ctx.fill();
  ctx.fillStyle = withAlpha(color, 0.85);
  roundRect(ctx, rect.x, rect.y, rect.w, CLIP_HEADER, [4, 4, 0, 0]);
  ctx.fill();

  ctx.beginPath();
  ctx.rect(rect.x + 1, rect.y, Math.max(0, rect.w - 2), rect.h);
  ctx.clip();

  // Name.
  if (rect.w > 30) {
    ctx.fillStyle = '#101216';
    ctx.font = '600 10.5px Inter, system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    ctx.fillText(clip.name || (clip.audioFileId ? 'Audio' : 'MIDI'), rect.x + 5, rect.y + CLIP_HEADER / 2 + 0.5);
  }

  const body = { x: rect.x, y: rect.y + CLIP_HEADER, w: rect.w, h: rect.h - CLIP_HEADER };
  if (clip.audioFileId) drawWaveform(ctx, scene, clip, body, color);
  else if (clip.notes) drawNotes(ctx, clip, body, layout.view.pxPerBeat, color);

  if (clip.audioFileId && !clip.recording) drawFadesAndGain(ctx, scene, clip, rect, color);
  ctx.restore();

  if (selected) {
    ctx.strokeStyle = COLORS.selection;
    ctx.lineWidth = 2;
    roundRect(ctx, rect.x + 1, rect.y + 1, rect.w - 2, rect.h - 2, 4);
    ctx.stroke();
  }
}

function drawWaveform(ctx: CanvasRenderingContext2D, scene: DrawScene, clip: DrawClip, body: { x: number; y: number; w: number; h: number }, color: string): void {
  const peaks = clip.audioFileId ? scene.peaks[clip.audioFileId] : null;
  const { layout } = scene;
  const x0 = Math.max(body.x, 0);
  const x1 = Math.min(body.x + body.w, layout.width);
  const columns = Math.floor(x1 - x0);
  const mid = body.y + body.h / 2;
  if (!peaks || columns <= 0) {
    ctx.fillStyle = withAlpha(color, 0.5);
    ctx.fillRect(x0, mid, Math.max(0, x1 - x0), 1);
    return;
  }
  const pxPerSecond = layout.view.pxPerBeat / secondsPerBeat(layout.bpm);
  const from = clip.sourceOffsetSeconds + (x0 - body.x) / pxPerSecond;
  const to = from + columns / pxPerSecond;
  const data = waveformColumns(peaks, from, to, columns);
  const gain = Math.min(4, 10 ** (clip.gainDb / 20));
  const half = body.h / 2 - 3;
  ctx.fillStyle = withAlpha(color, 0.95);
  for (let c = 0; c < columns; c++) {
    const min = Math.max(-1, data[c * 2]! * gain);
    const max = Math.min(1, data[c * 2 + 1]! * gain);
    const top = mid - max * half;
    const h = Math.max(1, (max - min) * half);
    ctx.fillRect(x0 + c, top, 1, h);
  }
}

function drawNotes(ctx: CanvasRenderingContext2D, clip: DrawClip, body: { x: number; y: number; w: number; h: number }, pxPerBeat: number, color: string): void {
  const notes = clip.notes ?? [];
  if (!notes.length) {
    ctx.fillStyle = withAlpha(color, 0.6);
    ctx.font = '10px Inter, system-ui, sans-serif';
    ctx.fillText('empty', body.x + 6, body.y + body.h / 2);
    return;
  }
  let lo = 127;
  let hi = 0;
  for (const n of notes) {
    lo = Math.min(lo, n.pitch);
    hi = Math.max(hi, n.pitch);
  }
  lo -= 1;
  hi += 1;
  const rowH = Math.max(1.5, Math.min(6, (body.h - 6) / (hi - lo + 1)));
  const span = (hi - lo + 1) * rowH;
  const top = body.y + (body.h - span) / 2;
  for (const n of notes) {
    if (n.startBeat >= clip.lengthBeats) continue;
    const x = body.x + n.startBeat * pxPerBeat;
    const w = Math.max(1.5, Math.min(n.lengthBeats, clip.lengthBeats - n.startBeat) * pxPerBeat - 1);
    const y = top + (hi - n.pitch) * rowH;
    ctx.fillStyle = withAlpha(color, 0.55 + (n.velocity / 127) * 0.45);
    ctx.fillRect(x, y, w, Math.max(1.5, rowH - 1));
  }
}

function drawFadesAndGain(ctx: CanvasRenderingContext2D, scene: DrawScene, clip: DrawClip, rect: { x: number; y: number; w: number; h: number }, color: string): void {
  const handles = fadeHandles(scene.layout, rect, clip);
  const top = rect.y + CLIP_HEADER;
  const bottom = rect.y + rect.h;
  // Fade curves: shaded triangles.
  ctx.fillStyle = 'rgba(0, 0, 0, 0.35)';
  if (clip.fadeInSeconds > 0) {
    ctx.beginPath();
    ctx.moveTo(rect.x, top);
    ctx.lineTo(handles.fadeIn.x, top);
    ctx.lineTo(rect.x, bottom);
    ctx.closePath();
    ctx.fill();
  }
  if (clip.fadeOutSeconds > 0) {
    ctx.beginPath();
    ctx.moveTo(rect.x + rect.w, top);
    ctx.lineTo(handles.fadeOut.x, top);
    ctx.lineTo(rect.x + rect.w, bottom);
    ctx.closePath();
    ctx.fill();
  }
  if (rect.w < 24) return;
  // Gain line and handles.
  const gy = gainLineY(rect, clip.gainDb);
  ctx.strokeStyle = withAlpha('#ffffff', 0.35);
  ctx.lineWidth = 1;
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  ctx.moveTo(rect.x, gy);
  ctx.lineTo(rect.x + rect.w, gy);
  ctx.stroke();
  ctx.setLineDash([]);
  for (const handle of [handles.fadeIn, handles.fadeOut]) {
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(handle.x - 3.5, handle.y - 3.5, 7, 7);
    ctx.strokeStyle = color;
    ctx.strokeRect(handle.x - 3.5, handle.y - 3.5, 7, 7);
  }
  ctx.fillStyle = '#ffffff';
  ctx.beginPath();
  ctx.arc(handles.gain.x, handles.gain.y, 4.5, 0, Math.PI * 2);
  ctx.fill();
  if (clip.gainDb !== 0 && rect.w > 80) {
    ctx.fillStyle = COLORS.text;
    ctx.font = '10px Inter, system-ui, sans-serif';
    ctx.fillText(`${clip.gainDb > 0 ? '+' : ''}${clip.gainDb.toFixed(1)} dB`, handles.gain.x + 8, handles.gain.y - 6);
  }
}

/** The playhead overlay. */
export function drawPlayhead(ctx: CanvasRenderingContext2D, width: number, height: number, x: number): void {
  ctx.clearRect(0, 0, width, height);
  if (x < -2 || x > width + 2) return;
  ctx.fillStyle = COLORS.playhead;
  ctx.fillRect(Math.round(x) - 1, 0, 2, height);
  ctx.beginPath();
  ctx.moveTo(x - 6, 0);
  ctx.lineTo(x + 6, 0);
  ctx.lineTo(x, 8);
  ctx.closePath();
  ctx.fill();
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number | number[]): void {
  ctx.beginPath();
  ctx.roundRect(x, y, Math.max(0, w), Math.max(0, h), r);
}

/** "#rrggbb" with an alpha, for fills derived from a track's colour. */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  return `rgba(${parseInt(m[1]!, 16)}, ${parseInt(m[2]!, 16)}, ${parseInt(m[3]!, 16)}, ${alpha})`;
}

