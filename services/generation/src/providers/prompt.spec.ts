import { GENRES } from '@dawg/contracts';
import { durationFor, GENRE_SOUNDS, musicPrompt } from './prompt';

describe('musicPrompt', () => {
  it('reads like a tag list: what, tempo and key, the genre’s instruments, its mood', () => {
    expect(musicPrompt('beat', { genre: 'trap', bpm: 140, key: 'F', scale: 'minor', complexity: 'medium' })).toBe(
      'trap beat, 140 BPM, F minor, booming 808 bass, rolling hi-hats, snappy claps, hard kick, dark, menacing',
    );
  });

  it.each(GENRES.map((genre) => [genre]))('describes %s with its own sound in every kind', (genre) => {
    const sound = GENRE_SOUNDS[genre];
    const params = { genre, bpm: 100 } as const;
    expect(musicPrompt('beat', params)).toContain(`${sound.style} beat`);
    expect(musicPrompt('beat', params)).toContain(sound.drums);
    expect(musicPrompt('beat', params)).toContain(sound.bass);
    expect(musicPrompt('melody', params)).toContain(sound.lead);
    expect(musicPrompt('chords', params)).toContain(sound.chords);
    for (const part of [sound.drums, sound.bass, sound.chords, sound.lead, sound.mood]) expect(musicPrompt('arrangement', params)).toContain(part);
  });

  it('gives every genre different descriptors', () => {
    const styles = new Set(GENRES.map((genre) => GENRE_SOUNDS[genre].style));
    const beats = new Set(GENRES.map((genre) => musicPrompt('beat', { genre, bpm: 120 })));
    expect(styles.size).toBe(GENRES.length);
    expect(beats.size).toBe(GENRES.length);
  });

  it('is deterministic', () => {
    const params = { genre: 'house', bpm: 124, key: 'A', scale: 'dorian', complexity: 'complex', bars: 16 } as const;
    expect(musicPrompt('arrangement', params)).toBe(musicPrompt('arrangement', { ...params }));
  });

  it('uses the genre’s usual mode when no scale is given, and C when no key is', () => {
    expect(musicPrompt('chords', { genre: 'lo-fi', bpm: 80 })).toContain('80 BPM, C Dorian');
    expect(musicPrompt('chords', { genre: 'ambient', bpm: 70, key: 'Eb' })).toContain('70 BPM, Eb Lydian');
    expect(musicPrompt('beat', { genre: 'rock', bpm: 120, key: 'E', scale: 'harmonic-minor' })).toContain('E harmonic minor');
  });

  it('says how busy to be, whether the melody has chords under it, and the arrangement’s sections', () => {
    expect(musicPrompt('beat', { genre: 'techno', bpm: 132, complexity: 'simple' })).toContain('minimal, sparse');
    expect(musicPrompt('beat', { genre: 'techno', bpm: 132, complexity: 'complex' })).toContain('intricate, richly layered');
    expect(musicPrompt('melody', { genre: 'house', bpm: 124 })).toContain('solo lead, no drums');
    expect(musicPrompt('melody', { genre: 'house', bpm: 124, withChords: true })).toContain(GENRE_SOUNDS.house.chords);
    expect(musicPrompt('arrangement', { genre: 'rock', bpm: 120, structure: ['intro', 'verse', 'chorus', 'outro'] })).toContain('song structure intro verse chorus outro');
  });
});

describe('durationFor', () => {
  it('is bars × 4 beats at the tempo', () => {
    expect(durationFor({ bars: 8, bpm: 120 })).toBe(16);
    expect(durationFor({ bars: 4, bpm: 60 })).toBe(16);
    expect(durationFor({ bars: 16, bpm: 140 })).toBeCloseTo(27.4286, 4);
    expect(durationFor({ bpm: 120 })).toBe(16);
  });
});
