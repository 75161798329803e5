/**
 * The rhyme dictionary: words grouped by the sound after their stressed vowel
 * (the rime), each family tagged with the moods it suits. Every word of a
 * family is spelled with the same ending, so an eye check agrees with the ear
 * and families stay easy to review. Each word carries its part of speech, so a
 * line template that ends on a noun, verb or adjective gets one that fits.
 */

export const LYRIC_MOODS = ['happy', 'sad', 'angry', 'romantic', 'hopeful', 'chill'] as const;
export type LyricMood = (typeof LYRIC_MOODS)[number];

/** n: noun (reads after "the"), v: verb (base form, reads after "to"), a: adjective (reads after "so"). */
export type PartOfSpeech = 'n' | 'v' | 'a';

export interface RhymeWord {
  word: string;
  pos: PartOfSpeech;
}

export interface RhymeFamily {
  /** The shared ending, e.g. `ight`. */
  rime: string;
  moods: readonly LyricMood[];
  words: readonly RhymeWord[];
}

// rime, moods, then `word:pos` entries; kept as strings so the table stays compact.
const TABLE: readonly (readonly [string, string, string])[] = [
  ['ight', 'happy sad angry romantic hopeful chill', 'night:n light:n bright:a fight:v sight:n flight:n tight:a height:n might:n delight:n midnight:n fright:n right:a slight:a'],
  ['ay', 'happy romantic hopeful chill', 'day:n way:n stay:v play:v pray:v sway:v gray:a okay:a holiday:n display:n bay:n ray:n delay:n'],
  ['ire', 'angry romantic hopeful', 'fire:n desire:n wire:n tire:v inspire:v admire:v empire:n spire:n attire:n conspire:v'],
  ['art', 'sad romantic hopeful', 'heart:n start:v art:n part:n chart:n dart:n smart:a depart:v restart:v'],
  ['ame', 'angry sad romantic', 'flame:n name:n game:n same:a blame:v shame:n frame:n tame:a fame:n'],
  ['ain', 'sad angry chill', 'rain:n pain:n chain:n train:n remain:v vain:a plain:a brain:n stain:n explain:v complain:v'],
  ['ong', 'happy hopeful romantic', 'song:n strong:a long:a wrong:a belong:v throng:n gong:n prolong:v'],
  ['ear', 'sad romantic hopeful', 'fear:n tear:n year:n near:a clear:a hear:v dear:a appear:v gear:n spear:n'],
  ['ee', 'happy hopeful chill romantic', 'free:a see:v tree:n degree:n agree:v flee:v glee:n knee:n jubilee:n'],
  ['ound', 'happy angry chill hopeful', 'sound:n ground:n round:a bound:a pound:v astound:v profound:a hound:n mound:n'],
  ['own', 'sad angry', 'town:n crown:n gown:n clown:n drown:v frown:n brown:a renown:n'],
  ['ide', 'hopeful chill romantic angry', 'ride:v side:n pride:n tide:n hide:v slide:v wide:a guide:n stride:n divide:v collide:v'],
  ['eam', 'happy hopeful romantic chill', 'dream:n stream:n team:n scream:n beam:n gleam:n cream:n steam:n'],
  ['all', 'sad angry hopeful', 'fall:v call:n wall:n hall:n small:a tall:a ball:n stall:v recall:v'],
  ['old', 'sad angry chill', 'cold:a gold:n hold:v bold:a old:a fold:v mold:n untold:a'],
  ['ace', 'romantic hopeful chill', 'face:n place:n space:n grace:n race:n brace:v embrace:n trace:n lace:n pace:n'],
  ['ing', 'happy hopeful romantic', 'ring:n sing:v bring:v spring:n king:n wing:n swing:v string:n sting:n thing:n'],
  ['ine', 'happy romantic chill', 'shine:v line:n wine:n divine:a twine:n fine:a spine:n pine:v shrine:n vine:n decline:v'],
  ['ose', 'romantic sad chill', 'rose:n close:a nose:n prose:n pose:v compose:v oppose:v suppose:v'],
  ['un', 'happy chill hopeful', 'sun:n run:v fun:n gun:n stun:v outrun:v rerun:n pun:n shun:v'],
  ['ark', 'sad angry chill', 'dark:a spark:n mark:n park:n bark:n stark:a ark:n embark:v remark:n lark:n'],
  ['ust', 'sad angry romantic', 'trust:n dust:n rust:n lust:n unjust:a crust:n gust:n adjust:v thrust:n robust:a'],
  ['ess', 'sad romantic angry', 'mess:n dress:n bless:v press:v confess:v caress:n success:n stress:n excess:n chess:n'],
  ['eep', 'sad chill romantic', 'sleep:v deep:a keep:v weep:v steep:a sheep:n creep:v sweep:v'],
  ['ill', 'chill angry happy', 'still:a will:n thrill:n hill:n chill:n fill:v spill:v skill:n mill:n'],
  ['ore', 'hopeful happy romantic', 'shore:n core:n store:n score:n ignore:v explore:v adore:v restore:v folklore:n encore:n'],
  ['est', 'hopeful happy chill', 'rest:n best:a chest:n test:n quest:n west:n nest:n protest:n request:n zest:n'],
  ['ew', 'hopeful happy chill romantic', 'new:a dew:n crew:n view:n chew:v brew:v stew:n renew:v'],
  ['ack', 'angry happy', 'back:n black:a track:n crack:n attack:n pack:n stack:n lack:n slack:a knack:n'],
  ['ime', 'happy hopeful chill sad', 'time:n grime:n crime:n prime:a chime:n lime:n dime:n sublime:a mime:n'],
  ['eat', 'happy angry chill', 'heat:n seat:n treat:n cheat:v repeat:v defeat:n retreat:n neat:a wheat:n'],
  ['ave', 'hopeful angry sad', 'wave:n brave:a grave:n save:v crave:v cave:n behave:v rave:n pave:v'],
];

export const RHYME_FAMILIES: readonly RhymeFamily[] = TABLE.map(([rime, moods, words]) => ({
  rime,
  moods: moods.split(' ') as LyricMood[],
  words: words.split(' ').map((entry) => {
    const [word, pos] = entry.split(':') as [string, PartOfSpeech];
    return { word, pos };
  }),
}));

const FAMILY_OF = new Map<string, string>(RHYME_FAMILIES.flatMap((family) => family.words.map(({ word }) => [word, family.rime] as const)));

/** The rime of a dictionary word, or for any other word the spelled vowel and coda after its last vowel (silent e dropped). */
export function rhymeKey(word: string): string {
  const clean = word.toLowerCase().replace(/[^a-z]/g, '');
  const known = FAMILY_OF.get(clean);
  if (known) return known;
  const stem = clean.length > 2 ? clean.replace(/([^aeiouy])e$/, '$1') : clean;
  return /[aeiouy]+[^aeiouy]*$/.exec(stem)?.[0] ?? stem;
}

/** Whether two words rhyme: same family, or the same spelled rime when either is not in the dictionary. */
export function rhymes(a: string, b: string): boolean {
  return rhymeKey(a) === rhymeKey(b);
}
