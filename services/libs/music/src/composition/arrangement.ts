import type { NoteEvent, Section, Song } from '../types';
import { buildProgression, type Complexity } from '../theory/progressions';
import { renderBassPart } from './bassline';
import { renderChordPart } from './chord-part';
import { renderDrumPart, type SectionEnding } from './drums/drum-part';
import { BEATS_PER_BAR } from './feel';
import type { CompStyle, GenreId } from './genres';
import { renderMelodyPart } from './melody';
import { shiftNotes } from './notes';
import { type ArrangementParams, resolveArrangementParams, type SectionName } from './params';
import { createRandom } from './random';
import { makeSong, makeTrack } from './tracks';

/** Genres built on builds and drops rather than verse-chorus songs. */
const CLUB_GENRES = new Set<GenreId>(['house', 'techno', 'edm-pop', 'drum-and-bass']);

function defaultStructure(genre: GenreId): SectionName[] {
  if (CLUB_GENRES.has(genre)) return ['intro', 'verse', 'chorus', 'breakdown', 'chorus', 'outro'];
  if (genre === 'ambient') return ['intro', 'verse', 'bridge', 'verse', 'outro'];
  if (genre === 'jazz-swing') return ['intro', 'verse', 'chorus', 'verse', 'chorus', 'outro'];
  return ['intro', 'verse', 'chorus', 'verse', 'chorus', 'bridge', 'chorus', 'outro'];
}

/** What plays in each kind of section. */
interface SectionPlan {
  drums: 'full' | 'sparse' | 'none';
  bass: boolean;
  /** "genre" plays the genre's comping; a style name overrides it (a pad under a breakdown). */
  chords: 'genre' | CompStyle;
  lead: boolean;
  /** Scale steps the lead sits above the verse. */
  leadShift: number;
  /** One complexity level busier than requested (choruses lift). */
  lift: boolean;
  /** Which progression the section plays: sections sharing one share their chords. */
  harmony: 'verse' | 'chorus' | 'bridge';
}

const PLANS: Record<SectionName, SectionPlan> = {
  intro: { drums: 'sparse', bass: false, chords: 'genre', lead: false, leadShift: 0, lift: false, harmony: 'verse' },
  verse: { drums: 'full', bass: true, chords: 'genre', lead: true, leadShift: 0, lift: false, harmony: 'verse' },
  chorus: { drums: 'full', bass: true, chords: 'genre', lead: true, leadShift: 3, lift: true, harmony: 'chorus' },
  bridge: { drums: 'sparse', bass: true, chords: 'genre', lead: true, leadShift: 1, lift: false, harmony: 'bridge' },
  breakdown: { drums: 'none', bass: false, chords: 'sustained', lead: false, leadShift: 0, lift: false, harmony: 'bridge' },
  outro: { drums: 'full', bass: true, chords: 'genre', lead: false, leadShift: 0, lift: false, harmony: 'verse' },
};

const LEVELS: Complexity[] = ['simple', 'medium', 'complex'];

function lifted(complexity: Complexity): Complexity {
  return LEVELS[Math.min(2, LEVELS.indexOf(complexity) + 1)]!;
}

/** How a section hands over: a build into a club chorus, a drop into a breakdown, otherwise a fill. */
function endingInto(current: SectionName, next: SectionName | undefined, genre: GenreId): SectionEnding {
  if (next === undefined) return 'none';
  if (next === 'breakdown') return 'drop';
  if (next === 'chorus' && current !== 'chorus' && CLUB_GENRES.has(genre)) return 'build';
  return 'fill';
}

/** Intros, outros, bridges and breakdowns run half as long as verses and choruses. */
function sectionBars(name: SectionName, mainBars: number): number {
  return name === 'verse' || name === 'chorus' ? mainBars : Math.max(4, mainBars / 2);
}

/**
 * A full song: sections in order, each with its own drums, bass, chords and
 * lead, repeats varied (new fills, busier last chorus, varied melody bars)
 * and joined by fills, builds and drops.
 */
export function generateArrangement(params: ArrangementParams): Song {
  const resolved = resolveArrangementParams(params);
  const { genre, key, bpm } = resolved;
  const structure = resolved.structure ?? defaultStructure(genre.id);
  const root = createRandom(resolved.seed);
  const lastChorus = structure.lastIndexOf('chorus');

  const parts: Record<'drums' | 'bass' | 'chords' | 'lead', NoteEvent[]> = { drums: [], bass: [], chords: [], lead: [] };
  const sections: Section[] = [];
  const occurrences = new Map<SectionName, number>();
  let startBeat = 0;

  structure.forEach((name, index) => {
    const plan = PLANS[name];
    const occurrence = occurrences.get(name) ?? 0;
    occurrences.set(name, occurrence + 1);
    const bars = sectionBars(name, resolved.bars);
    const lengthBeats = bars * BEATS_PER_BAR;
    const instance = `${name}:${occurrence}`;
    const complexity = index === lastChorus ? 'complex' : plan.lift ? lifted(resolved.complexity) : resolved.complexity;
    const progression = buildProgression({
      key,
      style: genre.progression,
      bars,
      // Bridges reach further: borrowed chords and secondary dominants.
      complexity: plan.harmony === 'bridge' ? 'complex' : resolved.complexity,
      rng: root.fork(`progression:${plan.harmony}`),
    });

    if (plan.drums !== 'none') {
      const drums = renderDrumPart({
        genre, bpm, bars, complexity,
        rng: root.fork(`drums:${instance}`),
        crashAtStart: name === 'chorus' || (index > 0 && structure[index - 1] === 'breakdown'),
        ending: endingInto(name, structure[index + 1], genre.id),
        density: plan.drums,
        fadeOut: name === 'outro',
      });
      parts.drums.push(...shiftNotes(drums, startBeat));
    }
    if (plan.bass) {
      const bass = renderBassPart({ genre, bpm, key, progression, complexity, rng: root.fork(`bass:${instance}`) });
      parts.bass.push(...shiftNotes(bass, startBeat));
    }
    const chords = renderChordPart({
      genre, bpm, progression, complexity,
      rng: root.fork(`chords:${instance}`),
      ...(plan.chords === 'genre' ? {} : { style: plan.chords }),
      velocityScale: name === 'intro' || name === 'breakdown' ? 0.8 : 1,
    });
    parts.chords.push(...shiftNotes(chords, startBeat));
    if (plan.lead) {
      // The tune belongs to the section name (a chorus is recognisably the chorus); the variation stream to this instance.
      const lead = renderMelodyPart({
        genre, bpm, key, progression, bars, complexity: resolved.complexity,
        rng: root.fork(`melody:${name}`),
        variation: root.fork(`melody:${instance}`),
        registerShift: plan.leadShift,
      });
      parts.lead.push(...shiftNotes(lead, startBeat));
    }
    sections.push({ name, startBeat, lengthBeats });
    startBeat += lengthBeats;
  });

  const song = makeSong(bpm, startBeat, [
    makeTrack('drums', parts.drums, startBeat),
    makeTrack('bass', parts.bass, startBeat),
    makeTrack('chords', parts.chords, startBeat),
    makeTrack('lead', parts.lead, startBeat),
  ]);
  return { ...song, sections };
}
