import type { ComposeKind, GenerationFileKind, GenerationJobData, GenerationKind, GenerationRequest, GenerationStage, MasterRequest, MixRequest } from '@dawg/contracts';
import {
  type AudioBuffer,
  encodeWav,
  generateArrangement,
  generateBeat,
  generateChords,
  generateLyrics,
  generateMelody,
  master,
  mixStems,
  renderSong,
  type RenderSampleRate,
  type Song,
  writeMidi,
} from '@dawg/music';

/** Everything a render needs; plain data, so it can cross into a worker thread. */
export interface RenderInput {
  kind: GenerationKind;
  params: GenerationJobData['params'];
  seed: number;
  source?: GenerationJobData['source'];
  sampleRate: RenderSampleRate;
}

export interface RenderedFile {
  name: string;
  kind: GenerationFileKind;
  bytes: Uint8Array;
  durationSeconds?: number;
}

export interface RenderOutput {
  durationSeconds: number;
  files: RenderedFile[];
}

export type RenderProgress = (stage: GenerationStage, percent: number) => void;

const WAV_BIT_DEPTH = 16;

/**
 * One generation job's audio work, start to end, with the music engine:
 * compose (or re-compose the source job's song: same params and seed, same
 * song), render to stems, mix, master, encode. Pure: no I/O, so it runs in a
 * worker thread. Stems, mix and master start from the source job's song.
 */
export function renderGeneration(input: RenderInput, onProgress: RenderProgress): RenderOutput {
  if (input.kind === 'lyrics') return writeLyrics(input.params as GenerationRequest<'lyrics'>, input.seed, onProgress);
  const composeKind: ComposeKind = input.source?.kind ?? (input.kind as ComposeKind);
  const composeParams = input.source?.params ?? (input.params as GenerationRequest<ComposeKind> & { seed: number });

  onProgress('compose', 10);
  const song = compose(composeKind, { ...composeParams, seed: input.seed });

  onProgress('render', 25);
  const { stems, durationSeconds } = renderSong(song, { sampleRate: input.sampleRate });
  const wav = (name: string, buffer: AudioBuffer): RenderedFile => ({ name, kind: 'wav', bytes: encodeWav(buffer, { bitDepth: WAV_BIT_DEPTH }), durationSeconds });

  if (input.kind === 'stems') {
    onProgress('encode', 70);
    return { durationSeconds, files: Object.entries(stems).map(([name, buffer]) => wav(`stem-${safeName(name)}.wav`, buffer)) };
  }

  onProgress('mix', 50);
  const gains = input.kind === 'mix' ? ((input.params as MixRequest).gainsDb ?? {}) : {};
  const mixed = mixStems(stems, Object.fromEntries(Object.entries(gains).map(([name, gainDb]) => [name, { gainDb }])));
  if (input.kind === 'mix') {
    onProgress('encode', 70);
    return { durationSeconds, files: [wav('mix.wav', mixed)] };
  }

  onProgress('master', 60);
  const target = input.kind === 'master' ? (input.params as MasterRequest) : { targetLufs: -14, ceilingDbtp: -1 };
  const mastered = master(mixed, { targetLufs: target.targetLufs, ceilingDbtp: target.ceilingDbtp }).buffer;

  onProgress('encode', 70);
  if (input.kind === 'master') return { durationSeconds, files: [wav('master.wav', mastered)] };
  return { durationSeconds, files: [{ name: `${input.kind}.mid`, kind: 'midi', bytes: writeMidi(song) }, wav(`${input.kind}.wav`, mastered)] };
}

/**
 * Lyrics with the engine's offline generator (the AI providers, once there
 * are any, write them when configured): the text as sung, and the sections
 * with their rhyme schemes as JSON for the editor.
 */
function writeLyrics(params: GenerationRequest<'lyrics'>, seed: number, onProgress: RenderProgress): RenderOutput {
  onProgress('compose', 10);
  // The engine's schema is strict: only lyric fields go in.
  const { topic, mood, genre, structure, linesPerSection } = params;
  const lyrics = generateLyrics({ topic, mood, genre, structure, linesPerSection, seed });
  onProgress('encode', 70);
  const encoder = new TextEncoder();
  return {
    durationSeconds: 0,
    files: [
      { name: 'lyrics.txt', kind: 'text', bytes: encoder.encode(lyrics.text) },
      { name: 'lyrics.json', kind: 'json', bytes: encoder.encode(`${JSON.stringify({ title: lyrics.title, hook: lyrics.hook, sections: lyrics.sections }, null, 2)}\n`) },
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
