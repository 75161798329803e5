import { type AudioBuffer } from '../types';
import { integratedLoudness } from './loudness';
import { mixStems, type MixOptions, type StemMixSettings } from './mix';

/** What a stem does in the arrangement; decides its loudness target and whether it stays centred. */
export type MixRole = 'kick' | 'drums' | 'percussion' | 'bass' | 'lead' | 'vocals' | 'chords' | 'pad' | 'fx' | 'other';

/**
 * Loudness each role is staged to before mastering, LUFS. The rhythm section
 * and the lead sit on top, harmony beds underneath; only the differences
 * matter, since master() normalises the sum afterwards.
 */
export const ROLE_TARGET_LUFS: Record<MixRole, number> = {
  kick: -17,
  drums: -16,
  percussion: -24,
  bass: -17,
  lead: -18,
  vocals: -17,
  chords: -21,
  pad: -23,
  fx: -26,
  other: -21,
};

/** Low end and focal parts stay in the middle; the rest are spread. */
const CENTRED_ROLES = new Set<MixRole>(['kick', 'drums', 'bass', 'lead', 'vocals']);
/** Never boost or cut a stem by more than this when staging it. */
const MAX_STAGING_DB = 24;

/** Best guess at a stem's role from its name ("Kick", "808", "Pad 2", "lead vox"...). */
export function inferMixRole(name: string): MixRole {
  const n = name.toLowerCase();
  if (/vox|vocal|voice|sing/.test(n)) return 'vocals';
  if (/kick|\bbd\b/.test(n)) return 'kick';
  if (/sub|bass|808/.test(n)) return 'bass';
  if (/hat|perc|shaker|tamb|conga|bongo|cymbal|crash|ride|clap|snare|tom/.test(n)) return 'percussion';
  if (/drum|beat|kit|groove/.test(n)) return 'drums';
  if (/lead|melody|solo|hook|arp/.test(n)) return 'lead';
  if (/pad|string|atmo|ambien|drone/.test(n)) return 'pad';
  if (/chord|key|piano|guitar|rhodes|organ|synth|stab/.test(n)) return 'chords';
  if (/fx|riser|sweep|impact|noise/.test(n)) return 'fx';
  return 'other';
}

export interface AutoMixOptions extends MixOptions {
  /** Roles by stem name; stems not listed are inferred from their names. */
  roles?: Record<string, MixRole>;
}

export interface AutoMixResult {
  settings: Record<string, StemMixSettings>;
  buffer: AudioBuffer;
}

/**
 * Gain staging and panning suggestions: each stem is brought from its
 * measured integrated loudness to its role's target, centred roles stay at
 * 0 and the others alternate left/right, widening as more arrive
 * (±0.4, ±0.4, ±0.6, ±0.6, … up to ±0.8), in the stems' order. Silent stems
 * are left at 0 dB.
 */
export function suggestMix(stems: Record<string, AudioBuffer>, roles: Record<string, MixRole> = {}): Record<string, StemMixSettings> {
  const settings: Record<string, StemMixSettings> = {};
  let spread = 0;
  for (const [name, stem] of Object.entries(stems)) {
    const role = roles[name] ?? inferMixRole(name);
    const loudness = integratedLoudness(stem);
    const gainDb = Number.isFinite(loudness)
      ? Math.max(-MAX_STAGING_DB, Math.min(MAX_STAGING_DB, ROLE_TARGET_LUFS[role] - loudness))
      : 0;
    let pan = 0;
    if (!CENTRED_ROLES.has(role)) {
      const side = spread % 2 === 0 ? -1 : 1;
      pan = side * Math.min(0.8, 0.4 + 0.2 * Math.floor(spread / 2));
      spread++;
    }
    settings[name] = { gainDb, pan };
  }
  return settings;
}

/** suggestMix, then mixStems with the suggestions. */
export function autoMix(stems: Record<string, AudioBuffer>, options: AutoMixOptions = {}): AutoMixResult {
  const settings = suggestMix(stems, options.roles);
  return { settings, buffer: mixStems(stems, settings, options) };
}
