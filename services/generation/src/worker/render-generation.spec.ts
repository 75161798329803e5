import { COMPLEXITIES, GENRES, type GenerationStage, LYRIC_MOODS, LYRIC_SECTIONS, lyricsRequestSchema, MUSICAL_KEYS, SCALES } from '@dawg/contracts';
import {
  COMPLEXITIES as ENGINE_COMPLEXITIES,
  LYRIC_MOODS as ENGINE_LYRIC_MOODS,
  LYRIC_SECTIONS as ENGINE_LYRIC_SECTIONS,
  GENRE_IDS,
  generateLyrics,
  SCALE_NAMES,
  TONIC_NAMES,
} from '@dawg/music';
import { renderGeneration } from './render-generation';

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
    const output = renderGeneration({ kind: 'lyrics', params: { ...params, seed: 11 }, seed: 11, sampleRate: 44_100 }, (stage) => stages.push(stage));
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
    const render = (seed: number) => renderGeneration({ kind: 'lyrics', params: { ...params, seed }, seed, sampleRate: 44_100 }, () => undefined).files[0]!.bytes;
    expect(render(5)).toEqual(render(5));
    expect(render(5)).not.toEqual(render(6));
  });
});
