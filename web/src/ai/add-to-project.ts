/**
 * A finished generation onto the timeline: its WAV as an audio track, its
 * MIDI parts as MIDI tracks, or both, as one undoable edit (a batch on the
 * studio's command stack: one Undo removes every track it added). The WAV is
 * uploaded first, as any recording is; the upload itself is not an edit.
 */
import type { GenerationFile } from '@dawg/contracts';
import type { Api } from '../api/api';
import type { CreateClip } from '../api/types';
import type { Command, Fields } from '../history/commands';
import { readMidi } from '../midi/midi-file';
import type { Studio } from '../studio/studio';
import { TRACK_COLOURS } from '../studio/studio';
import { beatsPerBar, roundBeats, secondsToBeats } from '../timeline/grid';
import { generationFile } from './generation';
import { KIND_NAMES, type JobState } from './job-card';

export type AddMode = 'audio' | 'midi' | 'both';

export interface AddRequest {
  /** What the job was asked for: names the tracks ("Trap beat 140") and gives the tempo the audio was rendered at. */
  genre?: string;
  bpm?: number;
  /** The song's length in bars (beat, melody, chords): the clip's length, leaving out the render's release tail. */
  bars?: number;
  mode: AddMode;
  /** Sets the project's tempo to the generation's in the same edit (so the audio lines up with the grid). */
  matchTempo: boolean;
}

export interface AddResult {
  trackIds: string[];
  clipIds: string[];
}

let seq = 0;
const placeholder = (what: string) => `new:ai-${what}:${Date.now().toString(36)}:${seq++}`;

/** The audio a job made: the song's own render, else its master or mix. */
export function mainWav(files: GenerationFile[]): GenerationFile | undefined {
  const wavs = files.filter((f) => f.kind === 'wav' && !f.stem);
  return wavs.find((f) => /^(beat|melody|chords|arrangement)\.wav$/.test(f.name)) ?? wavs.find((f) => f.name === 'master.wav') ?? wavs[0];
}

export function trackName(job: Pick<JobState, 'kind'>, request: Pick<AddRequest, 'genre' | 'bpm'>): string {
  const genre = request.genre ? `${request.genre.charAt(0).toUpperCase()}${request.genre.slice(1)} ` : '';
  const kind = request.genre ? KIND_NAMES[job.kind].toLowerCase() : KIND_NAMES[job.kind];
  return `${genre}${kind}${request.bpm ? ` ${request.bpm}` : ''}`.slice(0, 120);
}

/** The commands that add a generation (pure, for the given uploaded audio and MIDI bytes). */
export function additionCommands(
  state: Pick<Studio['state'], 'project' | 'tracks' | 'positionBeats'>,
  job: Pick<JobState, 'kind' | 'durationSeconds'>,
  request: AddRequest,
  parts: { audio?: { audioFileId: string; durationSeconds: number | null }; midi?: Uint8Array },
): Command {
  const project = state.project;
  const ts = project?.timeSignature ?? { numerator: 4, denominator: 4 };
  const bar = beatsPerBar(ts);
  const name = trackName(job, request);
  const label = `Add ${name}`;
  const commands: Command[] = [];
  const tempo = request.matchTempo && request.bpm && project && project.bpm !== request.bpm ? request.bpm : null;
  if (tempo && project) commands.push({ kind: 'project.update', label, before: { bpm: project.bpm }, after: { bpm: tempo } });
  const bpm = tempo ?? project?.bpm ?? 120;
  // At the bar where the playhead is, so a second generation can go after the first.
  const startBeat = Math.floor(state.positionBeats / bar) * bar;
  let colour = state.tracks.length;
  const nextColour = () => TRACK_COLOURS[colour++ % TRACK_COLOURS.length]!;

  if (parts.audio) {
    const trackId = placeholder('track');
    const seconds = parts.audio.durationSeconds ?? job.durationSeconds ?? 0;
    // Rendered at the request's tempo, the song is a whole number of bars plus a release tail; on the project's grid at
    // that tempo the clip is the bars (a loop that repeats cleanly), otherwise the whole render.
    const onGrid = request.bars !== undefined && request.bpm === bpm && job.kind !== 'arrangement';
    const lengthBeats = onGrid ? request.bars! * bar : roundBeats(Math.max(0.25, secondsToBeats(seconds, bpm)));
    commands.push({ kind: 'track.create', label, trackId, track: { name, kind: 'audio', color: nextColour() } });
    const clip: CreateClip = { trackId, name, startBeat, lengthBeats, audioFileId: parts.audio.audioFileId };
    commands.push({ kind: 'clip.create', label, clipId: placeholder('clip'), clip: clip as unknown as Fields });
  }
  if (parts.midi) {
    const midi = readMidi(parts.midi);
    for (const part of midi.tracks) {
      if (!part.notes.length) continue;
      const trackId = placeholder('track');
      const partName = `${name} ${part.name || 'MIDI'}`.slice(0, 120);
      const last = part.notes.reduce((end, n) => Math.max(end, n.startBeat + n.lengthBeats), 0);
      const lengthBeats = Math.max(bar, Math.ceil(last / bar - 1e-9) * bar);
      const notes = part.notes.slice(0, 20_000).map((n) => ({
        pitch: n.pitch,
        startBeat: roundBeats(n.startBeat),
        lengthBeats: roundBeats(Math.max(1 / 64, n.lengthBeats)),
        velocity: Math.min(127, Math.max(1, n.velocity)),
      }));
      commands.push({ kind: 'track.create', label, trackId, track: { name: partName, kind: 'midi', color: nextColour() } });
      const clip: CreateClip = { trackId, name: partName, startBeat, lengthBeats, notes };
      commands.push({ kind: 'clip.create', label, clipId: placeholder('clip'), clip: clip as unknown as Fields });
    }
  }
  return { kind: 'batch', label, commands };
}

/** Downloads what the mode needs, uploads the audio, and performs the addition as one edit; answers what it created. */
export async function addGenerationToProject(studio: Studio, api: Api, job: JobState, request: AddRequest): Promise<AddResult | null> {
  const wav = request.mode !== 'midi' ? mainWav(job.files) : undefined;
  const midiFile = request.mode !== 'audio' ? job.files.find((f) => f.kind === 'midi') : undefined;
  if (!wav && !midiFile) {
    studio.toast('error', `This ${KIND_NAMES[job.kind].toLowerCase()} has no ${request.mode === 'midi' ? 'MIDI' : 'audio'} to add.`);
    return null;
  }
  const name = trackName(job, request);
  let audio: { audioFileId: string; durationSeconds: number | null } | undefined;
  if (wav) {
    const bytes = await generationFile(api, job.jobId, wav.name);
    const uploaded = await api.uploadAudio(new Blob([bytes], { type: 'audio/wav' }), `${name}.wav`, studio.projectId);
    studio.store.set((s) => ({ audio: { ...s.audio, [uploaded.id]: { id: uploaded.id, fileName: uploaded.fileName, durationSeconds: uploaded.durationSeconds } } }));
    audio = { audioFileId: uploaded.id, durationSeconds: uploaded.durationSeconds ?? wav.durationSeconds ?? null };
  }
  const midi = midiFile ? new Uint8Array(await generationFile(api, job.jobId, midiFile.name)) : undefined;
  const command = additionCommands(studio.state, job, request, { ...(audio ? { audio } : {}), ...(midi ? { midi } : {}) });
  const tracksBefore = new Set(studio.state.tracks.map((t) => t.id));
  const clipsBefore = new Set(studio.state.clips.map((c) => c.id));
  if (!(await studio.perform(command))) return null;
  const trackIds = studio.state.tracks.filter((t) => !tracksBefore.has(t.id)).map((t) => t.id);
  const clipIds = studio.state.clips.filter((c) => !clipsBefore.has(c.id)).map((c) => c.id);
  if (audio) void studio.ensurePeaks(audio.audioFileId);
  studio.store.set({ selectedClipIds: clipIds, ...(trackIds[0] ? { selectedTrackId: trackIds[0] } : {}) });
  return { trackIds, clipIds };
}
