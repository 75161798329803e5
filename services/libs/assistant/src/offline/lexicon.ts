import type { GenreId, LyricMood, ScaleName } from '@dawg/music';
import type { MarkerKind } from '../tools';

/**
 * The offline parser's vocabulary: every word it knows, grouped by what it
 * means. Rules and extractors read these tables; nothing else hard-codes a
 * word list, so teaching the parser a synonym is a one-line change here.
 */

/** Multi-word phrases joined into one token before anything else looks at the words. */
export const PHRASES: ReadonlyArray<readonly [readonly string[], string]> = [
  [['drum', 'and', 'bass'], 'drum-and-bass'],
  [['drum', 'n', 'bass'], 'drum-and-bass'],
  [['drum', '&', 'bass'], 'drum-and-bass'],
  [['d', '&', 'b'], 'drum-and-bass'],
  [['d', 'n', 'b'], 'drum-and-bass'],
  [['boom', 'bap'], 'boom-bap'],
  [['lo', 'fi'], 'lo-fi'],
  [['low', 'fi'], 'lo-fi'],
  [['hip', 'hop'], 'hip-hop'],
  [['jazz', 'swing'], 'jazz-swing'],
  [['edm', 'pop'], 'edm-pop'],
  [['deep', 'house'], 'house'],
  [['tech', 'house'], 'house'],
  [['afro', 'beats'], 'afrobeats'],
  [['afro', 'beat'], 'afrobeats'],
  [['hi', 'hat'], 'hi-hat'],
  [['high', 'hat'], 'hi-hat'],
  [['hi', 'hats'], 'hi-hat'],
  [['pre', 'chorus'], 'pre-chorus'],
  [['post', 'chorus'], 'post-chorus'],
  [['mix', 'and', 'master'], 'mix-and-master'],
  [['mix', '&', 'master'], 'mix-and-master'],
  [['mixing', 'and', 'mastering'], 'mix-and-master'],
  [['harmonic', 'minor'], 'harmonic-minor'],
  [['melodic', 'minor'], 'melodic-minor'],
  [['natural', 'minor'], 'minor'],
  [['key', 'signature'], 'key-signature'],
  [['chord', 'progression'], 'progression'],
  [['chord', 'progressions'], 'progression'],
  [['ii', 'v', 'i'], 'ii-v-i'],
  [['ii', 'v', 'i7'], 'ii-v-i'],
  [['2', '5', '1'], 'ii-v-i'],
  [['get', 'rid', 'of'], 'remove'],
  [['speed', 'up'], 'faster'],
  [['speed', 'it', 'up'], 'faster'],
  [['slow', 'down'], 'slower'],
  [['slow', 'it', 'down'], 'slower'],
  [['bass', 'guitar'], 'bass-guitar'],
  [['sound', 'effects'], 'fx'],
  [['lead', 'line'], 'melody'],
  [['top', 'line'], 'melody'],
  [['what', 'can', 'you', 'do'], 'help'],
  [['how', 'do', 'i', 'use'], 'help'],
  [['thank', 'you'], 'thanks'],
  [['how', 'about'], 'lets'],
  [['what', 'about'], 'lets'],
  [['turn', 'off'], 'mute'],
  [['un', 'mute'], 'unmute'],
  [['un', 'solo'], 'unsolo'],
];

/** Shorthand and misspellings too short for the fuzzy corrector. */
export const SHORTHAND: Readonly<Record<string, string>> = {
  pls: 'please', plz: 'please', u: 'you', ur: 'your', thx: 'thanks', ty: 'thanks', temp: 'tempo', bpms: 'bpm',
  lofi: 'lo-fi', boombap: 'boom-bap', dnb: 'drum-and-bass', hiphop: 'hip-hop', hihat: 'hi-hat', hihats: 'hi-hat',
  prechorus: 'pre-chorus', postchorus: 'post-chorus', automix: 'mix', mixdown: 'mix', remix: 'mix', afrobeat: 'afrobeats',
  prog: 'progression', chrds: 'chords', lyric: 'lyrics', mel: 'melody', maj: 'major', min: 'minor', vox: 'vox', gtr: 'guitar',
  '♯': '#', unmuted: 'unmute', muted: 'mute', soloed: 'solo', lufs: 'lufs', db: 'db', centre: 'center', middle: 'center',
  delete: 'delete', del: 'delete', rm: 'remove', bars: 'bars', measures: 'bars', measure: 'bar',
};

/** Everyday words the typo corrector leaves alone even when a vocabulary word is one letter away. */
export const COMMON_WORDS = new Set([
  'cool', 'sing', 'fine', 'nice', 'good', 'more', 'less', 'time', 'done', 'then', 'them', 'they', 'this', 'that', 'what', 'with',
  'from', 'have', 'into', 'just', 'like', 'much', 'only', 'over', 'some', 'such', 'take', 'than', 'very', 'well', 'were', 'when',
  'will', 'your', 'also', 'back', 'even', 'here', 'most', 'must', 'same', 'each', 'many', 'rain', 'love', 'life', 'fire', 'mine',
  'sure', 'pads', 'hook', 'mood', 'fast', 'slow', 'high', 'keys', 'lead', 'main', 'bars', 'hear', 'feel', 'vibe', 'vibes', 'city',
  'girl', 'home', 'road', 'star', 'stars', 'night', 'light', 'heart', 'dream', 'dreams', 'money', 'party', 'summer', 'winter', 'ocean',
  'please', 'thanks', 'about', 'could', 'would', 'should', 'there', 'their', 'where', 'which', 'these', 'those', 'other', 'again',
]);

/** Contractions expanded before matching ("what's" → "what is"). */
export const CONTRACTIONS: Readonly<Record<string, readonly string[]>> = {
  "what's": ['what', 'is'], "whats": ['what', 'is'], "it's": ['it', 'is'], "that's": ['that', 'is'], "there's": ['there', 'is'],
  "how's": ['how', 'is'], "where's": ['where', 'is'], "let's": ['let', 'us'], "i'd": ['i', 'would'], "i'm": ['i', 'am'],
  "i'll": ['i', 'will'], "you'll": ['you', 'will'], "i've": ['i', 'have'], "we're": ['we', 'are'], "don't": ['do', 'not'],
  "doesn't": ['does', 'not'], "can't": ['can', 'not'], "won't": ['will', 'not'], "isn't": ['is', 'not'], "we've": ['we', 'have'],
};

export const GENRE_WORDS: Readonly<Record<string, GenreId>> = {
  trap: 'trap', drill: 'trap',
  'boom-bap': 'boom-bap', 'hip-hop': 'boom-bap', rap: 'boom-bap',
  'lo-fi': 'lo-fi', chillhop: 'lo-fi',
  house: 'house',
  techno: 'techno',
  'drum-and-bass': 'drum-and-bass', jungle: 'drum-and-bass', dnb: 'drum-and-bass',
  'edm-pop': 'edm-pop', edm: 'edm-pop', pop: 'edm-pop', dance: 'edm-pop',
  rock: 'rock', punk: 'rock',
  'jazz-swing': 'jazz-swing', jazz: 'jazz-swing', swing: 'jazz-swing', jazzy: 'jazz-swing', bebop: 'jazz-swing',
  reggae: 'reggae', dub: 'reggae',
  reggaeton: 'reggaeton', dembow: 'reggaeton', latin: 'reggaeton',
  afrobeats: 'afrobeats', afro: 'afrobeats', amapiano: 'afrobeats',
  ambient: 'ambient', drone: 'ambient',
};

/** A genre's words as a person says them, for replies. */
export const GENRE_SPOKEN: Readonly<Record<GenreId, string>> = {
  trap: 'trap', 'boom-bap': 'boom bap', 'lo-fi': 'lo-fi', house: 'house', techno: 'techno', 'drum-and-bass': 'drum and bass',
  'edm-pop': 'EDM/pop', rock: 'rock', 'jazz-swing': 'jazz swing', reggae: 'reggae', reggaeton: 'reggaeton', afrobeats: 'afrobeats',
  ambient: 'ambient',
};

export const SCALE_WORDS: Readonly<Record<string, ScaleName>> = {
  major: 'major', ionian: 'major',
  minor: 'minor', aeolian: 'minor',
  dorian: 'dorian', phrygian: 'phrygian', lydian: 'lydian', mixolydian: 'mixolydian', mixo: 'mixolydian', locrian: 'locrian',
  'harmonic-minor': 'harmonic-minor', 'melodic-minor': 'melodic-minor',
};

export const MOOD_WORDS: Readonly<Record<string, LyricMood>> = {
  happy: 'happy', upbeat: 'happy', joyful: 'happy', cheerful: 'happy', fun: 'happy', bright: 'happy', feelgood: 'happy',
  sad: 'sad', melancholy: 'sad', melancholic: 'sad', heartbroken: 'sad', depressing: 'sad', gloomy: 'sad', dark: 'sad', emotional: 'sad', moody: 'sad',
  angry: 'angry', mad: 'angry', aggressive: 'angry', furious: 'angry', rage: 'angry', hard: 'angry',
  romantic: 'romantic', love: 'romantic', loving: 'romantic', sexy: 'romantic', sensual: 'romantic',
  hopeful: 'hopeful', uplifting: 'hopeful', inspiring: 'hopeful', optimistic: 'hopeful', motivational: 'hopeful', epic: 'hopeful',
  chill: 'chill', chilled: 'chill', mellow: 'chill', relaxed: 'chill', relaxing: 'chill', calm: 'chill', peaceful: 'chill', dreamy: 'chill',
};

export const COMPLEXITY_WORDS: Readonly<Record<string, 'simple' | 'medium' | 'complex'>> = {
  simple: 'simple', basic: 'simple', minimal: 'simple', sparse: 'simple', easy: 'simple',
  medium: 'medium', moderate: 'medium',
  complex: 'complex', intricate: 'complex', busy: 'complex', advanced: 'complex', complicated: 'complex', elaborate: 'complex',
};

/** Marker kinds by the words that name a section. */
export const SECTION_WORDS: Readonly<Record<string, Exclude<MarkerKind, 'custom'>>> = {
  intro: 'intro', verse: 'verse', 'pre-chorus': 'pre-chorus', chorus: 'chorus', hook: 'chorus', refrain: 'chorus',
  'post-chorus': 'post-chorus', bridge: 'bridge', breakdown: 'breakdown', drop: 'drop', solo: 'solo', outro: 'outro', ending: 'outro',
};

/**
 * Instruments a track can be named after: the track name to give a new one,
 * its kind, and the group of words that refer to it (for finding tracks).
 */
export interface InstrumentEntry {
  group: string;
  trackName: string;
  kind: 'audio' | 'midi';
  words: readonly string[];
}

export const INSTRUMENTS: readonly InstrumentEntry[] = [
  { group: 'vocal', trackName: 'Vocals', kind: 'audio', words: ['vocal', 'vocals', 'vox', 'voice', 'voices', 'vocalist', 'singer', 'singing', 'acapella', 'vo'] },
  { group: 'bass-guitar', trackName: 'Bass Guitar', kind: 'audio', words: ['bass-guitar'] },
  { group: 'bass', trackName: 'Bass', kind: 'midi', words: ['bass', '808', '808s', 'sub', 'subbass', 'bassline', 'basses'] },
  { group: 'hi-hat', trackName: 'Hi-Hat', kind: 'midi', words: ['hi-hat', 'hat', 'hats', 'hh'] },
  { group: 'kick', trackName: 'Kick', kind: 'midi', words: ['kick', 'kicks', 'kickdrum', 'bd'] },
  { group: 'snare', trackName: 'Snare', kind: 'midi', words: ['snare', 'snares', 'clap', 'claps', 'rimshot'] },
  { group: 'drums', trackName: 'Drums', kind: 'midi', words: ['drum', 'drums', 'kit', 'drumkit', 'percussion', 'perc', 'percs', 'beat', 'beats'] },
  { group: 'keys', trackName: 'Keys', kind: 'midi', words: ['keys', 'piano', 'pianos', 'keyboard', 'keyboards', 'rhodes', 'ep', 'wurli', 'organ'] },
  { group: 'guitar', trackName: 'Guitar', kind: 'audio', words: ['guitar', 'guitars', 'acoustic', 'strat'] },
  { group: 'synth', trackName: 'Synth', kind: 'midi', words: ['synth', 'synths', 'synthesizer', 'synthesiser'] },
  { group: 'pad', trackName: 'Pad', kind: 'midi', words: ['pad', 'pads', 'atmosphere', 'texture'] },
  { group: 'strings', trackName: 'Strings', kind: 'midi', words: ['strings', 'string', 'violin', 'violins', 'cello', 'orchestra'] },
  { group: 'brass', trackName: 'Brass', kind: 'midi', words: ['brass', 'horn', 'horns', 'trumpet', 'sax', 'saxophone'] },
  { group: 'lead', trackName: 'Lead', kind: 'midi', words: ['lead', 'leads'] },
  { group: 'fx', trackName: 'FX', kind: 'audio', words: ['fx', 'sfx', 'effects', 'riser', 'risers', 'foley'] },
  { group: 'sample', trackName: 'Sample', kind: 'audio', words: ['sample', 'samples', 'loop', 'loops', 'chop', 'chops'] },
];

/** Verbs that bring something new into being. */
export const CREATE_VERBS = new Set(['make', 'create', 'generate', 'produce', 'compose', 'write', 'build', 'cook', 'program', 'give', 'add', 'new', 'craft', 'design', 'whip', 'get', 'need', 'want', 'start', 'insert', 'lay', 'come', 'try']);
/** The subset that clearly asks for generation rather than a suggestion. */
export const GENERATE_VERBS = new Set(['make', 'create', 'generate', 'produce', 'compose', 'build', 'cook', 'program', 'craft', 'write']);
export const CHANGE_VERBS = new Set(['set', 'change', 'switch', 'put', 'move', 'make', 'modulate', 'go', 'bump', 'adjust', 'update']);
export const DELETE_VERBS = new Set(['delete', 'remove', 'erase', 'trash', 'kill', 'ditch', 'scrap', 'nuke']);
export const QUESTION_WORDS = new Set(['what', 'which', 'how', 'whats', 'when', 'where', 'who', 'tell', 'list', 'show', 'explain', 'name', 'is', 'are', 'does', 'do', 'why', 'describe', 'spell']);
/** Words that make a request polite, skipped when looking for how a sentence starts. */
export const POLITE_WORDS = new Set([
  'could', 'can', 'would', 'will', 'you', 'please', 'kindly', 'hey', 'hi', 'hello', 'ok', 'okay', 'so', 'i', 'want', 'to', 'like', 'let', 'us',
  'go', 'ahead', 'and', 'just', 'now', 'dawg', 'yo', 'um', 'uh', 'well', 'maybe', 'quickly', 'mind', 'need', 'you', 'be', 'able', 'shall', 'we', 'lets',
]);

export const BEAT_NOUNS = new Set(['beat', 'beats', 'groove', 'rhythm', 'instrumental', 'drums', 'drum', 'pattern']);
export const MELODY_NOUNS = new Set(['melody', 'melodies', 'riff', 'riffs', 'tune', 'topline', 'motif', 'arpeggio', 'arp']);
export const CHORD_NOUNS = new Set(['chord', 'chords', 'progression', 'harmony', 'harmonies']);
export const SONG_NOUNS = new Set(['song', 'songs', 'arrangement', 'arrange', 'production', 'composition', 'structure', 'banger', 'jam', 'piece']);
export const LYRIC_NOUNS = new Set(['lyrics', 'words', 'rhymes', 'poem', 'verses', 'lines']);
export const TRACK_NOUNS = new Set(['track', 'tracks', 'channel', 'channels', 'lane', 'stem']);
export const MARKER_NOUNS = new Set(['marker', 'markers', 'cue', 'locator', 'flag', 'label']);
export const TEMPO_WORDS = new Set(['tempo', 'bpm', 'speed', 'pace']);
export const TEMPO_CHANGE_WORDS = new Set(['slower', 'faster', 'slow', 'quicker', 'speedier', 'halve', 'double']);
export const VOLUME_WORDS = new Set(['volume', 'gain', 'level', 'fader', 'louder', 'quieter', 'softer', 'loud', 'quiet']);
export const VOLUME_VERBS = new Set(['turn', 'bring', 'push', 'pull', 'crank', 'raise', 'lower', 'boost', 'cut', 'reduce', 'increase', 'decrease', 'drop', 'attenuate', 'duck']);
export const DIRECTION_UP = new Set(['up', 'louder', 'raise', 'boost', 'increase', 'crank', 'push']);
export const DIRECTION_DOWN = new Set(['down', 'quieter', 'softer', 'lower', 'cut', 'reduce', 'decrease', 'drop', 'attenuate', 'duck', 'pull']);

/** Words never taken as part of a track's name when finding which track is meant. */
export const NON_NAME_WORDS = new Set([
  'the', 'a', 'an', 'my', 'our', 'your', 'this', 'that', 'these', 'those', 'its', 'their', 'track', 'tracks', 'channel', 'channels', 'lane',
  'please', 'could', 'can', 'would', 'will', 'you', 'it', 'me', 'us', 'i', 'we', 'let', 'go', 'ahead', 'just', 'bit', 'little', 'some',
  'of', 'on', 'for', 'by', 'to', 'up', 'down', 'at', 'in', 'with', 'and', 'then', 'now', 'also', 'kindly', 'thanks', 'hey', 'so', 'ok',
  'okay', 'do', 'is', 'are', 'be', 'volume', 'level', 'gain', 'fader', 'db', 'percent', 'left', 'right', 'center', 'hard', 'slightly',
  'way', 'lot', 'much', 'more', 'less', 'louder', 'quieter', 'softer', 'loud', 'quiet', 'mute', 'unmute', 'solo', 'unsolo', 'pan', 'turn',
  'bring', 'push', 'pull', 'raise', 'lower', 'boost', 'cut', 'reduce', 'increase', 'decrease', 'set', 'make', 'change', 'put', 'move',
  'delete', 'remove', 'erase', 'trash', 'kill', 'ditch', 'scrap', 'rename', 'called', 'named', 'name', 'call', 'number', 'no', 'crank',
  'too', 'very', 'really', 'bit', 'tad', 'touch', 'somewhat', 'all', 'way', 'fully', 'completely', 'silence', 'as', 'from', 'dawg',
  'mind', 'want', 'like', 'would', 'need', 'drop', 'attenuate', 'duck', 'panned', 'pan', 'hear', 'only', 'again', 'back', 'over',
  'sound', 'sounds', 'stereo', 'position', 'get', 'rid', 'lose', 'bin', 'nuke', 'place', 'shift', 'whole', 'entire', 'one',
  'bar', 'bars', 'bpm', 'decibels', 'lufs', 'send', 'is', 'was', 'a', 'unmuted', 'last', 'there', 'here', 'thing', 'part', 'up',
  'louder', 'quieter', 'faded', 'fade', 'same', 'both', 'other', 'off', 'on', 'out', 'towards', 'toward', 'side', 'panning',
]);

/** The help reply's examples: also the grammar's shortest tour. */
export const EXAMPLES: readonly string[] = [
  'make a trap beat at 140 bpm in F minor, 8 bars',
  'add a synth track called Lead',
  'set the tempo to 92',
  'mute the drums / solo the vocals / turn the bass down 3 dB / pan the guitar left',
  'rename track 2 to Pads',
  'add a chorus marker at bar 17',
  'change the key to D dorian',
  'write some sad lyrics about rain',
  'mix and master it',
  'what chords are in G major?',
  "what's a ii-V-I in Bb?",
];
