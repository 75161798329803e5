/** The studio's state: the project as the api has it, plus what is local to this screen. */
import type { PresenceMember } from '@dawg/contracts';
import type { Clip, Marker, Project, TakeGroup, Track, WaveformPeaks } from '../api/types';
import { createStore, type Store } from '../state/store';
import type { ClipFields } from '../timeline/clip-edit';
import type { Snap, Viewport } from '../timeline/grid';

export interface AudioInfo {
  id: string;
  fileName: string;
  durationSeconds: number | null;
}

export interface Toast {
  id: number;
  kind: 'info' | 'error' | 'conflict';
  text: string;
}

export interface Upload {
  id: string;
  name: string;
  progress: number;
  error?: string;
}

export interface LoopRegion {
  enabled: boolean;
  startBeat: number;
  endBeat: number;
}

export interface RecordingState {
  trackId: string;
  startBeat: number;
  /** The take so far, for the live waveform. */
  seconds: number;
  sampleRate: number;
  peaks: number[];
}

export interface StudioState {
  status: 'loading' | 'ready' | 'error';
  error?: string;
  project: Project | null;
  tracks: Track[];
  clips: Clip[];
  markers: Marker[];
  takeGroups: TakeGroup[];
  audio: Record<string, AudioInfo>;
  peaks: Record<string, WaveformPeaks | null>;
  /** Edits shown before the api confirms them (a dropped clip stays where it was dropped). */
  pending: Record<string, ClipFields>;
  /** Track values while a fader or knob is being dragged. */
  trackPreview: Record<string, Partial<Pick<Track, 'volumeDb' | 'pan'>>>;
  selectedClipIds: string[];
  selectedTrackId: string | null;
  selectedMarkerId: string | null;
  view: Viewport;
  scrollY: number;
  snap: Snap;
  loop: LoopRegion;
  playing: boolean;
  /** The playhead while stopped (while playing, the engine knows it). */
  positionBeats: number;
  metronome: boolean;
  masterDb: number;
  mixerOpen: boolean;
  shortcutsOpen: boolean;
  toasts: Toast[];
  uploads: Upload[];
  connected: boolean;
  /** Who else has the project open (the api's presence, without this user). */
  presence: PresenceMember[];
  /** When the presence shown was taken (ISO), so an older snapshot arriving late is ignored. */
  presenceAt: string | null;
  busy: boolean;
  recording: RecordingState | null;
  /** Recording latency compensation in ms; null: what the browser reports. */
  latencyMs: number | null;
  settingsOpen: boolean;
  /** The panel beside the timeline: the AI assistant, the generator or the vocal coach (null: closed). */
  sidePanel: SidePanel | null;
}

export const SIDE_PANELS = ['assistant', 'generate', 'coach'] as const;
export type SidePanel = (typeof SIDE_PANELS)[number];

export function initialStudioState(): StudioState {
  return {
    status: 'loading',
    project: null,
    tracks: [],
    clips: [],
    markers: [],
    takeGroups: [],
    audio: {},
    peaks: {},
    pending: {},
    trackPreview: {},
    selectedClipIds: [],
    selectedTrackId: null,
    selectedMarkerId: null,
    view: { pxPerBeat: 24, scrollBeats: 0 },
    scrollY: 0,
    snap: 'beat',
    loop: { enabled: false, startBeat: 0, endBeat: 16 },
    playing: false,
    positionBeats: 0,
    metronome: false,
    masterDb: 0,
    // On a laptop screen (720 px) the timeline gets the room; X shows the mixer.
    mixerOpen: typeof window === 'undefined' || window.innerHeight >= 820,
    shortcutsOpen: false,
    toasts: [],
    uploads: [],
    connected: false,
    presence: [],
    presenceAt: null,
    busy: false,
    recording: null,
    latencyMs: null,
    settingsOpen: false,
    sidePanel: null,
  };
}

export type StudioStore = Store<StudioState>;
export const createStudioStore = (): StudioStore => createStore(initialStudioState());

/** A clip as drawn: the api's values with any pending edit on top. */
export function displayedClip(state: Pick<StudioState, 'pending'>, clip: Clip): Clip {
  const pending = state.pending[clip.id];
  return pending ? ({ ...clip, ...pending } as Clip) : clip;
}

export function displayedTrack(state: Pick<StudioState, 'trackPreview'>, track: Track): Track {
  const preview = state.trackPreview[track.id];
  return preview ? { ...track, ...preview } : track;
}

export const sortTracks = (tracks: Track[]): Track[] => [...tracks].sort((a, b) => a.order - b.order || a.createdAt.localeCompare(b.createdAt));
export const sortMarkers = (markers: Marker[]): Marker[] => [...markers].sort((a, b) => a.beat - b.beat);

/** Where the project ends: the last clip's end, at least 8 bars. */
export function projectEndBeat(state: Pick<StudioState, 'clips' | 'project'>): number {
  const bar = state.project ? (state.project.timeSignature.numerator * 4) / state.project.timeSignature.denominator : 4;
  const last = state.clips.reduce((end, c) => Math.max(end, c.startBeat + c.lengthBeats), 0);
  return Math.max(last, bar * 8);
}
