import type { ARRANGEMENT_SECTIONS, COMPLEXITIES, ComposeKind, GENRES, MUSICAL_KEYS, SCALES } from '@dawg/contracts';
import { GENRES as GENRE_PROFILES } from '@dawg/music';

type Genre = (typeof GENRES)[number];
type Scale = (typeof SCALES)[number];

/** The compose params a prompt is made from (a beat, melody, chords or arrangement request, defaults applied or not). */
export interface MusicPromptParams {
  genre: Genre;
  bpm: number;
  bars?: number;
  key?: (typeof MUSICAL_KEYS)[number];
  scale?: Scale;
  complexity?: (typeof COMPLEXITIES)[number];
  /** Melody only: play the chords under the lead. */
  withChords?: boolean;
  /** Arrangement only: the section order. */
  structure?: readonly (typeof ARRANGEMENT_SECTIONS)[number][];
}

/** How a genre sounds, in the words text-to-music models were trained on (tags and captions). */
interface GenreSound {
  /** What the style is called, e.g. `trap`, `roots reggae`. */
  style: string;
  drums: string;
  bass: string;
  chords: string;
  lead: string;
  mood: string;
}

export const GENRE_SOUNDS: Readonly<Record<Genre, GenreSound>> = {
  trap: { style: 'trap', drums: 'rolling hi-hats, snappy claps, hard kick', bass: 'booming 808 bass', chords: 'dark synth pads', lead: 'eerie bell melody', mood: 'dark, menacing' },
  'boom-bap': { style: 'boom bap hip hop', drums: 'dusty sampled drums, punchy kick and snare, swung groove', bass: 'warm upright bass', chords: 'chopped soul sample, jazzy piano stabs', lead: 'mellow horn line', mood: 'gritty, 90s New York' },
  'lo-fi': { style: 'lo-fi hip hop', drums: 'soft dusty drums, lazy swing', bass: 'warm mellow bass', chords: 'jazzy Rhodes piano chords', lead: 'gentle muted guitar melody', mood: 'relaxed, nostalgic, vinyl crackle, tape hiss' },
  house: { style: 'house', drums: 'four-on-the-floor kick, off-beat open hi-hats, claps', bass: 'groovy bassline', chords: 'piano stabs', lead: 'catchy synth hook', mood: 'uplifting, club energy' },
  techno: { style: 'techno', drums: 'driving four-on-the-floor kick, industrial percussion', bass: 'rolling bassline', chords: 'hypnotic synth drones', lead: 'acid synth sequence', mood: 'dark, hypnotic, warehouse' },
  'drum-and-bass': { style: 'drum and bass', drums: 'fast breakbeats, crisp snares', bass: 'deep rolling sub bass, reese bass', chords: 'atmospheric pads', lead: 'soaring synth lead', mood: 'energetic, high tempo' },
  'edm-pop': { style: 'EDM pop', drums: 'punchy kick, claps, build-up snare rolls', bass: 'pumping sidechained bass', chords: 'bright sidechained synth chords', lead: 'catchy pluck lead', mood: 'uplifting, euphoric, radio-ready' },
  rock: { style: 'rock', drums: 'live drum kit, crashing cymbals', bass: 'driving electric bass', chords: 'distorted electric guitar power chords', lead: 'electric guitar riff', mood: 'energetic, anthemic' },
  'jazz-swing': { style: 'swing jazz', drums: 'swinging ride cymbal, brushed snare', bass: 'walking upright bass', chords: 'piano comping', lead: 'saxophone melody', mood: 'smoky, lively, big band' },
  reggae: { style: 'roots reggae', drums: 'one drop rhythm, rimshots', bass: 'deep round bassline', chords: 'off-beat guitar skank, organ bubble', lead: 'melodica melody', mood: 'laid-back, sunny' },
  reggaeton: { style: 'reggaeton', drums: 'dembow rhythm, latin percussion', bass: 'deep 808 bass', chords: 'tropical synth chords', lead: 'synth pluck melody', mood: 'sensual, danceable' },
  afrobeats: { style: 'afrobeats', drums: 'syncopated log drums, shakers, congas', bass: 'warm bouncy bass', chords: 'highlife guitar chords', lead: 'bright marimba melody', mood: 'sunny, bouncy, joyful' },
  ambient: { style: 'ambient', drums: 'soft sparse percussion', bass: 'deep drone', chords: 'lush evolving pads', lead: 'soft piano motifs', mood: 'calm, spacious, ethereal' },
};

const SCALE_WORDS: Readonly<Record<Scale, string>> = {
  major: 'major',
  minor: 'minor',
  dorian: 'Dorian',
  phrygian: 'Phrygian',
  lydian: 'Lydian',
  mixolydian: 'Mixolydian',
  locrian: 'Locrian',
  'harmonic-minor': 'harmonic minor',
  'melodic-minor': 'melodic minor',
};

const COMPLEXITY_WORDS = { simple: 'minimal, sparse', medium: '', complex: 'intricate, richly layered' } as const;

/**
 * A text prompt for a text-to-music model (MusicGen, Suno) from compose
 * params: what to make and its style first, then tempo and key, the
 * instruments that define the genre, the mood. Pure and deterministic, e.g.
 * `trap beat, 140 BPM, F minor, booming 808 bass, rolling hi-hats, …, dark, menacing`.
 */
export function musicPrompt(kind: ComposeKind, params: MusicPromptParams): string {
  const sound = GENRE_SOUNDS[params.genre];
  const scale = params.scale ?? (GENRE_PROFILES[params.genre].defaultScale as Scale);
  const parts: string[] = [];
  switch (kind) {
    case 'beat':
      parts.push(`${sound.style} beat`, tempoAndKey(params, scale), sound.bass, sound.drums);
      break;
    case 'melody':
      parts.push(`${sound.style} melody`, tempoAndKey(params, scale), sound.lead, params.withChords ? sound.chords : 'solo lead, no drums');
      break;
    case 'chords':
      parts.push(`${sound.style} chord progression`, tempoAndKey(params, scale), sound.chords, 'no drums');
      break;
    case 'arrangement':
      parts.push(`${sound.style} instrumental track`, tempoAndKey(params, scale), sound.drums, sound.bass, sound.chords, sound.lead);
      if (params.structure?.length) parts.push(`song structure ${params.structure.join(' ')}`);
      break;
  }
  parts.push(COMPLEXITY_WORDS[params.complexity ?? 'medium'], sound.mood);
  return parts.filter((part) => part !== '').join(', ');
}

function tempoAndKey(params: MusicPromptParams, scale: Scale): string {
  return `${params.bpm} BPM, ${params.key ?? 'C'} ${SCALE_WORDS[scale]}`;
}

/** Seconds that `bars` bars of 4/4 last at `bpm` (one section's length for an arrangement). */
export function durationFor(params: { bars?: number; bpm: number }): number {
  return ((params.bars ?? 8) * 4 * 60) / params.bpm;
}
