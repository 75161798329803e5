import { generateArrangement } from './arrangement';
import { generateBeat, generateMelody } from './generate';
import { MusicParamsError } from './params';

function errorFor(run: () => unknown): MusicParamsError {
  try {
    run();
  } catch (error) {
    if (error instanceof MusicParamsError) return error;
    throw error;
  }
  throw new Error('expected a MusicParamsError');
}

describe('parameter validation', () => {
  it.each([
    ['bpm', { genre: 'house', seed: 1, bpm: 59 }],
    ['bpm', { genre: 'house', seed: 1, bpm: 201 }],
    ['bpm', { genre: 'house', seed: 1, bpm: '120' }],
    ['bars', { genre: 'house', seed: 1, bars: 5 }],
    ['key', { genre: 'house', seed: 1, key: 'H' }],
    ['key', { genre: 'house', seed: 1, key: 'c' }],
    ['scale', { genre: 'house', seed: 1, scale: 'blues' }],
    ['genre', { genre: 'polka', seed: 1 }],
    ['genre', { seed: 1 }],
    ['complexity', { genre: 'house', seed: 1, complexity: 'insane' }],
    ['seed', { genre: 'house', seed: 1.5 }],
    ['seed', { genre: 'house' }],
  ])('rejects a bad %s and names the field', (field, params) => {
    const error = errorFor(() => generateBeat(params as never));
    expect(error.code).toBe('MUSIC_PARAMS_INVALID');
    expect(error.fields).toContain(field);
    expect(error.message).toContain(field);
  });

  it('reports every bad field at once, with paths into arrays', () => {
    const error = errorFor(() => generateArrangement({ genre: 'rock', seed: 1, bpm: 10, structure: ['intro', 'solo'] } as never));
    expect(error.fields).toEqual(expect.arrayContaining(['bpm', 'structure.1']));
  });

  it('rejects unknown fields rather than ignoring a typo', () => {
    expect(errorFor(() => generateMelody({ genre: 'rock', seed: 1, tempo: 120 } as never)).message).toContain('tempo');
  });

  it('accepts the edges of the ranges', () => {
    expect(() => generateBeat({ genre: 'ambient', seed: 0, bpm: 60, bars: 4, key: 'Gb', scale: 'locrian' })).not.toThrow();
    expect(() => generateBeat({ genre: 'drum-and-bass', seed: -7, bpm: 200, bars: 32, complexity: 'complex' })).not.toThrow();
  });
});
