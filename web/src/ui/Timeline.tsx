import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Clip } from '../api/types';
import { useStore } from '../state/store';
import { displayedClip } from '../studio/state';
import type { Studio } from '../studio/studio';
import { type ClipFields, type ClipShape, dragGain, moveClip, setFade, trimEnd, trimStart } from '../timeline/clip-edit';
import { LIVE_PEAK_FRAMES } from '../audio/recorder';
import { type DrawClip, type DrawScene, drawPlayhead, drawTimeline } from '../timeline/draw';
import { beatToX, beatsPerBar, scrollBy, secondsPerBeat, snapBeat, xToBeat } from '../timeline/grid';
import { clipRect, contentHeight, type Hit, hitTest, LANES_TOP, laneAt, type TimelineLayout, TRACK_HEIGHT } from '../timeline/layout';
import type { DropTarget } from '../studio/import';
import { activeTakesLast, takeBadges } from '../studio/takes';
import { PromptDialog } from './Dialog';
import { useStudio } from './StudioPage';
import { TakePicker } from './TakePicker';

const RECORDING_CLIP: DrawClip = {
  id: '__recording',
  trackId: '',
  name: '● Recording',
  startBeat: 0,
  lengthBeats: 0,
  gainDb: 0,
  fadeInSeconds: 0,
  fadeOutSeconds: 0,
  sourceOffsetSeconds: 0,
  audioFileId: '__recording',
  notes: null,
  recording: true,
};

type Gesture =
  | { kind: 'clip'; part: Extract<Hit, { kind: 'clip' }>['part']; clip: Clip; startX: number; startY: number; moved: boolean; fields: ClipFields }
  | { kind: 'loop'; startBeat: number; moved: boolean; startX: number }
  | { kind: 'marker'; markerId: string; startX: number; origin: number; moved: boolean; beat: number }
  | { kind: 'scrub' };

/** The arrangement: a canvas for the lanes, a canvas for the playhead, pointer gestures and file drops. */
export function Timeline(props: { onDropFiles: (files: File[], target: DropTarget) => void }) {
  const studio = useStudio();
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const gesture = useRef<Gesture | null>(null);
  const [size, setSize] = useState({ width: 800, height: 400 });
  const [cursor, setCursor] = useState('default');
  const [renamingMarker, setRenamingMarker] = useState<{ id: string; name: string } | null>(null);
  const [dropHint, setDropHint] = useState(false);
  const drawn = useRef(false);
  const state = useStore(studio.store, (s) => s);

  // Follow the element's size (the canvas is drawn at the device's pixel ratio).
  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry!.contentRect;
      setSize({ width: Math.max(100, Math.floor(width)), height: Math.max(100, Math.floor(height)) });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const layout = useCallback(
    (): TimelineLayout => ({
      view: studio.state.view,
      scrollY: studio.state.scrollY,
      width: size.width,
      height: size.height,
      bpm: studio.state.project?.bpm ?? 120,
      trackIds: studio.state.tracks.map((t) => t.id),
    }),
    [studio, size],
  );

  // The clips as drawn, in drawing order: worked out when they change, not on every scroll or zoom.
  const { clips: stateClips, pending, takeGroups } = state;
  const drawClips = useMemo((): DrawClip[] => {
    const active = new Map(takeGroups.map((g) => [g.id, g.activeClipId]));
    return activeTakesLast(stateClips, takeGroups).map((c) => ({
      ...displayedClip({ pending }, c),
      inactive: Boolean(c.takeGroupId && active.has(c.takeGroupId) && active.get(c.takeGroupId) !== c.id),
    }));
  }, [stateClips, pending, takeGroups]);

  // Redraw the scene when anything it shows changes.
  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas && prepare(canvas, size.width, size.height);
    if (!ctx || !state.project) return;
    const clips = [...drawClips];
    const peaks: Record<string, DrawScene['peaks'][string]> = { ...state.peaks };
    const rec = state.recording;
    if (rec) {
      // The take as it is being recorded: a red clip growing from where recording began.
      clips.push({ ...RECORDING_CLIP, trackId: rec.trackId, startBeat: rec.startBeat, lengthBeats: Math.max(0.05, rec.seconds / secondsPerBeat(state.project.bpm)) });
      peaks[RECORDING_CLIP.audioFileId!] = { sampleRate: rec.sampleRate, samplesPerPeak: LIVE_PEAK_FRAMES, length: rec.peaks.length / 2, bits: 16, data: rec.peaks };
    }
    drawTimeline(ctx, {
      layout: layout(),
      timeSignature: state.project.timeSignature,
      tracks: state.tracks,
      clips,
      markers: state.markers,
      peaks,
      selectedClipIds: new Set(state.selectedClipIds),
      selectedTrackId: state.selectedTrackId,
      selectedMarkerId: state.selectedMarkerId,
      loop: state.loop,
    });
    if (!drawn.current) {
      drawn.current = true;
      // The studio is usable from its first drawn timeline: what time-to-interactive is measured to (bench:web).
      performance.mark('dawg:timeline-ready');
    }
  }, [state, drawClips, size, layout]);

  // The playhead: every frame while playing, following the audio clock; the view pages along with it.
  useEffect(() => {
    const overlay = overlayRef.current;
    const ctx = overlay && prepare(overlay, size.width, size.height);
    if (!ctx) return;
    let frame = 0;
    const paint = () => {
      const view = studio.state.view;
      const beat = studio.playhead;
      let x = beatToX(beat, view);
      if (state.playing && (x > size.width * 0.92 || x < 0)) {
        studio.setView({ ...view, scrollBeats: Math.max(0, beat - (size.width * 0.08) / view.pxPerBeat) });
        x = beatToX(beat, studio.state.view);
      }
      drawPlayhead(ctx, size.width, size.height, x);
      if (state.playing) frame = requestAnimationFrame(paint);
    };
    paint();
    return () => cancelAnimationFrame(frame);
  }, [studio, state.playing, state.positionBeats, state.view, size]);

  const pointFor = (e: { clientX: number; clientY: number }) => {
    const rect = canvasRef.current!.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };

  // In drawing order: a region's active take is on top, so it is the one grabbed.
  const visibleClips = () => activeTakesLast(studio.state.clips, studio.state.takeGroups).map((c) => displayedClip(studio.state, c));
  const badges = useMemo(() => takeBadges(state.takeGroups, state.clips), [state.takeGroups, state.clips]);

  const onPointerDown = (e: React.PointerEvent) => {
    if (e.button !== 0 || !studio.state.project) return;
    const { x, y } = pointFor(e);
    const hit = hitTest(layout(), visibleClips(), studio.state.markers, x, y);
    (e.target as Element).setPointerCapture(e.pointerId);
    wrapRef.current?.focus();
    switch (hit.kind) {
      case 'ruler':
        gesture.current = { kind: 'loop', startBeat: snapBeat(hit.beat, studio.state.snap, studio.state.project.timeSignature), moved: false, startX: x };
        return;
      case 'marker': {
        const marker = studio.state.markers.find((m) => m.id === hit.markerId)!;
        studio.store.set({ selectedMarkerId: marker.id, selectedClipIds: [] });
        gesture.current = { kind: 'marker', markerId: marker.id, startX: x, origin: marker.beat, moved: false, beat: marker.beat };
        return;
      }
      case 'marker-lane':
        studio.store.set({ selectedMarkerId: null });
        return;
      case 'clip': {
        const clip = studio.clip(hit.clipId);
        if (!clip) return;
        if (!studio.state.selectedClipIds.includes(clip.id) || e.shiftKey) studio.selectClip(clip.id, e.shiftKey);
        gesture.current = { kind: 'clip', part: hit.part, clip: displayedClip(studio.state, clip), startX: x, startY: y, moved: false, fields: {} };
        return;
      }
      case 'lane':
        studio.selectClip(null);
        studio.selectTrack(hit.trackId);
        studio.seek(snapBeat(hit.beat, studio.state.snap, studio.state.project.timeSignature));
        gesture.current = { kind: 'scrub' };
        return;
      case 'empty':
        studio.selectClip(null);
        studio.seek(snapBeat(hit.beat, studio.state.snap, studio.state.project.timeSignature));
        return;
    }
  };

  const onPointerMove = (e: React.PointerEvent) => {
    const project = studio.state.project;
    if (!project) return;
    const { x, y } = pointFor(e);
    const g = gesture.current;
    if (!g) {
      setCursor(cursorFor(hitTest(layout(), visibleClips(), studio.state.markers, x, y)));
      return;
    }
    const view = studio.state.view;
    if (g.kind === 'scrub') return;
    if (g.kind === 'loop') {
      if (Math.abs(x - g.startX) < 4 && !g.moved) return;
      g.moved = true;
      const beat = snapBeat(xToBeat(x, view), studio.state.snap, project.timeSignature);
      if (beat !== g.startBeat) studio.setLoop({ enabled: true, startBeat: Math.min(g.startBeat, beat), endBeat: Math.max(g.startBeat, beat) });
      return;
    }
    if (g.kind === 'marker') {
      if (Math.abs(x - g.startX) < 3 && !g.moved) return;
      g.moved = true;
      g.beat = snapBeat(g.origin + (x - g.startX) / view.pxPerBeat, studio.state.snap, project.timeSignature);
      studio.store.set((s) => ({ markers: s.markers.map((m) => (m.id === g.markerId ? { ...m, beat: g.beat } : m)) }));
      return;
    }
    if (Math.abs(x - g.startX) < 3 && Math.abs(y - g.startY) < 3 && !g.moved) return;
    g.moved = true;
    g.fields = clipGestureFields(studio, g, x, y, layout());
    studio.store.set((s) => ({ pending: { ...s.pending, [g.clip.id]: g.fields } }));
  };

  const onPointerUp = (e: React.PointerEvent) => {
    const g = gesture.current;
    gesture.current = null;
    if (!g) return;
    const project = studio.state.project!;
    if (g.kind === 'loop' && !g.moved) {
      studio.seek(g.startBeat);
    } else if (g.kind === 'marker') {
      if (g.moved) {
        const original = g.origin;
        // Put the marker back until the api confirms the move (an error reloads anyway).
        studio.store.set((s) => ({ markers: s.markers.map((m) => (m.id === g.markerId ? { ...m, beat: original } : m)) }));
        void studio.editMarker(g.markerId, { beat: g.beat }, 'Move marker');
      }
    } else if (g.kind === 'clip') {
      if (g.moved) void studio.editClip(g.clip.id, g.fields, gestureLabel(g.part));
      else if (e.detail < 2) {
        // A click (not a drag) also moves the playhead there, as in most DAWs.
        const { x } = pointFor(e);
        studio.seek(snapBeat(xToBeat(x, studio.state.view), studio.state.snap, project.timeSignature));
      }
    }
  };

  const onDoubleClick = (e: React.MouseEvent) => {
    const project = studio.state.project;
    if (!project) return;
    const { x, y } = pointFor(e);
    const hit = hitTest(layout(), visibleClips(), studio.state.markers, x, y);
    if (hit.kind === 'marker') {
      const marker = studio.state.markers.find((m) => m.id === hit.markerId);
      if (marker) setRenamingMarker({ id: marker.id, name: marker.name });
    } else if (hit.kind === 'marker-lane') {
      void studio.addMarker(snapBeat(hit.beat, studio.state.snap, project.timeSignature));
    } else if (hit.kind === 'lane') {
      const track = studio.state.tracks.find((t) => t.id === hit.trackId);
      if (track?.kind === 'midi') {
        const bar = beatsPerBar(project.timeSignature);
        void studio.placeClip({ trackId: track.id, name: 'MIDI clip', startBeat: Math.floor(hit.beat / bar) * bar, lengthBeats: bar, notes: [] }, 'Add MIDI clip');
      } else {
        studio.toast('info', 'Drop an audio file here to place it on this track.');
      }
    }
  };

  const onWheel = (e: React.WheelEvent) => {
    if (e.ctrlKey || e.metaKey) {
      studio.zoom(Math.exp(-e.deltaY * 0.0015), pointFor(e).x);
    } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
      studio.setView(scrollBy(studio.state.view, e.shiftKey ? e.deltaY : e.deltaX));
    } else {
      const max = Math.max(0, contentHeight(studio.state.tracks.length) - size.height);
      studio.store.set((s) => ({ scrollY: Math.max(0, Math.min(max, s.scrollY + e.deltaY)) }));
    }
  };

  // Ctrl/⌘+wheel zooms the timeline, not the page: React's wheel listener is passive, so a native one prevents it.
  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const prevent = (e: WheelEvent) => e.preventDefault();
    el.addEventListener('wheel', prevent, { passive: false });
    return () => el.removeEventListener('wheel', prevent);
  }, []);

  const dropTarget = (e: React.DragEvent): DropTarget => {
    const { x, y } = pointFor(e);
    const lane = laneAt(layout(), y);
    const project = studio.state.project;
    const beat = project ? snapBeat(xToBeat(x, studio.state.view), studio.state.snap, project.timeSignature) : 0;
    return { trackId: lane >= 0 ? studio.state.tracks[lane]!.id : null, beat };
  };

  return (
    <div
      className={`timeline${dropHint ? ' drop-hint' : ''}`}
      ref={wrapRef}
      tabIndex={0}
      role="application"
      aria-label="Timeline: drag clips to move, their edges to trim, the squares to fade and the dot to change gain; drag in the ruler to set the loop; drop audio or MIDI files to import"
      onDragOver={(e) => {
        if (![...e.dataTransfer.types].includes('Files')) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDropHint(true);
      }}
      onDragLeave={() => setDropHint(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDropHint(false);
        const files = [...e.dataTransfer.files];
        if (files.length) props.onDropFiles(files, dropTarget(e));
      }}
    >
      <canvas
        ref={canvasRef}
        className="timeline-canvas"
        data-testid="timeline-canvas"
        style={{ cursor }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          gesture.current = null;
          studio.store.set({ pending: {} });
        }}
        onDoubleClick={onDoubleClick}
        onWheel={onWheel}
      />
      <canvas ref={overlayRef} className="timeline-overlay" aria-hidden="true" />
      {badges.map((badge) => {
        const clip = studio.clip(badge.activeClipId);
        const rect = clip && clipRect(layout(), displayedClip(state, clip));
        // Only on takes in view (and wide enough to carry it); the lanes start below the ruler and markers.
        if (!rect || rect.w < 56 || rect.x + rect.w < 60 || rect.x > size.width || rect.y < LANES_TOP || rect.y > size.height - 16) return null;
        return (
          <TakePicker
            key={badge.takeGroupId}
            badge={badge}
            style={{ left: Math.min(rect.x + rect.w, size.width) - 3, top: rect.y + 0.5 }}
            opens={Math.min(rect.x + rect.w, size.width) > 200 ? 'left' : 'right'}
            onChoose={(clipId) => void studio.chooseTake(badge.takeGroupId, clipId)}
          />
        );
      })}
      {state.tracks.length > 0 && state.clips.length === 0 && (
        <div className="timeline-hint" style={{ top: 60 + state.tracks.length * TRACK_HEIGHT }}>
          Drop audio or MIDI files onto a track · double-click a MIDI lane to add a clip · double-click the marker lane to add a section
        </div>
      )}
      {renamingMarker && (
        <PromptDialog
          title="Rename marker"
          label="Name"
          initial={renamingMarker.name}
          submitLabel="Rename"
          onClose={() => setRenamingMarker(null)}
          onSubmit={(name) => {
            const id = renamingMarker.id;
            setRenamingMarker(null);
            void studio.editMarker(id, { name }, 'Rename marker');
          }}
        />
      )}
    </div>
  );
}

/** The fields a clip gesture would set with the pointer at (x, y). */
function clipGestureFields(studio: Studio, g: Extract<Gesture, { kind: 'clip' }>, x: number, y: number, layout: TimelineLayout): ClipFields {
  const project = studio.state.project!;
  const { snap, view } = studio.state;
  const clip = g.clip as ClipShape;
  const dx = (x - g.startX) / view.pxPerBeat;
  const tempo = { bpm: project.bpm, timeSignature: project.timeSignature };
  const pxPerSecond = view.pxPerBeat / secondsPerBeat(project.bpm);
  switch (g.part) {
    case 'body': {
      // Across lanes too, onto a track of the same kind.
      const lane = laneAt(layout, y);
      const target = lane >= 0 ? studio.state.tracks[lane] : undefined;
      const source = studio.state.tracks.find((t) => t.id === clip.trackId);
      const trackId = target && source && target.kind === source.kind ? target.id : clip.trackId;
      return moveClip(clip, dx, snap, project.timeSignature, trackId);
    }
    case 'start':
      return trimStart(clip, clip.startBeat + dx, snap, tempo);
    case 'end': {
      const duration = clip.audioFileId ? (studio.state.audio[clip.audioFileId]?.durationSeconds ?? undefined) : undefined;
      return trimEnd(clip, clip.startBeat + clip.lengthBeats + dx, snap, tempo, duration);
    }
    case 'fade-in':
      return setFade(clip, 'in', clip.fadeInSeconds + (x - g.startX) / pxPerSecond, project.bpm);
    case 'fade-out':
      return setFade(clip, 'out', clip.fadeOutSeconds - (x - g.startX) / pxPerSecond, project.bpm);
    case 'gain':
      return { gainDb: dragGain(clip.gainDb, g.startY - y) };
  }
}

function gestureLabel(part: Extract<Hit, { kind: 'clip' }>['part']): string {
  return { body: 'Move clip', start: 'Trim clip start', end: 'Trim clip end', 'fade-in': 'Fade in', 'fade-out': 'Fade out', gain: 'Clip gain' }[part];
}

function cursorFor(hit: Hit): string {
  if (hit.kind === 'clip') return hit.part === 'start' || hit.part === 'end' ? 'ew-resize' : hit.part === 'gain' ? 'ns-resize' : hit.part === 'body' ? 'grab' : 'col-resize';
  if (hit.kind === 'marker') return 'grab';
  if (hit.kind === 'ruler') return 'text';
  return 'default';
}

/** Sizes a canvas for the device pixel ratio and answers its context, scaled to CSS pixels. */
function prepare(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}
