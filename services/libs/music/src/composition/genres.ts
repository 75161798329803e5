import type { ProgressionStyle } from '../theory/progressions';
import type { ScaleName } from '../theory/scales';

export const GENRE_IDS = [
  'trap', 'boom-bap', 'lo-fi', 'house', 'techno', 'drum-and-bass', 'edm-pop', 'rock', 'jazz-swing', 'reggae',
  'reggaeton', 'afrobeats', 'ambient',
] as const;
export type GenreId = (typeof GENRE_IDS)[number];

/**
 * How off-beats are delayed. `ratio` is long:short of each swung pair (1 is
 * straight, 2 is triplet swing); "jazz" means it depends on tempo (see
 * `jazzSwingRatio`).
 */
export interface SwingFeel {
  grid: 'eighth' | 'sixteenth';
  ratio: number | 'jazz';
}

export type BassStyle =
  | '808' | 'hip-hop' | 'offbeat' | 'rolling' | 'sub-syncopated' | 'pulse' | 'root-fifth' | 'walking' | 'one-drop'
  | 'dembow' | 'afro' | 'drone';

/** How the chord part is played. */
export type CompStyle =
  | 'sustained' | 'rolled' | 'stabs' | 'offbeat-stabs' | 'pulse' | 'strum' | 'charleston' | 'skank' | 'tresillo';

/** The rhythmic vocabulary of the lead. */
export type MelodyRhythm = 'sparse' | 'laid-back' | 'syncopated' | 'straight' | 'swung' | 'long';

export interface GenreProfile {
  id: GenreId;
  label: string;
  /** Genre-true tempo range and default; requests are validated only against 60-200 overall. */
  bpm: { min: number; max: number; default: number };
  swing: SwingFeel | null;
  /** Standard deviations: velocity in MIDI steps, timing in beats (0 for grid-tight electronic genres). */
  humanize: { velocity: number; timing: number };
  progression: ProgressionStyle;
  defaultScale: ScaleName;
  bass: BassStyle;
  comp: CompStyle;
  melody: MelodyRhythm;
  /** Lead register (MIDI notes, inclusive). */
  leadRange: { low: number; high: number };
}

export const GENRES: Record<GenreId, GenreProfile> = {
  trap: {
    id: 'trap', label: 'Trap', bpm: { min: 130, max: 170, default: 140 }, swing: null,
    humanize: { velocity: 6, timing: 0 }, progression: 'minor-loop', defaultScale: 'minor',
    bass: '808', comp: 'sustained', melody: 'sparse', leadRange: { low: 67, high: 88 },
  },
  'boom-bap': {
    id: 'boom-bap', label: 'Boom bap', bpm: { min: 84, max: 98, default: 90 },
    swing: { grid: 'sixteenth', ratio: 1.6 }, humanize: { velocity: 10, timing: 0.006 }, progression: 'soul',
    defaultScale: 'minor', bass: 'hip-hop', comp: 'stabs', melody: 'laid-back', leadRange: { low: 60, high: 81 },
  },
  'lo-fi': {
    id: 'lo-fi', label: 'Lo-fi hip hop', bpm: { min: 70, max: 90, default: 80 },
    swing: { grid: 'sixteenth', ratio: 1.75 }, humanize: { velocity: 12, timing: 0.012 }, progression: 'soul',
    defaultScale: 'dorian', bass: 'hip-hop', comp: 'rolled', melody: 'laid-back', leadRange: { low: 60, high: 79 },
  },
  house: {
    id: 'house', label: 'House', bpm: { min: 118, max: 130, default: 124 },
    swing: { grid: 'sixteenth', ratio: 1.15 }, humanize: { velocity: 4, timing: 0 }, progression: 'pop',
    defaultScale: 'minor', bass: 'offbeat', comp: 'offbeat-stabs', melody: 'syncopated', leadRange: { low: 62, high: 84 },
  },
  techno: {
    id: 'techno', label: 'Techno', bpm: { min: 125, max: 150, default: 132 }, swing: null,
    humanize: { velocity: 3, timing: 0 }, progression: 'minor-loop', defaultScale: 'minor',
    bass: 'rolling', comp: 'sustained', melody: 'syncopated', leadRange: { low: 60, high: 79 },
  },
  'drum-and-bass': {
    id: 'drum-and-bass', label: 'Drum and bass', bpm: { min: 160, max: 180, default: 174 }, swing: null,
    humanize: { velocity: 6, timing: 0.002 }, progression: 'minor-loop', defaultScale: 'minor',
    bass: 'sub-syncopated', comp: 'sustained', melody: 'syncopated', leadRange: { low: 62, high: 84 },
  },
  'edm-pop': {
    id: 'edm-pop', label: 'EDM / pop', bpm: { min: 100, max: 130, default: 122 }, swing: null,
    humanize: { velocity: 4, timing: 0 }, progression: 'pop', defaultScale: 'major',
    bass: 'pulse', comp: 'pulse', melody: 'straight', leadRange: { low: 62, high: 84 },
  },
  rock: {
    id: 'rock', label: 'Rock', bpm: { min: 100, max: 160, default: 120 }, swing: null,
    humanize: { velocity: 8, timing: 0.005 }, progression: 'rock', defaultScale: 'major',
    bass: 'root-fifth', comp: 'strum', melody: 'straight', leadRange: { low: 60, high: 81 },
  },
  'jazz-swing': {
    id: 'jazz-swing', label: 'Jazz swing', bpm: { min: 80, max: 200, default: 140 },
    swing: { grid: 'eighth', ratio: 'jazz' }, humanize: { velocity: 10, timing: 0.008 }, progression: 'jazz',
    defaultScale: 'major', bass: 'walking', comp: 'charleston', melody: 'swung', leadRange: { low: 60, high: 84 },
  },
  reggae: {
    id: 'reggae', label: 'Reggae (one drop)', bpm: { min: 60, max: 90, default: 75 },
    swing: { grid: 'eighth', ratio: 1.4 }, humanize: { velocity: 8, timing: 0.005 }, progression: 'reggae',
    defaultScale: 'major', bass: 'one-drop', comp: 'skank', melody: 'laid-back', leadRange: { low: 60, high: 81 },
  },
  reggaeton: {
    id: 'reggaeton', label: 'Reggaeton (dembow)', bpm: { min: 88, max: 105, default: 95 }, swing: null,
    humanize: { velocity: 5, timing: 0 }, progression: 'latin', defaultScale: 'minor',
    bass: 'dembow', comp: 'tresillo', melody: 'syncopated', leadRange: { low: 62, high: 84 },
  },
  afrobeats: {
    id: 'afrobeats', label: 'Afrobeats', bpm: { min: 95, max: 118, default: 105 },
    swing: { grid: 'sixteenth', ratio: 1.3 }, humanize: { velocity: 7, timing: 0.004 }, progression: 'afro',
    defaultScale: 'major', bass: 'afro', comp: 'tresillo', melody: 'syncopated', leadRange: { low: 62, high: 84 },
  },
  ambient: {
    id: 'ambient', label: 'Ambient', bpm: { min: 60, max: 90, default: 70 }, swing: null,
    humanize: { velocity: 6, timing: 0.01 }, progression: 'ambient', defaultScale: 'lydian',
    bass: 'drone', comp: 'sustained', melody: 'long', leadRange: { low: 60, high: 86 },
  },
};
