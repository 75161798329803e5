/**
 * The studio's controller: loads a project, turns gestures into commands
 * (run through the api, undoable, kept across reloads), applies other
 * people's changes as they arrive, and drives the audio engine. React
 * components read its store and call its methods; they hold no logic.
 */
import type { PresenceUpdatedEvent, ProjectUpdatedEvent, TrackUpdatedEvent } from '@dawg/contracts';
import type { Api } from '../api/api';
import { unwrap } from '../api/client';
import { ApiError, describeError } from '../api/errors';
import { subscribeToProject } from '../api/realtime';
import type { Clip, CreateClip, Marker, MarkerKind, Project, TakeGroup, Track } from '../api/types';
import { encodeWav } from '@dawg/music';
import { AudioEngine } from '../audio/engine';
import { Recorder } from '../audio/recorder';
import { placeTake } from '../audio/take-placement';
import type { SchedProject } from '../audio/scheduler';
import { CommandStack, type KeyValueStorage } from '../history/command-stack';
import type { Command, Fields } from '../history/commands';
import {
  changedFields,
  type ClipFields,
  type ClipShape,
  duplicateClip,
  moveClip,
  pickFields,
  splitClip,
} from '../timeline/clip-edit';
import { beatUnit, beatsPerBar, clamp, type Snap, snapStep, type Viewport, zoomAt } from '../timeline/grid';
import { createStudioStore, displayedTrack, sortMarkers, sortTracks, type StudioState, type StudioStore } from './state';
import { takeGroupFor } from './takes';

export const TRACK_COLOURS = ['#ff7a45', '#36cfc9', '#9254de', '#ffc53d', '#73d13d', '#40a9ff', '#f759ab', '#ff4d4f'];

/** Fields a clip is created from (what a deleted clip is re-created with). */
const CLIP_CREATE_FIELDS = ['trackId', 'name', 'startBeat', 'lengthBeats', 'sourceOffsetSeconds', 'gainDb', 'fadeInSeconds', 'fadeOutSeconds', 'audioFileId', 'notes', 'takeGroupId'] as const;
const TAKE_GROUP_CREATE_FIELDS = ['trackId', 'startBeat', 'lengthBeats', 'name'] as const;
const TRACK_CREATE_FIELDS = ['name', 'kind', 'volumeDb', 'pan', 'mute', 'solo', 'color'] as const;
const MARKER_CREATE_FIELDS = ['name', 'kind', 'beat', 'color'] as const;

let placeholderSeq = 0;
/** An id for an object not created yet; the executor maps it to the api's id. */
const placeholder = () => `new:${Date.now().toString(36)}:${placeholderSeq++}`;

let toastSeq = 0;
/** How long after our own write an event about the same object is taken for its echo. */
const ECHO_WINDOW_MS = 3_000;

class StaleUndoError extends Error {}

export class Studio {
  readonly store: StudioStore = createStudioStore();
  readonly history: CommandStack;
  readonly engine: AudioEngine;
  private disconnect: (() => void) | undefined;
  private readonly recentWrites = new Map<string, number>();
  private readonly refetchTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private disposed = false;
  private recorder: Recorder | null = null;
  private wasConnected = false;
  private recordTimer: ReturnType<typeof setInterval> | undefined;
  private viewWrite: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly api: Api,
    readonly projectId: string,
    private readonly storage: KeyValueStorage | null = globalThis.localStorage ?? null,
  ) {
    this.history = new CommandStack(`dawg:history:${projectId}`, storage, (command) => this.execute(command));
    this.engine = new AudioEngine(
      () => this.schedProject(),
      (id) => this.api.audioContent(id),
    );
    const loop = this.readLocal<StudioState['loop']>('loop');
    const view = this.readLocal<{ view: Viewport; snap: Snap }>('view');
    const latencyMs = readLatency(storage);
    this.store.set({ ...(loop ? { loop } : {}), ...(view ? { view: view.view, snap: view.snap } : {}), latencyMs });
  }

  get state(): StudioState {
    return this.store.get();
  }

  get canEdit(): boolean {
    return this.state.project?.role !== 'viewer';
  }

  // ------------------------------------------------------------------ loading

  async load(): Promise<void> {
    try {
      const [project, doc] = await Promise.all([this.api.getProject(this.projectId), this.api.exportProject(this.projectId)]);
      if (this.disposed) return;
      this.store.set({
        status: 'ready',
        project,
        tracks: sortTracks(doc.tracks),
        clips: doc.clips,
        markers: sortMarkers(doc.markers),
        takeGroups: doc.takeGroups,
        audio: Object.fromEntries(doc.audioFiles.map((a) => [a.id, { id: a.id, fileName: a.fileName, durationSeconds: a.durationSeconds }])),
        pending: {},
        selectedTrackId: this.state.selectedTrackId ?? doc.tracks[0]?.id ?? null,
      });
      for (const clip of doc.clips) if (clip.audioFileId) void this.ensurePeaks(clip.audioFileId);
      this.engine.syncChannels();
    } catch (err) {
      this.store.set({ status: 'error', error: describeError(err) });
    }
  }

  /** Opens the studio: loads the project and listens for collaborators (again after a dispose, as React's StrictMode does). */
  open(): void {
    this.disposed = false;
    void this.load();
    this.connect();
  }

  /** Live updates from collaborators (Socket.IO project room). */
  connect(): void {
    this.disconnect?.();
    this.disconnect = subscribeToProject(this.api.session, this.projectId, {
      onProjectUpdated: (event) => this.onProjectUpdated(event),
      onTrackUpdated: (event) => this.onTrackUpdated(event),
      onPresenceUpdated: (event) => this.onPresenceUpdated(event),
      onSubscribed: () => this.store.set({ connected: true }),
      onConnectionChange: (connected) => {
        // Back after a drop: changes made meanwhile are fetched in one go (not on the first connection).
        if (connected && this.wasConnected && this.state.status === 'ready') this.scheduleRefetch('all', () => this.load());
        if (connected) this.wasConnected = true;
        // Offline, we cannot know who is there; the next snapshot after reconnecting says.
        else this.store.set({ connected: false, presence: [], presenceAt: null });
      },
    });
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.recordTimer);
    if (this.viewWrite !== undefined) this.saveView();
    this.disconnect?.();
    for (const timer of this.refetchTimers.values()) clearTimeout(timer);
    void this.engine.close();
  }

  async ensurePeaks(audioFileId: string): Promise<void> {
    if (audioFileId in this.state.peaks) return;
    this.store.set((s) => ({ peaks: { ...s.peaks, [audioFileId]: null } }));
    try {
      const [peaks, info] = await Promise.all([
        this.api.peaks(audioFileId),
        this.state.audio[audioFileId] ? Promise.resolve(null) : this.api.getAudio(audioFileId),
      ]);
      this.store.set((s) => ({
        peaks: { ...s.peaks, [audioFileId]: peaks },
        audio: info ? { ...s.audio, [audioFileId]: { id: info.id, fileName: info.fileName, durationSeconds: info.durationSeconds } } : s.audio,
      }));
    } catch {
      // No peaks (still analysing, or not ours): the clip is drawn without a waveform.
    }
  }

  // ------------------------------------------------------------------ edits

  /** Runs a command as a new edit; a conflict (409) says so and reloads. */
  async perform(command: Command): Promise<boolean> {
    if (!this.canEdit) {
      this.toast('error', 'You can view this project but not change it.');
      return false;
    }
    try {
      this.store.set({ busy: true });
      await this.history.perform(command);
      return true;
    } catch (err) {
      await this.failed(err);
      return false;
    } finally {
      this.store.set({ busy: false });
    }
  }

  async undo(): Promise<void> {
    if (!this.history.canUndo) return;
    const label = this.history.nextUndo;
    try {
      await this.history.undo();
    } catch (err) {
      if (err instanceof StaleUndoError) {
        this.history.drop('undo');
        this.toast('conflict', `Can't undo "${label}": ${err.message}.`);
        return;
      }
      await this.failed(err);
    }
  }

  async redo(): Promise<void> {
    if (!this.history.canRedo) return;
    const label = this.history.nextRedo;
    try {
      await this.history.redo();
    } catch (err) {
      if (err instanceof StaleUndoError) {
        this.history.drop('redo');
        this.toast('conflict', `Can't redo "${label}": ${err.message}.`);
        return;
      }
      await this.failed(err);
    }
  }

  /** Changes a clip (move, trim, fade, gain); shown at once, confirmed by the api. */
  async editClip(clipId: string, fields: ClipFields, label: string): Promise<void> {
    const clip = this.clip(clipId);
    if (!clip) return;
    const changed = changedFields(clip as ClipShape, fields);
    if (Object.keys(changed).length === 0) return;
    this.store.set((s) => ({ pending: { ...s.pending, [clipId]: changed } }));
    await this.perform({ kind: 'clip.update', label, clipId, before: pickFields(clip as ClipShape, changed) as Fields, after: changed as Fields });
    this.clearPending(clipId);
  }

  async nudgeSelection(direction: -1 | 1): Promise<void> {
    const { project, snap } = this.state;
    if (!project) return;
    const step = snapStep(snap, project.timeSignature) || beatUnit(project.timeSignature) / 4;
    const commands = this.selectedClips().map((clip): Command => ({
      kind: 'clip.update',
      label: 'Nudge clip',
      clipId: clip.id,
      before: { startBeat: clip.startBeat },
      after: moveClip(clip as ClipShape, direction * step, 'off', project.timeSignature) as Fields,
    }));
    if (commands.length) await this.perform(commands.length === 1 ? commands[0]! : { kind: 'batch', label: 'Nudge clips', commands });
  }

  async deleteSelection(): Promise<void> {
    if (this.state.selectedMarkerId) {
      await this.deleteMarker(this.state.selectedMarkerId);
      return;
    }
    const clips = this.selectedClips();
    if (!clips.length) return;
    const commands = clips.map((clip): Command => ({ kind: 'clip.delete', label: 'Delete clip', clipId: clip.id, clip: clipSnapshot(clip) }));
    this.store.set({ selectedClipIds: [] });
    await this.perform(commands.length === 1 ? commands[0]! : { kind: 'batch', label: 'Delete clips', commands });
  }

  async duplicateSelection(): Promise<void> {
    const clips = this.selectedClips();
    if (!clips.length) return;
    const ids = clips.map(() => placeholder());
    const commands = clips.map((clip, i): Command => ({ kind: 'clip.create', label: 'Duplicate clip', clipId: ids[i]!, clip: { ...clipSnapshot(duplicateClip(clip as ClipShape) as Clip) } }));
    const before = new Set(this.state.clips.map((c) => c.id));
    if (await this.perform(commands.length === 1 ? commands[0]! : { kind: 'batch', label: 'Duplicate clips', commands })) {
      this.store.set((s) => ({ selectedClipIds: s.clips.filter((c) => !before.has(c.id)).map((c) => c.id) }));
    }
  }

  async splitSelectionAt(beat: number): Promise<void> {
    const project = this.state.project;
    if (!project) return;
    const commands: Command[] = [];
    for (const clip of this.selectedClips()) {
      const split = splitClip(clip as ClipShape, beat, project);
      if (!split) continue;
      commands.push(
        { kind: 'clip.update', label: 'Split clip', clipId: clip.id, before: pickFields(clip as ClipShape, split.left) as Fields, after: split.left as Fields },
        { kind: 'clip.create', label: 'Split clip', clipId: placeholder(), clip: clipSnapshot(split.right as Clip) },
      );
    }
    if (!commands.length) {
      this.toast('info', 'Put the playhead inside the selected clip to split it.');
      return;
    }
    await this.perform({ kind: 'batch', label: 'Split clip', commands });
  }

  async addTrack(kind: 'audio' | 'midi', name?: string): Promise<string | undefined> {
    const count = this.state.tracks.filter((t) => t.kind === kind).length + 1;
    const id = placeholder();
    const track = { name: name ?? `${kind === 'audio' ? 'Audio' : 'MIDI'} ${count}`, kind, color: TRACK_COLOURS[this.state.tracks.length % TRACK_COLOURS.length] };
    const before = new Set(this.state.tracks.map((t) => t.id));
    if (!(await this.perform({ kind: 'track.create', label: 'Add track', trackId: id, track }))) return undefined;
    const created = this.state.tracks.find((t) => !before.has(t.id));
    if (created) this.store.set({ selectedTrackId: created.id });
    return created?.id;
  }

  async deleteTrack(trackId: string): Promise<void> {
    const track = this.state.tracks.find((t) => t.id === trackId);
    if (!track) return;
    // The track's take groups go with it; undoing brings back what was heard: the active takes, as plain clips.
    const active = new Map(this.state.takeGroups.map((g) => [g.id, g.activeClipId]));
    const clips = this.state.clips
      .filter((c) => c.trackId === trackId && (!c.takeGroupId || active.get(c.takeGroupId) === c.id))
      .map((c) => ({ clipId: c.id, clip: clipSnapshot({ ...c, takeGroupId: null }) }));
    await this.perform({ kind: 'track.delete', label: `Delete track ${track.name}`, trackId, track: pick(track, TRACK_CREATE_FIELDS), clips });
  }

  /** Changes a track (name, fader, pan, mute, solo, colour). */
  async editTrack(trackId: string, fields: Partial<Pick<Track, 'name' | 'volumeDb' | 'pan' | 'mute' | 'solo' | 'color'>>, label: string): Promise<void> {
    const track = this.state.tracks.find((t) => t.id === trackId);
    if (!track) return;
    const after = Object.fromEntries(Object.entries(fields).filter(([k, v]) => (track as unknown as Fields)[k] !== v));
    this.clearTrackPreview(trackId);
    if (!Object.keys(after).length) return;
    const before = Object.fromEntries(Object.keys(after).map((k) => [k, (track as unknown as Fields)[k]]));
    await this.perform({ kind: 'track.update', label, trackId, before, after });
  }

  /** While a fader or pan knob moves: heard at once, saved on release (editTrack). */
  previewTrack(trackId: string, fields: Partial<Pick<Track, 'volumeDb' | 'pan'>>): void {
    this.store.set((s) => ({ trackPreview: { ...s.trackPreview, [trackId]: { ...s.trackPreview[trackId], ...fields } } }));
    this.engine.syncChannels();
  }

  async toggleTrackFlag(flag: 'mute' | 'solo', trackId = this.state.selectedTrackId): Promise<void> {
    const track = this.state.tracks.find((t) => t.id === trackId);
    if (track) await this.editTrack(track.id, { [flag]: !track[flag] }, `${track[flag] ? 'Un' : ''}${flag} ${track.name}`);
  }

  async setTempo(bpm: number): Promise<void> {
    const project = this.state.project;
    if (!project || !Number.isFinite(bpm)) return;
    const value = clamp(Math.round(bpm * 100) / 100, 20, 400);
    if (value !== project.bpm) await this.perform({ kind: 'project.update', label: 'Change tempo', before: { bpm: project.bpm }, after: { bpm: value } });
  }

  async setTimeSignature(numerator: number, denominator: number): Promise<void> {
    const project = this.state.project;
    if (!project) return;
    const ts = { numerator, denominator };
    if (project.timeSignature.numerator === numerator && project.timeSignature.denominator === denominator) return;
    await this.perform({ kind: 'project.update', label: 'Change time signature', before: { timeSignature: project.timeSignature }, after: { timeSignature: ts } });
  }

  async addMarker(beat = this.playhead, name?: string): Promise<void> {
    const index = this.state.markers.length + 1;
    await this.perform({ kind: 'marker.create', label: 'Add marker', markerId: placeholder(), marker: { name: name ?? `Section ${index}`, kind: 'custom' as MarkerKind, beat: Math.max(0, beat) } });
  }

  async editMarker(markerId: string, fields: Partial<Pick<Marker, 'name' | 'beat'>>, label: string): Promise<void> {
    const marker = this.state.markers.find((m) => m.id === markerId);
    if (!marker) return;
    const after = Object.fromEntries(Object.entries(fields).filter(([k, v]) => (marker as unknown as Fields)[k] !== v));
    if (!Object.keys(after).length) return;
    const before = Object.fromEntries(Object.keys(after).map((k) => [k, (marker as unknown as Fields)[k]]));
    await this.perform({ kind: 'marker.update', label, markerId, before, after });
  }

  async deleteMarker(markerId: string): Promise<void> {
    const marker = this.state.markers.find((m) => m.id === markerId);
    if (!marker) return;
    this.store.set({ selectedMarkerId: null });
    await this.perform({ kind: 'marker.delete', label: `Delete marker ${marker.name}`, markerId, marker: pick(marker, MARKER_CREATE_FIELDS) });
  }

  /** Places a clip (an uploaded recording, an imported MIDI part) as an undoable edit. */
  async placeClip(clip: CreateClip, label: string): Promise<string | undefined> {
    return this.performPlacing({ kind: 'clip.create', label, clipId: placeholder(), clip: clip as unknown as Fields });
  }

  /**
   * Places a recorded take: into the take group of the region it was recorded
   * over (where it becomes the active take), or as the first take of a new
   * group. One undoable edit: undoing it brings the previous take back.
   */
  async placeTake(clip: CreateClip & { trackId: string; startBeat: number; lengthBeats: number }, label: string): Promise<string | undefined> {
    const group = takeGroupFor(this.state.takeGroups, clip.trackId, clip.startBeat, clip.lengthBeats);
    const clipId = placeholder();
    if (group) {
      return this.performPlacing({
        kind: 'batch',
        label,
        commands: [
          { kind: 'clip.create', label, clipId, clip: { ...clip, takeGroupId: group.id } as unknown as Fields },
          { kind: 'take.select', label, takeGroupId: group.id, before: group.activeClipId, after: clipId },
        ],
      });
    }
    const takeGroupId = placeholder();
    return this.performPlacing({
      kind: 'batch',
      label,
      commands: [
        { kind: 'take.create', label, takeGroupId, group: { trackId: clip.trackId, startBeat: clip.startBeat, lengthBeats: clip.lengthBeats } },
        { kind: 'clip.create', label, clipId, clip: { ...clip, takeGroupId } as unknown as Fields },
      ],
    });
  }

  /** The take of its group that is heard (and shown on top), as an undoable edit. */
  async chooseTake(takeGroupId: string, clipId: string): Promise<void> {
    const group = this.state.takeGroups.find((g) => g.id === takeGroupId);
    if (!group || group.activeClipId === clipId) return;
    const clip = this.clip(clipId);
    await this.perform({ kind: 'take.select', label: `Choose ${clip?.name || 'take'}`, takeGroupId, before: group.activeClipId, after: clipId });
  }

  /** Runs a command that creates a clip, then selects the new clip. */
  private async performPlacing(command: Command): Promise<string | undefined> {
    const before = new Set(this.state.clips.map((c) => c.id));
    if (!(await this.perform(command))) return undefined;
    const created = this.state.clips.find((c) => !before.has(c.id));
    if (created) this.store.set({ selectedClipIds: [created.id], selectedTrackId: created.trackId });
    return created?.id;
  }

  // ------------------------------------------------------------------ selection and view

  selectClip(clipId: string | null, additive = false): void {
    if (!clipId) {
      this.store.set({ selectedClipIds: [], selectedMarkerId: null });
      return;
    }
    const clip = this.clip(clipId);
    this.store.set((s) => ({
      selectedClipIds: additive ? (s.selectedClipIds.includes(clipId) ? s.selectedClipIds.filter((id) => id !== clipId) : [...s.selectedClipIds, clipId]) : [clipId],
      selectedTrackId: clip?.trackId ?? s.selectedTrackId,
      selectedMarkerId: null,
    }));
  }

  selectTrack(trackId: string | null): void {
    this.store.set({ selectedTrackId: trackId });
  }

  selectAdjacentTrack(direction: -1 | 1): void {
    const { tracks, selectedTrackId } = this.state;
    if (!tracks.length) return;
    const index = tracks.findIndex((t) => t.id === selectedTrackId);
    const next = tracks[clamp(index < 0 ? 0 : index + direction, 0, tracks.length - 1)]!;
    this.store.set({ selectedTrackId: next.id, selectedClipIds: [] });
  }

  setView(view: Viewport): void {
    this.store.set({ view });
    // Kept for the next visit once the scrolling or zooming pauses: not a storage write every frame.
    clearTimeout(this.viewWrite);
    this.viewWrite = setTimeout(() => this.saveView(), 250);
  }

  private saveView(): void {
    clearTimeout(this.viewWrite);
    this.viewWrite = undefined;
    this.writeLocal('view', { view: this.state.view, snap: this.state.snap });
  }

  zoom(factor: number, anchorX = 0): void {
    this.setView(zoomAt(this.state.view, factor, anchorX));
  }

  setSnap(snap: Snap): void {
    this.store.set({ snap });
    this.saveView();
  }

  setLoop(loop: Partial<StudioState['loop']>): void {
    const next = { ...this.state.loop, ...loop };
    if (next.endBeat < next.startBeat) [next.startBeat, next.endBeat] = [next.endBeat, next.startBeat];
    this.store.set({ loop: next });
    this.writeLocal('loop', next);
    if (this.engine.isPlaying) this.engine.reschedule(next.enabled ? next : null);
  }

  toggleLoop(): void {
    this.setLoop({ enabled: !this.state.loop.enabled });
  }

  // ------------------------------------------------------------------ transport

  get playhead(): number {
    return this.engine.isPlaying ? this.engine.position : this.state.positionBeats;
  }

  async play(): Promise<void> {
    if (this.engine.isPlaying) return;
    const { loop } = this.state;
    let from = this.state.positionBeats;
    if (loop.enabled && (from >= loop.endBeat || from < loop.startBeat)) from = loop.startBeat;
    this.engine.metronome = this.state.metronome;
    this.store.set({ playing: true });
    try {
      await this.engine.play(from, loop.enabled ? loop : null);
    } catch (err) {
      this.store.set({ playing: false });
      this.toast('error', `Playback could not start: ${describeError(err)}`);
    }
  }

  pause(): void {
    if (this.recorder) {
      void this.stopRecording();
      return;
    }
    if (!this.engine.isPlaying) return;
    const position = this.engine.pause();
    this.store.set({ playing: false, positionBeats: position });
  }

  togglePlay(): Promise<void> | void {
    return this.engine.isPlaying ? this.pause() : this.play();
  }

  stop(): void {
    if (this.recorder) {
      void this.stopRecording();
      return;
    }
    this.engine.pause();
    this.engine.seek(0);
    this.store.set({ playing: false, positionBeats: this.state.loop.enabled ? this.state.loop.startBeat : 0 });
  }

  seek(beat: number): void {
    const position = Math.max(0, beat);
    this.store.set({ positionBeats: position });
    this.engine.seek(position);
  }

  movePlayhead(deltaBeats: number): void {
    this.seek(this.playhead + deltaBeats);
  }

  barLength(): number {
    return this.state.project ? beatsPerBar(this.state.project.timeSignature) : 4;
  }

  toggleMetronome(): void {
    const metronome = !this.state.metronome;
    this.store.set({ metronome });
    this.engine.metronome = metronome;
    this.engine.reschedule();
  }

  setMasterDb(db: number): void {
    this.store.set({ masterDb: db });
    this.engine.setMasterGain(db);
  }

  // ------------------------------------------------------------------ recording

  get isRecording(): boolean {
    return this.recorder !== null;
  }

  /** R: starts recording the microphone on the selected audio track (a new one if none), playing the song along; R again stops. */
  async toggleRecord(): Promise<void> {
    if (this.recorder) return this.stopRecording();
    if (!this.canEdit) {
      this.toast('error', 'You can view this project but not change it.');
      return;
    }
    const selected = this.state.tracks.find((t) => t.id === this.state.selectedTrackId);
    const trackId = selected?.kind === 'audio' ? selected.id : await this.addTrack('audio', 'Vocals');
    if (!trackId) return;
    this.pause();
    const ctx = await this.engine.start();
    try {
      this.recorder = await Recorder.start(ctx);
    } catch (err) {
      this.toast('error', `The microphone is not available: ${describeError(err)}`);
      return;
    }
    const from = this.state.positionBeats;
    this.engine.metronome = this.state.metronome;
    await this.engine.play(from, null);
    this.store.set({ playing: true, selectedTrackId: trackId, recording: { trackId, startBeat: from, seconds: 0, sampleRate: ctx.sampleRate, peaks: [] } });
    this.recordTimer = setInterval(() => {
      const recorder = this.recorder;
      const recording = this.state.recording;
      if (recorder && recording) this.store.set({ recording: { ...recording, seconds: recorder.seconds, peaks: [...recorder.livePeaks] } });
    }, 100);
  }

  /** Stops, then uploads the take (with progress) and places it where it was played, latency compensated. */
  async stopRecording(): Promise<void> {
    const recorder = this.recorder;
    const recording = this.state.recording;
    if (!recorder || !recording) return;
    this.recorder = null;
    clearInterval(this.recordTimer);
    const origin = this.engine.playbackOrigin;
    const position = this.engine.pause();
    this.store.set({ playing: false, positionBeats: position, recording: null });
    const take = await recorder.stop();
    const seconds = (take.channels[0]?.length ?? 0) / take.sampleRate;
    const latency = this.state.latencyMs !== null ? this.state.latencyMs / 1000 : this.engine.outputLatency() + take.inputLatency;
    const placement = origin && placeTake({ startTime: take.startTime, seconds }, { ...origin, bpm: this.state.project?.bpm ?? 120 }, latency);
    if (!placement) {
      this.toast('info', 'Nothing was recorded.');
      return;
    }
    // Numbered within the region's take group when it has one, else on the track.
    const group = takeGroupFor(this.state.takeGroups, recording.trackId, placement.startBeat, placement.lengthBeats);
    const number = group ? group.clipIds.length + 1 : this.state.clips.filter((c) => c.trackId === recording.trackId).length + 1;
    const name = `Take ${number}`;
    const uploadId = `take-${Date.now()}`;
    const progress = (value: number, error?: string) =>
      this.store.set((s) => ({ uploads: [...s.uploads.filter((u) => u.id !== uploadId), { id: uploadId, name: `${name}.wav`, progress: value, ...(error ? { error } : {}) }] }));
    progress(0);
    try {
      const wav = encodeWav({ sampleRate: take.sampleRate, channels: take.channels }, { bitDepth: 16 });
      const audio = await this.api.uploadAudio(new Blob([wav as Uint8Array<ArrayBuffer>], { type: 'audio/wav' }), `${name}.wav`, this.projectId, (p) => progress(p));
      this.store.set((s) => ({ uploads: s.uploads.filter((u) => u.id !== uploadId), audio: { ...s.audio, [audio.id]: { id: audio.id, fileName: audio.fileName, durationSeconds: audio.durationSeconds } } }));
      await this.placeTake({ trackId: recording.trackId, name, audioFileId: audio.id, ...placement }, 'Record take');
    } catch (err) {
      progress(0, describeError(err));
      setTimeout(() => this.store.set((s) => ({ uploads: s.uploads.filter((u) => u.id !== uploadId) })), 8000);
    }
  }

  setLatency(ms: number | null): void {
    this.store.set({ latencyMs: ms });
    try {
      if (ms === null) this.storage?.removeItem(LATENCY_KEY);
      else this.storage?.setItem(LATENCY_KEY, String(ms));
    } catch {
      // Not essential.
    }
  }

  // ------------------------------------------------------------------ messages

  toast(kind: 'info' | 'error' | 'conflict', text: string): void {
    const id = ++toastSeq;
    this.store.set((s) => ({ toasts: [...s.toasts.slice(-3), { id, kind, text }] }));
    setTimeout(() => this.dismissToast(id), kind === 'info' ? 4000 : 8000);
  }

  dismissToast(id: number): void {
    this.store.set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  }

  // ------------------------------------------------------------------ internals

  /** The project as the scheduler sees it (with faders being dragged). */
  schedProject(): SchedProject {
    const s = this.state;
    const durations: Record<string, number> = {};
    for (const a of Object.values(s.audio)) if (a.durationSeconds != null) durations[a.id] = a.durationSeconds;
    return {
      bpm: s.project?.bpm ?? 120,
      timeSignature: s.project?.timeSignature ?? { numerator: 4, denominator: 4 },
      tracks: s.tracks.map((t) => displayedTrack(s, t)),
      clips: s.clips,
      takeGroups: s.takeGroups,
      audioDurations: durations,
    };
  }

  selectedClips(): Clip[] {
    const ids = new Set(this.state.selectedClipIds);
    return this.state.clips.filter((c) => ids.has(c.id));
  }

  clip(clipId: string): Clip | undefined {
    return this.state.clips.find((c) => c.id === clipId);
  }

  private clearPending(clipId: string): void {
    this.store.set((s) => {
      const { [clipId]: _gone, ...pending } = s.pending;
      return { pending };
    });
  }

  private clearTrackPreview(trackId: string): void {
    this.store.set((s) => {
      const { [trackId]: _gone, ...trackPreview } = s.trackPreview;
      return { trackPreview };
    });
  }

  private async failed(err: unknown): Promise<void> {
    this.store.set({ pending: {}, trackPreview: {} });
    this.engine.syncChannels();
    if (err instanceof ApiError && err.isConflict && err.details && 'currentVersion' in err.details) {
      this.toast('conflict', 'Someone else changed this first. The latest version is loaded; make your change again.');
      await this.load();
      return;
    }
    if (err instanceof ApiError && err.status === 404) {
      this.toast('conflict', 'That was deleted by someone else. The latest version is loaded.');
      await this.load();
      return;
    }
    this.toast('error', describeError(err));
  }

  private noteWrite(id: string): void {
    this.recentWrites.set(id, Date.now());
  }

  /** Runs one command against the api and applies the answers to the store. */
  private async execute(command: Command, ids = new Map<string, string>()): Promise<Map<string, string>> {
    const pid = this.projectId;
    const mapped = (id: string) => ids.get(id) ?? id;
    switch (command.kind) {
      case 'batch': {
        for (const inner of command.commands) await this.execute(inner, ids);
        return ids;
      }
      case 'clip.update': {
        const clip = this.requireClip(mapped(command.clipId));
        assertCurrent(clip, command.before, 'the clip was changed by someone else since');
        this.noteWrite(clip.id);
        const updated = await this.api.updateClip(pid, clip.id, { ...withIds(command.after, ids), version: clip.version });
        this.noteWrite(clip.id);
        this.upsertClip(updated);
        return ids;
      }
      case 'clip.create': {
        const created = await this.api.createClip(pid, pick(withIds(command.clip, ids), CLIP_CREATE_FIELDS) as unknown as CreateClip);
        this.noteWrite(created.id);
        this.upsertClip(created);
        // A new take becomes its group's active one: the group changed too.
        if (created.takeGroupId) await this.refreshTakes(created.takeGroupId);
        if (created.audioFileId) void this.ensurePeaks(created.audioFileId);
        if (created.id !== command.clipId) ids.set(command.clipId, created.id);
        return ids;
      }
      case 'clip.delete': {
        const clip = this.requireClip(mapped(command.clipId));
        this.noteWrite(clip.id);
        await this.api.deleteClip(pid, clip.id, clip.version);
        this.noteWrite(clip.id);
        this.store.set((s) => ({ clips: s.clips.filter((c) => c.id !== clip.id), selectedClipIds: s.selectedClipIds.filter((id) => id !== clip.id) }));
        if (clip.takeGroupId) await this.refreshTakes(clip.takeGroupId);
        return ids;
      }
      case 'track.update': {
        const track = this.requireTrack(mapped(command.trackId));
        assertCurrent(track, command.before, 'the track was changed by someone else since');
        this.noteWrite(track.id);
        const updated = await this.api.updateTrack(pid, track.id, { ...command.after, version: track.version });
        this.upsertTrack(updated);
        return ids;
      }
      case 'track.create': {
        const created = await this.api.createTrack(pid, pick(command.track, TRACK_CREATE_FIELDS) as unknown as Parameters<Api['createTrack']>[1]);
        this.noteWrite(created.id);
        this.upsertTrack(created);
        if (created.id !== command.trackId) ids.set(command.trackId, created.id);
        return ids;
      }
      case 'track.delete': {
        const track = this.requireTrack(mapped(command.trackId));
        this.noteWrite(track.id);
        await this.api.deleteTrack(pid, track.id, track.version);
        this.store.set((s) => ({
          tracks: s.tracks.filter((t) => t.id !== track.id),
          clips: s.clips.filter((c) => c.trackId !== track.id),
          takeGroups: s.takeGroups.filter((g) => g.trackId !== track.id),
          selectedTrackId: s.selectedTrackId === track.id ? null : s.selectedTrackId,
        }));
        this.engine.syncChannels();
        return ids;
      }
      case 'marker.create': {
        const created = await this.api.createMarker(pid, pick(command.marker, MARKER_CREATE_FIELDS) as unknown as Parameters<Api['createMarker']>[1]);
        this.noteWrite(created.id);
        this.store.set((s) => ({ markers: sortMarkers([...s.markers, created]) }));
        if (created.id !== command.markerId) ids.set(command.markerId, created.id);
        return ids;
      }
      case 'marker.update': {
        const marker = this.state.markers.find((m) => m.id === mapped(command.markerId));
        if (!marker) throw new StaleUndoError('the marker no longer exists');
        assertCurrent(marker, command.before, 'the marker was changed by someone else since');
        this.noteWrite(marker.id);
        const updated = await this.api.updateMarker(pid, marker.id, { ...command.after, version: marker.version });
        this.noteWrite(marker.id);
        this.store.set((s) => ({ markers: sortMarkers(s.markers.map((m) => (m.id === updated.id ? updated : m))) }));
        return ids;
      }
      case 'marker.delete': {
        const marker = this.state.markers.find((m) => m.id === mapped(command.markerId));
        if (!marker) throw new StaleUndoError('the marker no longer exists');
        this.noteWrite(marker.id);
        await this.api.deleteMarker(pid, marker.id, marker.version);
        this.noteWrite(marker.id);
        this.store.set((s) => ({ markers: s.markers.filter((m) => m.id !== marker.id) }));
        return ids;
      }
      case 'take.create': {
        const body = pick(withIds(command.group, ids), TAKE_GROUP_CREATE_FIELDS) as { trackId: string; startBeat: number; lengthBeats: number; name?: string };
        const created = await unwrap(this.api.client.POST('/api/v1/projects/{projectId}/takes', { params: { path: { projectId: pid } }, body }));
        this.noteWrite(created.id);
        this.upsertTakeGroup(created);
        if (created.id !== command.takeGroupId) ids.set(command.takeGroupId, created.id);
        return ids;
      }
      case 'take.delete': {
        const group = this.requireTakeGroup(mapped(command.takeGroupId));
        this.noteWrite(group.id);
        await unwrap(this.api.client.DELETE('/api/v1/projects/{projectId}/takes/{id}', { params: { path: { projectId: pid, id: group.id }, query: { version: group.version } } }));
        // Its takes go with it.
        const takes = new Set(group.clipIds);
        this.store.set((s) => ({ takeGroups: s.takeGroups.filter((g) => g.id !== group.id), clips: s.clips.filter((c) => !takes.has(c.id)) }));
        this.engine.reschedule();
        return ids;
      }
      case 'take.select': {
        const group = this.requireTakeGroup(mapped(command.takeGroupId));
        const after = command.after && mapped(command.after);
        // Recording a take already made it the active one.
        if (group.activeClipId === after) return ids;
        if (group.activeClipId !== (command.before && mapped(command.before))) throw new StaleUndoError('another take was chosen since');
        this.noteWrite(group.id);
        const updated = await unwrap(
          this.api.client.PATCH('/api/v1/projects/{projectId}/takes/{id}', { params: { path: { projectId: pid, id: group.id } }, body: { activeClipId: after, version: group.version } }),
        );
        this.noteWrite(group.id);
        this.upsertTakeGroup(updated);
        return ids;
      }
      case 'project.update': {
        const project = this.state.project!;
        assertCurrent(project, command.before, 'the project was changed by someone else since');
        this.noteWrite(project.id);
        const updated = await this.api.updateProject(pid, { ...command.after, version: project.version });
        this.store.set({ project: updated });
        this.engine.reschedule();
        return ids;
      }
    }
  }

  private requireClip(id: string): Clip {
    const clip = this.clip(id);
    if (!clip) throw new StaleUndoError('the clip no longer exists');
    return clip;
  }

  private requireTakeGroup(id: string): TakeGroup {
    const group = this.state.takeGroups.find((g) => g.id === id);
    if (!group) throw new StaleUndoError('the recorded region no longer exists');
    return group;
  }

  private upsertTakeGroup(group: TakeGroup): void {
    this.store.set((s) => {
      const exists = s.takeGroups.some((g) => g.id === group.id);
      return { takeGroups: exists ? s.takeGroups.map((g) => (g.id === group.id ? (g.version > group.version ? g : group) : g)) : [...s.takeGroups, group] };
    });
    this.engine.reschedule();
  }

  /** The api's take groups, after a change to one of them as a side effect (a take added or removed). */
  private async refreshTakes(takeGroupId: string): Promise<void> {
    this.noteWrite(takeGroupId);
    this.store.set({ takeGroups: await this.api.listTakes(this.projectId) });
    this.engine.reschedule();
  }

  private requireTrack(id: string): Track {
    const track = this.state.tracks.find((t) => t.id === id);
    if (!track) throw new StaleUndoError('the track no longer exists');
    return track;
  }

  private upsertClip(clip: Clip): void {
    this.store.set((s) => {
      const exists = s.clips.some((c) => c.id === clip.id);
      return { clips: exists ? s.clips.map((c) => (c.id === clip.id ? (c.version > clip.version ? c : clip) : c)) : [...s.clips, clip] };
    });
    this.engine.reschedule();
  }

  private upsertTrack(track: Track): void {
    this.store.set((s) => {
      const exists = s.tracks.some((t) => t.id === track.id);
      return { tracks: sortTracks(exists ? s.tracks.map((t) => (t.id === track.id ? (t.version > track.version ? t : track) : t)) : [...s.tracks, track]) };
    });
    this.engine.syncChannels();
  }

  // ------------------------------------------------------------------ collaborators' changes

  /**
   * An event about a write this tab made a moment ago (events do not say which
   * tab made a change, so the same account's edits from elsewhere must not be
   * mistaken for ours: the window is short). Events that carry the object are
   * never skipped; its version decides.
   */
  private isEcho(actorId: string, id: string): boolean {
    if (actorId !== this.api.session.user?.id) return false;
    const at = this.recentWrites.get(id);
    return at !== undefined && Date.now() - at < ECHO_WINDOW_MS;
  }

  private onProjectUpdated(event: ProjectUpdatedEvent): void {
    const { entity, action } = event.change;
    if (entity === 'project') {
      if (action === 'deleted') {
        this.store.set({ status: 'error', error: 'This project was deleted.' });
        return;
      }
      const current = this.state.project;
      if (event.project && current && event.project.version > current.version) {
        this.store.set({ project: { ...event.project, role: current.role } as Project });
        this.engine.reschedule();
      }
      return;
    }
    if (this.isEcho(event.actorId, event.change.id)) return;
    if (entity === 'marker') {
      this.scheduleRefetch('markers', async () => this.store.set({ markers: sortMarkers(await this.api.listMarkers(this.projectId)) }));
    } else if (entity === 'takeGroup') {
      this.scheduleRefetch('takes', async () => this.store.set({ takeGroups: await this.api.listTakes(this.projectId) }));
    } else if (entity === 'track' && action === 'deleted') {
      this.removeTrackLocally(event.change.id);
    }
  }

  /** Who else is here: the newest snapshot wins (replicas send theirs independently). */
  private onPresenceUpdated(event: PresenceUpdatedEvent): void {
    const shown = this.state.presenceAt;
    if (shown && Date.parse(event.at) < Date.parse(shown)) return;
    const me = this.api.session.user?.id;
    this.store.set({ presence: event.members.filter((m) => m.userId !== me), presenceAt: event.at });
  }

  private onTrackUpdated(event: TrackUpdatedEvent): void {
    const { entity, action, id } = event.change;
    if (entity === 'track') {
      if (action === 'deleted') this.removeTrackLocally(id);
      else if (event.track) this.upsertTrack(event.track as Track);
      return;
    }
    if (this.isEcho(event.actorId, id)) return;
    if (entity === 'clip') {
      if (action === 'deleted') {
        this.store.set((s) => ({ clips: s.clips.filter((c) => c.id !== id), selectedClipIds: s.selectedClipIds.filter((c) => c !== id) }));
        this.engine.reschedule();
        return;
      }
      const trackId = event.trackId;
      this.scheduleRefetch(`clips:${trackId}`, async () => {
        const fresh = await this.api.listClips(this.projectId, trackId);
        const freshIds = new Set(fresh.map((c) => c.id));
        this.store.set((s) => ({ clips: [...s.clips.filter((c) => c.trackId !== trackId && !freshIds.has(c.id)), ...fresh] }));
        for (const clip of fresh) if (clip.audioFileId) void this.ensurePeaks(clip.audioFileId);
        this.engine.reschedule();
      });
    }
  }

  private removeTrackLocally(trackId: string): void {
    this.store.set((s) => ({ tracks: s.tracks.filter((t) => t.id !== trackId), clips: s.clips.filter((c) => c.trackId !== trackId) }));
    this.engine.syncChannels();
  }

  /** Several events for the same thing within a moment cost one request. */
  private scheduleRefetch(key: string, work: () => Promise<void>): void {
    clearTimeout(this.refetchTimers.get(key));
    this.refetchTimers.set(
      key,
      setTimeout(() => {
        this.refetchTimers.delete(key);
        if (!this.disposed) void work().catch(() => undefined);
      }, 150),
    );
  }

  private readLocal<T>(what: string): T | null {
    try {
      const raw = this.storage?.getItem(`dawg:${what}:${this.projectId}`);
      return raw ? (JSON.parse(raw) as T) : null;
    } catch {
      return null;
    }
  }

  private writeLocal(what: string, value: unknown): void {
    try {
      this.storage?.setItem(`dawg:${what}:${this.projectId}`, JSON.stringify(value));
    } catch {
      // Not essential.
    }
  }
}

const LATENCY_KEY = 'dawg:recording-latency-ms';

function readLatency(storage: KeyValueStorage | null): number | null {
  const raw = storage?.getItem(LATENCY_KEY);
  const value = raw === null || raw === undefined ? NaN : Number(raw);
  return Number.isFinite(value) ? value : null;
}

function pick<K extends string>(source: object, keys: readonly K[]): Fields {
  const out: Fields = {};
  for (const key of keys) {
    const value = (source as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** What re-creates a clip as it is (ids of the api's choosing aside). */
function clipSnapshot(clip: Clip): Fields {
  const fields = pick(clip, CLIP_CREATE_FIELDS);
  if (fields.notes === null) delete fields.notes;
  if (fields.audioFileId === null) delete fields.audioFileId;
  if (fields.takeGroupId === null) delete fields.takeGroupId;
  return fields;
}

/** Fields with the references to objects created earlier in the same command (a batch) given their api ids. */
function withIds(fields: Fields, ids: ReadonlyMap<string, string>): Fields {
  let out = fields;
  for (const key of ['trackId', 'takeGroupId'] as const) {
    const value = out[key];
    if (typeof value === 'string' && ids.has(value)) out = { ...out, [key]: ids.get(value) };
  }
  return out;
}

/** An undo or redo only applies to the state it was made from; otherwise it would silently overwrite someone's change. */
function assertCurrent(current: object, expected: Fields, message: string): void {
  for (const [key, value] of Object.entries(expected)) {
    if (JSON.stringify((current as Record<string, unknown>)[key]) !== JSON.stringify(value)) throw new StaleUndoError(message);
  }
}
