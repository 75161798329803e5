/**
 * Where things are on the timeline canvas, and what is under the pointer.
 * Pure: the canvas drawing and the pointer handling both read from here,
 * so what is drawn is exactly what can be grabbed.
 */
import { beatToX, secondsPerBeat, type Viewport, xToBeat } from './grid';

export const RULER_HEIGHT = 26;
export const MARKER_LANE_HEIGHT = 22;
export const LANES_TOP = RULER_HEIGHT + MARKER_LANE_HEIGHT;
export const TRACK_HEIGHT = 84;
export const CLIP_HEADER = 15;
const EDGE_PX = 6;
const HANDLE_RADIUS = 7;

export interface LayoutClip {
  id: string;
  trackId: string;
  startBeat: number;
  lengthBeats: number;
  gainDb: number;
  fadeInSeconds: number;
  fadeOutSeconds: number;
}

export interface LayoutMarker {
  id: string;
  beat: number;
  name: string;
}

export interface TimelineLayout {
  view: Viewport;
  scrollY: number;
  width: number;
  height: number;
  bpm: number;
  trackIds: readonly string[];
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const laneTop = (index: number, scrollY: number): number => LANES_TOP + index * TRACK_HEIGHT - scrollY;

export function laneAt(layout: TimelineLayout, y: number): number {
  if (y < LANES_TOP) return -1;
  const index = Math.floor((y - LANES_TOP + layout.scrollY) / TRACK_HEIGHT);
  return index >= 0 && index < layout.trackIds.length ? index : -1;
}

/** Each track's lane, for placing many clips (`clipRect`'s `lanes`): a map instead of a search per clip. */
export const laneIndex = (layout: Pick<TimelineLayout, 'trackIds'>): ReadonlyMap<string, number> => new Map(layout.trackIds.map((id, i) => [id, i]));

export function clipRect(layout: TimelineLayout, clip: LayoutClip, lanes?: ReadonlyMap<string, number>): Rect | null {
  const index = lanes ? (lanes.get(clip.trackId) ?? -1) : layout.trackIds.indexOf(clip.trackId);
  if (index < 0) return null;
  const x = beatToX(clip.startBeat, layout.view);
  return { x, y: laneTop(index, layout.scrollY) + 3, w: Math.max(2, clip.lengthBeats * layout.view.pxPerBeat), h: TRACK_HEIGHT - 6 };
}

/** -60..+24 dB mapped onto the clip's body: the gain line's height. */
export function gainLineY(rect: Rect, gainDb: number): number {
  const norm = Math.min(1, Math.max(0, (gainDb + 60) / 84));
  return rect.y + CLIP_HEADER + 4 + (1 - norm) * (rect.h - CLIP_HEADER - 8);
}

export function fadeHandles(layout: TimelineLayout, rect: Rect, clip: LayoutClip): { fadeIn: { x: number; y: number }; fadeOut: { x: number; y: number }; gain: { x: number; y: number } } {
  const pxPerSecond = layout.view.pxPerBeat / secondsPerBeat(layout.bpm);
  const y = rect.y + CLIP_HEADER + 2;
  return {
    fadeIn: { x: rect.x + Math.min(rect.w, clip.fadeInSeconds * pxPerSecond), y },
    fadeOut: { x: rect.x + rect.w - Math.min(rect.w, clip.fadeOutSeconds * pxPerSecond), y },
    gain: { x: rect.x + rect.w / 2, y: gainLineY(rect, clip.gainDb) },
  };
}

export type Hit =
  | { kind: 'ruler'; beat: number }
  | { kind: 'marker'; markerId: string; beat: number }
  | { kind: 'marker-lane'; beat: number }
  | { kind: 'clip'; part: 'body' | 'start' | 'end' | 'fade-in' | 'fade-out' | 'gain'; clipId: string; trackId: string; beat: number }
  | { kind: 'lane'; trackId: string; beat: number }
  | { kind: 'empty'; beat: number };

/** What is under the point (x, y) of the canvas; clips drawn last (on top) win. */
export function hitTest(layout: TimelineLayout, clips: readonly LayoutClip[], markers: readonly LayoutMarker[], x: number, y: number): Hit {
  const beat = Math.max(0, xToBeat(x, layout.view));
  if (y < RULER_HEIGHT) return { kind: 'ruler', beat };
  if (y < LANES_TOP) {
    for (const marker of [...markers].reverse()) {
      const mx = beatToX(marker.beat, layout.view);
      const w = Math.min(140, 16 + marker.name.length * 6.5);
      if (x >= mx - 3 && x <= mx + w) return { kind: 'marker', markerId: marker.id, beat };
    }
    return { kind: 'marker-lane', beat };
  }
  const lanes = laneIndex(layout);
  for (let i = clips.length - 1; i >= 0; i--) {
    const clip = clips[i]!;
    const rect = clipRect(layout, clip, lanes);
    if (!rect || x < rect.x - 2 || x > rect.x + rect.w + 2 || y < rect.y || y > rect.y + rect.h) continue;
    const handles = fadeHandles(layout, rect, clip);
    const near = (p: { x: number; y: number }) => Math.hypot(p.x - x, p.y - y) <= HANDLE_RADIUS;
    const at = (part: Extract<Hit, { kind: 'clip' }>['part']): Hit => ({ kind: 'clip', part, clipId: clip.id, trackId: clip.trackId, beat });
    if (rect.w >= 24) {
      if (near(handles.fadeIn)) return at('fade-in');
      if (near(handles.fadeOut)) return at('fade-out');
      if (near(handles.gain)) return at('gain');
    }
    const edge = Math.min(EDGE_PX, rect.w / 4);
    if (x <= rect.x + edge) return at('start');
    if (x >= rect.x + rect.w - edge) return at('end');
    return at('body');
  }
  const lane = laneAt(layout, y);
  if (lane >= 0) return { kind: 'lane', trackId: layout.trackIds[lane]!, beat };
  return { kind: 'empty', beat };
}

/** Total height of the lanes (for the vertical scroll range). */
export const contentHeight = (trackCount: number): number => LANES_TOP + trackCount * TRACK_HEIGHT + TRACK_HEIGHT;
