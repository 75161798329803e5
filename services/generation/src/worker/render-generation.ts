import { decodeAudio } from '@dawg/audio-analysis';
import type {
  AutomixTrackSetting,
  ComposeKind,
  GenerationFile,
  GenerationFileKind,
  GenerationJobData,
  GenerationKind,
  GenerationLoudness,
  GenerationRequest,
  GenerationStage,
  MasterRequest,
  MixRequest,
} from '@dawg/contracts';
import {
  type AudioBuffer,
  autoMix,
  type Lyrics,
  decodeWav,
  encodeWav,
  generateArrangement,
  generateBeat,
  generateChords,
  generateLyrics,
  generateMelody,
  inferMixRole,
  integratedLoudness,
  master,
  mixStems,
  renderAudioTimeline,
  renderSong,
  resample,
  type RenderSampleRate,
  type Song,
  type StemMixSettings,
  writeMidi,
} from '@dawg/music';

/** A file the source job stored, read from storage by the processor. */
export interface SourceFile {
  name: string;
  stem?: string;
  bytes: Uint8Array;
}

/** Everything a render needs; plain data, so it can cross into a worker thread. */
export interface RenderInput {
  kind: GenerationKind;
  params: GenerationJobData['params'];
  seed: number;
  source?: GenerationJobData['source'];
  /** For automix: the project's tracks; their clips' audio is in sourceFiles, named by storage key. */
  tracks?: GenerationJobData['tracks'];
  /** The source's stored files this kind works on (see sourceFilesFor), or an external model's audio (PROVIDER_AUDIO). */
  sourceFiles?: SourceFile[];
  /** Lyrics a model wrote; the offline generator writes them when absent. */
  lyrics?: Lyrics;
  sampleRate: RenderSampleRate;
}

export interface RenderedFile {
  name: string;
  kind: GenerationFileKind;
  bytes: Uint8Array;
  durationSeconds?: number;
  /** For a stem: the instrument it holds; stored as `stems/<name>.wav`. */
  stem?: string;
}

export interface RenderOutput {
  durationSeconds: number;
  files: RenderedFile[];
  loudness?: GenerationLoudness;
  automix?: AutomixTrackSetting[];
}

export type RenderProgress = (stage: GenerationStage, percent: number) => void;

const WAV_BIT_DEPTH = 16;

/**
 * The source's stored files a stems, mix or master job reads: its stems
 * (stems, mix), or for a master its mix or main WAV (the stems when it has
 * neither). None for other kinds, or when the source stored none of them:
 * the song is then re-rendered from its params and seed, which gives the
 * same audio.
 */
export function sourceFilesFor(kind: GenerationKind, files: readonly GenerationFile[] = []): GenerationFile[] {
  const stems = files.filter((f) => f.kind === 'wav' && f.stem !== undefined);
  if (kind === 'stems' || kind === 'mix') return stems;
  if (kind !== 'master') return [];
  const wavs = files.filter((f) => f.kind === 'wav' && f.stem === undefined);
  const main = wavs.find((f) => f.name === 'mix.wav') ?? wavs[0];
  return main ? [main] : stems;
}

/** The storage path of a rendered file inside its job's folder: fixed per name, so a retry overwrites. */
export function storedPathOf(file: Pick<RenderedFile, 'name' | 'stem'>): string {
  return file.stem === undefined ? file.name : `stems/${safeName(file.stem)}.wav`;
}

/**
 * One generation job's audio work, start to end, with the music engine.
 * Composed kinds: compose, render to stems, mix, master, encode. Stems, mix
 * and master start from what the source job stored (decoded here), and
 * re-render the source's song (same params and seed, same audio) only for
 * what it did not store. Pure: no I/O, so it runs in a worker thread.
 */
export function renderGeneration(input: RenderInput, onProgress: RenderProgress): RenderOutput | Promise<RenderOutput> {
  if (input.kind === 'automix') return automixTracks(input, onProgress);
  if (input.kind === 'lyrics') return writeLyrics(input.params as GenerationRequest<'lyrics'>, input.seed, onProgress, input.lyrics);
  const external = input.sourceFiles?.find((f) => f.name === PROVIDER_AUDIO);
  if (external) return masterExternal(input.kind as ComposeKind, external.bytes, input.sampleRate, onProgress);
  if (input.kind === 'stems' || input.kind === 'mix' || input.kind === 'master') return reworkSource(input, onProgress);
  const kind = input.kind as ComposeKind;

  onProgress('compose', 10);
  const song = compose(kind, { ...(input.params as GenerationRequest<ComposeKind>), seed: input.seed });
  onProgress('render', 25);
  const { stems, durationSeconds } = renderSong(song, { sampleRate: input.sampleRate });
  onProgress('mix', 50);
  const mixed = mixStems(stems);
  onProgress('master', 60);
  const mastered = master(mixed, { targetLufs: -14, ceilingDbtp: -1 }).buffer;
  onProgress('encode', 70);
  return { durationSeconds, files: [{ name: `${kind}.mid`, kind: 'midi', bytes: writeMidi(song) }, wavFile(`${kind}.wav`, mastered)] };
}

function reworkSource(input: RenderInput, onProgress: RenderProgress): RenderOutput {
  const stored = input.sourceFiles ?? [];
  const storedStems = stored.filter((f) => f.stem !== undefined);

  if (input.kind === 'stems' && storedStems.length > 0) {
    // The source already holds the stems: answer those, bytes unchanged.
    onProgress('encode', 70);
    const files = storedStems.map((f) => ({ name: f.name, kind: 'wav' as const, bytes: f.bytes, stem: f.stem, durationSeconds: durationOf(decodeWav(f.bytes)) }));
    return { durationSeconds: Math.max(0, ...files.map((f) => f.durationSeconds)), files };
  }

  if (input.kind === 'master') {
    const main = stored.find((f) => f.stem === undefined);
    const mixed = main ? decodeWav(main.bytes) : mixStems(stemsOf(input, onProgress));
    onProgress('master', 60);
    const result = master(mixed, { targetLufs: (input.params as MasterRequest).targetLufs, ceilingDbtp: (input.params as MasterRequest).ceilingDbtp });
    onProgress('encode', 70);
    const durationSeconds = durationOf(result.buffer);
    return {
      durationSeconds,
      files: [wavFile('master.wav', result.buffer)],
      loudness: { inputLufs: finiteOrNull(result.inputLufs), outputLufs: finiteOrNull(result.outputLufs), truePeakDbtp: finiteOrNull(result.truePeakDbtp) },
    };
  }

  const stems = stemsOf(input, onProgress);
  if (input.kind === 'stems') {
    onProgress('encode', 70);
    return { durationSeconds: durationOfAll(stems), files: Object.entries(stems).map(([stem, buffer]) => ({ ...wavFile(`stem-${safeName(stem)}.wav`, buffer), stem })) };
  }

  onProgress('mix', 50);
  const params = input.params as MixRequest;
  const settings: Record<string, StemMixSettings> = {};
  for (const [stem, gainDb] of Object.entries(params.gainsDb ?? {})) settings[stem] = { ...settings[stem], gainDb };
  for (const [stem, pan] of Object.entries(params.pans ?? {})) settings[stem] = { ...settings[stem], pan };
  const mixed = mixStems(stems, settings);
  onProgress('encode', 70);
  return { durationSeconds: durationOf(mixed), files: [wavFile('mix.wav', mixed)] };
}

/** The source's stems by instrument: decoded from storage when it stored them, else rendered from its song. */
function stemsOf(input: RenderInput, onProgress: RenderProgress): Record<string, AudioBuffer> {
  const stored = (input.sourceFiles ?? []).filter((f) => f.stem !== undefined);
  if (stored.length > 0) {
    onProgress('render', 25);
    return Object.fromEntries(stored.map((f) => [f.stem!, decodeWav(f.bytes)]));
  }
  if (!input.source) throw new Error(`a ${input.kind} job needs a source job`);
  onProgress('compose', 10);
  const song = compose(input.source.kind, { ...input.source.params, seed: input.seed });
  onProgress('render', 25);
  return renderSong(song, { sampleRate: input.sampleRate }).stems;
}

function wavFile(name: string, buffer: AudioBuffer): RenderedFile {
  return { name, kind: 'wav', bytes: encodeWav(buffer, { bitDepth: WAV_BIT_DEPTH }), durationSeconds: durationOf(buffer) };
}

function durationOf(buffer: AudioBuffer): number {
  return buffer.channels[0]!.length / buffer.sampleRate;
}

function durationOfAll(stems: Record<string, AudioBuffer>): number {
  return Math.max(0, ...Object.values(stems).map(durationOf));
}

/** JSON has no infinities: silence measures -Infinity LUFS, recorded as null. */
function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** The name an external model's audio travels under from the processor to the render. */
export const PROVIDER_AUDIO = 'provider-audio';

/**
 * An external model's audio (WAV or MP3, at its own rate) brought to the
 * platform's format and level: decoded, resampled, mastered to -14 LUFS /
 * -1 dBTP like every other render. There is no MIDI: the model made audio.
 */
async function masterExternal(kind: ComposeKind, bytes: Uint8Array, sampleRate: RenderSampleRate, onProgress: RenderProgress): Promise<RenderOutput> {
  onProgress('render', 25);
  const decoded = resample(await decodeAudio(bytes, { maxSeconds: MAX_DECODE_SECONDS }), sampleRate);
  onProgress('master', 60);
  const mastered = master(decoded.channels.length === 1 ? { sampleRate, channels: [decoded.channels[0]!, decoded.channels[0]!] } : decoded, { targetLufs: -14, ceilingDbtp: -1 });
  onProgress('encode', 70);
  return {
    durationSeconds: durationOf(mastered.buffer),
    files: [wavFile(`${kind}.wav`, mastered.buffer)],
    loudness: { inputLufs: finiteOrNull(mastered.inputLufs), outputLufs: finiteOrNull(mastered.outputLufs), truePeakDbtp: finiteOrNull(mastered.truePeakDbtp) },
  };
}

/** Longest stretch of one file (an upload, a model's output) decoded (memory stays bounded: 20 min of stereo float is ~420 MB). */
const MAX_DECODE_SECONDS = 20 * 60;

/**
 * Auto-mix of a user's own tracks: decode each clip's audio (any format the
 * audio library reads), lay the clips out on the timeline as one stem per
 * track, stage each by loudness for its role (from the track name) and
 * spread the pans, then master a preview of the result.
 */
async function automixTracks(input: RenderInput, onProgress: RenderProgress): Promise<RenderOutput> {
  const tracks = input.tracks ?? [];
  const params = input.params as GenerationRequest<'automix'>;
  onProgress('render', 15);
  const decoded = new Map<string, AudioBuffer>();
  for (const file of input.sourceFiles ?? []) decoded.set(file.name, await decodeAudio(file.bytes, { maxSeconds: MAX_DECODE_SECONDS }));
  const stems = renderAudioTimeline(
    Object.fromEntries(tracks.map((t) => [t.trackId, t.clips.map((c) => ({ ...c, audio: decoded.get(c.storageKey)! }))])),
    input.sampleRate,
  );
  onProgress('mix', 50);
  const roles = Object.fromEntries(tracks.map((t) => [t.trackId, inferMixRole(t.name)]));
  const { settings, buffer } = autoMix(stems, { roles });
  onProgress('master', 60);
  const mastered = master(buffer, { targetLufs: params.targetLufs, ceilingDbtp: -1 });
  onProgress('encode', 70);
  const automix = tracks.map((t) => ({
    trackId: t.trackId,
    name: t.name,
    role: roles[t.trackId]!,
    loudnessLufs: finiteOrNull(integratedLoudness(stems[t.trackId]!)),
    gainDb: settings[t.trackId]?.gainDb ?? 0,
    pan: settings[t.trackId]?.pan ?? 0,
  }));
  return {
    durationSeconds: durationOf(mastered.buffer),
    files: [wavFile('automix.wav', mastered.buffer), jsonFile('automix.json', { tracks: automix })],
    loudness: { inputLufs: finiteOrNull(mastered.inputLufs), outputLufs: finiteOrNull(mastered.outputLufs), truePeakDbtp: finiteOrNull(mastered.truePeakDbtp) },
    automix,
  };
}

function jsonFile(name: string, value: unknown): RenderedFile {
  return { name, kind: 'json', bytes: new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`) };
}

/**
 * Lyrics with the engine's offline generator (the AI providers, once there
 * are any, write them when configured): the text as sung, and the sections
 * with their rhyme schemes as JSON for the editor.
 */
function writeLyrics(params: GenerationRequest<'lyrics'>, seed: number, onProgress: RenderProgress, written?: Lyrics): RenderOutput {
  onProgress('compose', 10);
  // The engine's schema is strict: only lyric fields go in.
  const { topic, mood, genre, structure, linesPerSection } = params;
  const lyrics = written ?? generateLyrics({ topic, mood, genre, structure, linesPerSection, seed });
  onProgress('encode', 70);
  const encoder = new TextEncoder();
  return {
    durationSeconds: 0,
    files: [
      { name: 'lyrics.txt', kind: 'text', bytes: encoder.encode(lyrics.text) },
      jsonFile('lyrics.json', { title: lyrics.title, hook: lyrics.hook, sections: lyrics.sections }),
    ],
  };
}

function compose(kind: ComposeKind, params: GenerationRequest<ComposeKind> & { seed: number }): Song {
  // The engine's parameter schemas are strict: only musical fields go in.
  const { genre, bpm, bars, key, scale, complexity, seed } = params;
  const common = { genre, bpm, bars, key, scale, complexity, seed };
  switch (kind) {
    case 'beat':
      return generateBeat(common);
    case 'chords':
      return generateChords(common);
    case 'melody':
      return generateMelody({ ...common, withChords: (params as GenerationRequest<'melody'>).withChords });
    case 'arrangement':
      return generateArrangement({ ...common, structure: (params as GenerationRequest<'arrangement'>).structure });
  }
}

function safeName(name: string): string {
  return name.replace(/[^\w-]+/g, '-').slice(0, 40) || 'track';
}
