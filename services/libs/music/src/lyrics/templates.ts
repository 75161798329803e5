import type { LyricMood, PartOfSpeech } from './rhyme-families';

/**
 * Line templates and the words that fill their inner slots. A template ends
 * on its rhyme slot, `{end}`, so the line's last word is the one the rhyme
 * scheme chose; `{adj}`, `{noun}`, `{verb}`, `{place}` and `{time}` come from
 * the mood's vocabulary and `{topic}` is the caller's topic.
 */
export interface LineTemplate {
  text: string;
  /** The part of speech `{end}` must be. */
  end: PartOfSpeech;
}

const t = (end: PartOfSpeech, texts: readonly string[]): LineTemplate[] => texts.map((text) => ({ text, end }));

export const LINE_TEMPLATES: readonly LineTemplate[] = [
  ...t('n', [
    'I can feel it in the {end}',
    'Walking through the {adj} {end}',
    'There is a {adj} kind of {end}',
    'All we ever need is the {end}',
    'Underneath the {adj} {end}',
    'Hold me like the {end}',
    '{time} I am chasing the {end}',
    'You and me against the {end}',
    'Lost inside the {end}',
    'Every {noun} leads me to the {end}',
    'We light it up like the {end}',
    'Out here in the {place}, just the {end}',
    'I keep a little {noun} for the {end}',
    '{topic} is calling through the {end}',
    'Singing about {topic} and the {end}',
  ]),
  ...t('v', [
    'All I really want is to {end}',
    'Tell me, do you wanna {end}',
    '{time} we are gonna {end}',
    'Do not ever let me {end}',
    'Come on now, let us {end}',
    'I was born to {end}',
    'With the {noun} in my hands I {end}',
    'Every {noun} makes me {end}',
    'In the {place} we {end}',
    'Give me one more {noun} to {end}',
    'For {topic} I would {end}',
    'Let {topic} teach us how to {end}',
  ]),
  ...t('a', [
    'Everything feels so {end}',
    '{time} the {noun} is {end}',
    'Never been this {end}',
    'In the {place} it is {end}',
    'We were young and {end}',
    'Keep the {noun} {adj} and {end}',
    'The whole world is turning {end}',
    'Tell me why the {noun} is {end}',
    '{topic} makes it {end}',
    'With {topic} it all feels {end}',
  ]),
];

/** The chorus's first line: `{hook}` is an adjective and a noun that becomes the song's title. */
export const HOOK_TEMPLATES: readonly string[] = [
  'Oh, we are chasing that {hook}',
  'Take me to the {hook}',
  'Nothing like the {hook}',
  'Living in the {hook}',
  'Here comes the {hook}',
  'Hold on to the {hook}',
];

export interface MoodVocabulary {
  adj: readonly string[];
  noun: readonly string[];
  place: readonly string[];
  time: readonly string[];
}

export const MOOD_VOCABULARY: Readonly<Record<LyricMood, MoodVocabulary>> = {
  happy: {
    adj: ['golden', 'sunny', 'shining', 'electric', 'brand new', 'wild'],
    noun: ['summer', 'laughter', 'sunshine', 'party', 'rhythm', 'smile'],
    place: ['city', 'sunlight', 'backyard', 'crowd'],
    time: ['Tonight', 'All summer', 'Right now', 'Every day'],
  },
  sad: {
    adj: ['empty', 'broken', 'fading', 'quiet', 'lonely', 'hollow'],
    noun: ['memory', 'shadow', 'letter', 'echo', 'silence', 'photograph'],
    place: ['hallway', 'empty room', 'rain', 'station'],
    time: ['Tonight', 'Since you left', 'Every morning', 'Late at night'],
  },
  angry: {
    adj: ['burning', 'reckless', 'savage', 'bitter', 'restless', 'iron'],
    noun: ['anger', 'thunder', 'hammer', 'warning', 'engine', 'enemy'],
    place: ['street', 'arena', 'concrete', 'storm'],
    time: ['Tonight', 'Right now', 'No more', 'Every time'],
  },
  romantic: {
    adj: ['tender', 'velvet', 'gentle', 'endless', 'sweet', 'secret'],
    noun: ['kiss', 'whisper', 'candle', 'promise', 'heartbeat', 'dance'],
    place: ['moonlight', 'garden', 'slow dance', 'starlight'],
    time: ['Tonight', 'Forever', 'All night', 'Every night'],
  },
  hopeful: {
    adj: ['rising', 'morning', 'open', 'silver', 'better', 'shining'],
    noun: ['promise', 'sunrise', 'window', 'future', 'courage', 'horizon'],
    place: ['valley', 'open road', 'morning', 'distance'],
    time: ['Someday', 'Tomorrow', 'Right now', 'One day'],
  },
  chill: {
    adj: ['easy', 'mellow', 'slow', 'hazy', 'lazy', 'soft'],
    noun: ['breeze', 'coffee', 'vinyl', 'ocean', 'window', 'afternoon'],
    place: ['sunset', 'back seat', 'rooftop', 'shade'],
    time: ['Sunday', 'All day', 'Real slow', 'Later on'],
  },
};
