import { autoMix, inferMixRole, ROLE_TARGET_LUFS, suggestMix } from './auto-mix';
import { integratedLoudness } from './loudness';
import { steppedSine } from './test-signals';

describe('autoMix', () => {
  const stems = {
    drums: steppedSine(44100, 80, [[3, -6]]),
    bass: steppedSine(44100, 55, [[3, -30]]),
    keys: steppedSine(44100, 440, [[3, -3]]),
    pad: steppedSine(44100, 330, [[3, -10]]),
    lead: steppedSine(44100, 880, [[3, -25]]),
    strings: steppedSine(44100, 660, [[3, -12]]),
    silent: steppedSine(44100, 660, [[3, -Infinity]]),
  };

  it('stages every stem to its role target', () => {
    const settings = suggestMix(stems);
    for (const [name, role] of [
      ['drums', 'drums'],
      ['bass', 'bass'],
      ['keys', 'chords'],
      ['pad', 'pad'],
      ['lead', 'lead'],
    ] as const) {
      const staged = integratedLoudness(stems[name]) + (settings[name].gainDb ?? 0);
      expect(staged).toBeCloseTo(ROLE_TARGET_LUFS[role], 6);
    }
    expect(settings.silent.gainDb).toBe(0);
  });

  it('puts drums and bass above the harmony beds', () => {
    expect(ROLE_TARGET_LUFS.drums).toBeGreaterThan(ROLE_TARGET_LUFS.chords);
    expect(ROLE_TARGET_LUFS.bass).toBeGreaterThan(ROLE_TARGET_LUFS.pad);
  });

  it('keeps bass, drums and lead centred and spreads the rest alternately left and right', () => {
    const settings = suggestMix(stems);
    expect(settings.drums.pan).toBe(0);
    expect(settings.bass.pan).toBe(0);
    expect(settings.lead.pan).toBe(0);
    const spread = [settings.keys.pan, settings.pad.pan, settings.strings.pan, settings.silent.pan] as number[];
    expect(spread[0]).toBeLessThan(0);
    expect(spread[1]).toBeGreaterThan(0);
    expect(spread[2]).toBeLessThan(spread[0]);
    expect(spread[3]).toBeGreaterThan(spread[1]);
  });

  it('honours explicit roles and returns the mix made with its suggestions', () => {
    const { settings, buffer } = autoMix({ a: stems.bass, b: stems.keys }, { roles: { a: 'pad', b: 'kick' } });
    expect(settings.a.pan).not.toBe(0);
    expect(settings.b.pan).toBe(0);
    expect(buffer.channels).toHaveLength(2);
    expect(buffer.channels[0]).toHaveLength(stems.bass.channels[0].length);
  });

  it('infers roles from common stem names', () => {
    expect(inferMixRole('Kick In')).toBe('kick');
    expect(inferMixRole('808')).toBe('bass');
    expect(inferMixRole('Lead Vox')).toBe('vocals');
    expect(inferMixRole('OH hats')).toBe('percussion');
    expect(inferMixRole('Pad 2')).toBe('pad');
    expect(inferMixRole('Rhodes')).toBe('chords');
  });
});
