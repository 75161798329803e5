import { COMPLEXITIES, GENRES, type GenerationStage, LYRIC_MOODS, LYRIC_SECTIONS, lyricsRequestSchema, MUSICAL_KEYS, SCALES } from '@dawg/contracts';
import {
  COMPLEXITIES as ENGINE_COMPLEXITIES,
  decodeWav,
  integratedLoudness,
  LYRIC_MOODS as ENGINE_LYRIC_MOODS,
  LYRIC_SECTIONS as ENGINE_LYRIC_SECTIONS,
  GENRE_IDS,
  generateLyrics,
  SCALE_NAMES,
  TONIC_NAMES,
} from '@dawg/music';
import { type RenderInput, type RenderOutput, type RenderProgress, renderGeneration, sourceFilesFor, storedPathOf } from './render-generation';

/** Every kind but automix and external audio renders synchronously; these tests call those. */
function renderNow(input: RenderInput, onProgress: RenderProgress): RenderOutput {
  const output = renderGeneration(input, onProgress);
  if (output instanceof Promise) throw new Error(`${input.kind} renders asynchronously`);
  return output;
}

describe('generation requests and the music engine', () => {
  it('offer exactly the genres, tonics, scales and complexities the engine takes', () => {
    expect([...GENRES].sort()).toEqual([...GENRE_IDS].sort());
    expect([...MUSICAL_KEYS].sort()).toEqual([...TONIC_NAMES].sort());
    expect([...SCALES].sort()).toEqual([...SCALE_NAMES].sort());
    expect([...COMPLEXITIES].sort()).toEqual([...ENGINE_COMPLEXITIES].sort());
    expect([...LYRIC_MOODS].sort()).toEqual([...ENGINE_LYRIC_MOODS].sort());
    expect([...LYRIC_SECTIONS].sort()).toEqual([...ENGINE_LYRIC_SECTIONS].sort());
  });
});

describe('renderGeneration for lyrics', () => {
  const params = lyricsRequestSchema.parse({ mood: 'hopeful', genre: 'afrobeats', topic: 'Lagos', structure: ['verse', 'chorus', 'bridge', 'chorus'] });

  it('writes lyrics.txt as the engine’s text and lyrics.json with its sections, without rendering audio', () => {
    const stages: GenerationStage[] = [];
    const output = renderNow({ kind: 'lyrics', params: { ...params, seed: 11 }, seed: 11, sampleRate: 44_100 }, (stage) => stages.push(stage));
    const expected = generateLyrics({ mood: 'hopeful', genre: 'afrobeats', topic: 'Lagos', structure: ['verse', 'chorus', 'bridge', 'chorus'], linesPerSection: 4, seed: 11 });

    expect(output.durationSeconds).toBe(0);
    expect(output.files.map((file) => [file.name, file.kind])).toEqual([
      ['lyrics.txt', 'text'],
      ['lyrics.json', 'json'],
    ]);
    const [txt, json] = output.files.map((file) => new TextDecoder().decode(file.bytes));
    expect(txt).toBe(expected.text);
    expect(txt).toContain('Lagos');
    expect(JSON.parse(json!)).toEqual({ title: expected.title, hook: expected.hook, sections: expected.sections });
    expect(stages).toEqual(['compose', 'encode']);
  });

  it('writes the same files for the same seed and different ones for another', () => {
    const render = (seed: number) => renderNow({ kind: 'lyrics', params: { ...params, seed }, seed, sampleRate: 44_100 }, () => undefined).files[0]!.bytes;
    expect(render(5)).toEqual(render(5));
    expect(render(5)).not.toEqual(render(6));
  });
});

describe('renderGeneration for stems, mix and master', () => {
  const source = { jobId: 'source', kind: 'beat' as const, params: { genre: 'trap' as const, bpm: 120, bars: 4 as const, key: 'A' as const, scale: 'minor' as const, complexity: 'medium' as const, provider: 'builtin' as const, seed: 9 } };
  const input = { seed: 9, source, sampleRate: 44_100 as const };
  const stems = renderNow({ ...input, kind: 'stems', params: { sourceJobId: 'source' } }, () => undefined);

  it('renders one stem per instrument of the source song, named by it, stored under stems/', () => {
    expect(stems.files.map((f) => [f.name, f.stem, storedPathOf(f)])).toEqual([['stem-drums.wav', 'drums', 'stems/drums.wav']]);
    expect(decodeWav(stems.files[0]!.bytes).channels[0]!.length / 44_100).toBeCloseTo(stems.durationSeconds, 6);
  });

  it('answers the stems the source stored, and mixes them with the requested gain', () => {
    const stored = stems.files.map((f) => ({ name: f.name, stem: f.stem!, bytes: f.bytes }));
    const again = renderNow({ ...input, kind: 'stems', params: { sourceJobId: 'source' }, sourceFiles: stored }, () => undefined);
    expect(again.files[0]!.bytes).toEqual(stems.files[0]!.bytes);
    const mix = (gainsDb: Record<string, number>) => renderNow({ ...input, kind: 'mix', params: { sourceJobId: 'source', gainsDb }, sourceFiles: stored }, () => undefined).files[0]!;
    const quiet = decodeWav(mix({ drums: -12 }).bytes);
    expect(mix({}).name).toBe('mix.wav');
    expect(integratedLoudness(decodeWav(mix({}).bytes)) - integratedLoudness(quiet)).toBeCloseTo(12, 0);
  });

  it('masters the stored mix to the target and reports its loudness', () => {
    const mixed = renderNow({ ...input, kind: 'mix', params: { sourceJobId: 'source' } }, () => undefined).files[0]!;
    const out = renderNow({ ...input, kind: 'master', params: { sourceJobId: 'source', targetLufs: -14, ceilingDbtp: -1 }, sourceFiles: [{ name: 'mix.wav', bytes: mixed.bytes }] }, () => undefined);
    expect(out.files.map((f) => f.name)).toEqual(['master.wav']);
    expect(out.loudness!.inputLufs).toBeCloseTo(integratedLoudness(decodeWav(mixed.bytes)), 6);
    expect(Math.abs(out.loudness!.outputLufs! + 14)).toBeLessThanOrEqual(0.5);
    expect(out.loudness!.truePeakDbtp!).toBeLessThanOrEqual(-1);
  });

  it('picks the stems, or for a master the mix before the main WAV, from what the source stored', () => {
    const file = (name: string, stem?: string) => ({ name, kind: name.endsWith('.mid') ? ('midi' as const) : ('wav' as const), key: name, sizeBytes: 1, ...(stem ? { stem } : {}) });
    const stored = [file('beat.wav'), file('mix.wav'), file('stem-drums.wav', 'drums')];
    expect(sourceFilesFor('mix', stored).map((f) => f.name)).toEqual(['stem-drums.wav']);
    expect(sourceFilesFor('master', stored).map((f) => f.name)).toEqual(['mix.wav']);
    expect(sourceFilesFor('master', [file('beat.mid'), file('beat.wav')]).map((f) => f.name)).toEqual(['beat.wav']);
    expect(sourceFilesFor('beat', stored)).toEqual([]);
  });
});
