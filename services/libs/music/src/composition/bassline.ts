import type { NoteEvent } from '../types';
import { chordPitchClasses } from '../theory/chords';
import { noteAtOrAbove } from '../theory/pitch';
import type { Complexity, ProgressionChord } from '../theory/progressions';
import { type Key, scaleNotesInRange } from '../theory/scales';
import { BEATS_PER_BAR, feelFor, humanVelocity, stepToBeat, timingJitter } from './feel';
import type { BassStyle, GenreProfile } from './genres';
import type { SeededRandom } from './random';

/** Lowest bass note: E1, the open low string of a bass guitar. */
const BASS_FLOOR = 28;
const BASS_CEILING = 55;

/** Which note of the chord a stroke plays. */
type Tone = 'root' | 'fifth' | 'third' | 'octave' | 'approach';

interface BassStroke {
  step: number;
  lengthSteps: number;
  tone: Tone;
  velocity: number;
  glide?: boolean;
}

function stroke(step: number, lengthSteps: number, tone: Tone = 'root', velocity = 100, glide = false): BassStroke {
  return glide ? { step, lengthSteps, tone, velocity, glide } : { step, lengthSteps, tone, velocity };
}

/** The idiom of each style, one bar at a time; walking lines are built separately (see walkBar). */
function barStrokes(style: BassStyle, complexity: Complexity, rng: SeededRandom): BassStroke[] {
  const busy = complexity !== 'simple';
  switch (style) {
    case '808': {
      // Long sub notes that ring to the next hit, with an octave slide when busy.
      const strokes = [stroke(0, 10, 'root', 115), stroke(10, 6, 'root', 105)];
      if (busy && rng.chance(0.6)) strokes.splice(1, 0, stroke(rng.pick([6, 7]), 3, 'octave', 100, true));
      if (complexity === 'complex' && rng.chance(0.5)) strokes.push(stroke(14, 2, 'fifth', 100, true));
      strokes.sort((a, b) => a.step - b.step);
      // Each 808 note rings until the next one starts.
      return strokes.map((s, i) => ({ ...s, lengthSteps: (strokes[i + 1]?.step ?? 16) - s.step }));
    }
    case 'hip-hop':
      return [
        stroke(0, 6),
        stroke(10, 4, rng.pick(['root', 'fifth'] as const), 92),
        ...(busy ? [stroke(7, 2, 'octave', 80)] : []),
      ];
    case 'offbeat':
      // House: the bass answers the kick on every off-beat.
      return [2, 6, 10, 14].map((step, i) => stroke(step, 1.5, complexity === 'complex' && i % 2 === 1 ? 'octave' : 'root', 104));
    case 'rolling':
      return complexity === 'simple'
        ? [2, 6, 10, 14].map((step) => stroke(step, 1.5))
        : [1, 2, 3, 5, 6, 7, 9, 10, 11, 13, 14, 15].map((step) => stroke(step, 0.8, 'root', step % 2 === 0 ? 108 : 86));
    case 'sub-syncopated':
      return [stroke(0, 6, 'root', 112), stroke(10, 5, 'root', 104), ...(busy ? [stroke(rng.pick([6, 7]), 2, 'fifth', 92)] : [])];
    case 'pulse':
      return Array.from({ length: 8 }, (_, i) => {
        const tone = complexity === 'complex' && i % 2 === 1 ? 'octave' : 'root';
        return stroke(i * 2, 1.6, tone, i % 2 === 0 ? 108 : 92);
      });
    case 'root-fifth': {
      // Eighths on the root, the fifth under beat 3.
      const strokes = Array.from({ length: 8 }, (_, i) => {
        return stroke(i * 2, 1.8, i === 4 || i === 5 ? 'fifth' : 'root', i % 2 === 0 ? 106 : 90);
      });
      // Lead into the next chord from a step away.
      if (busy) strokes[7] = stroke(14, 1.8, 'approach', 96);
      return strokes;
    }
    case 'one-drop':
      // The bass leaves beat 1 empty too, answering the drop with a riff.
      return [stroke(4, 3), stroke(8, 2, 'fifth', 92), stroke(10, 2, 'root', 96), stroke(14, 2, busy ? 'third' : 'root', 90)];
    case 'dembow':
      return [stroke(0, 3), stroke(3, 3, 'root', 96), stroke(8, 3), stroke(11, 3, busy ? 'fifth' : 'root', 96)];
    case 'afro':
      return [
        stroke(0, 3),
        stroke(6, 2, 'fifth', 92),
        stroke(10, 2, 'octave', 96),
        ...(busy ? [stroke(14, 2, 'fifth', 88)] : []),
      ];
    case 'drone':
      return [stroke(0, 16, 'root', 72)];
    case 'walking':
      return [];
  }
}

/** The root in the bass register: the lowest place at or above the floor. */
function rootNote(chord: ProgressionChord): number {
  return noteAtOrAbove(chord.root, BASS_FLOOR);
}

function toneNote(tone: Tone, chord: ProgressionChord, next: ProgressionChord, key: Key): number {
  const root = rootNote(chord);
  const pcs = chordPitchClasses(chord);
  switch (tone) {
    case 'root':
      return root;
    case 'fifth':
      return noteAtOrAbove(pcs[2]!, root);
    case 'third':
      return noteAtOrAbove(pcs[1]!, root);
    case 'octave':
      return root + 12;
    case 'approach': {
      // The scale note just below the next root, or just above if the next root is lower.
      const target = rootNote(next);
      const scale = scaleNotesInRange(key, BASS_FLOOR - 2, BASS_CEILING);
      const below = [...scale].reverse().find((note) => note < target);
      return target >= root ? (below ?? target - 1) : (scale.find((note) => note > target) ?? target + 1);
    }
  }
}

/** The place of a pitch class in the bass register nearest to `near`. */
function nearestPlacement(pc: number, near: number): number {
  let best = noteAtOrAbove(pc, BASS_FLOOR);
  for (let note = best; note <= BASS_CEILING; note += 12) if (Math.abs(note - near) < Math.abs(best - near)) best = note;
  return best;
}

/**
 * A bar of jazz walking line: the root on the downbeat, chord tones close to
 * the last note on beats 2 and 3, and on beat 4 a chromatic approach into the
 * next root from the side the line is coming from (the one deliberate
 * non-scale note in this engine). `previous` is the last note walked, so the
 * line connects across bars instead of jumping back to a fixed octave.
 */
function walkBar(
  chord: ProgressionChord,
  next: ProgressionChord,
  beatsLeft: number,
  previous: number | undefined,
  rng: SeededRandom,
): number[] {
  const line = [previous === undefined ? rootNote(chord) : nearestPlacement(chord.root, previous)];
  const pcs = chordPitchClasses(chord);
  for (let beat = 1; beat < 4; beat++) {
    const last = line[line.length - 1]!;
    if (beat === 3 && beatsLeft <= 4) {
      const target = nearestPlacement(next.root, last);
      const approach = last < target ? target - 1 : target + 1;
      line.push(Math.max(BASS_FLOOR, Math.min(BASS_CEILING, approach)));
      continue;
    }
    // The two chord tones nearest the last note (other than itself), either one.
    const options = pcs
      .map((pc) => nearestPlacement(pc, last))
      .filter((note) => note !== last)
      .sort((a, b) => Math.abs(a - last) - Math.abs(b - last) || a - b);
    line.push(rng.pick(options.slice(0, 2)));
  }
  return line;
}

export interface BassPartOptions {
  genre: GenreProfile;
  bpm: number;
  key: Key;
  progression: readonly ProgressionChord[];
  complexity: Complexity;
  rng: SeededRandom;
}

/** A bassline over the progression, beats counted from the part's start. */
export function renderBassPart(options: BassPartOptions): NoteEvent[] {
  const { genre, progression, rng, key } = options;
  const feel = feelFor(genre, options.bpm);
  const firstBeat = progression[0]?.startBeat ?? 0;
  const notes: NoteEvent[] = [];
  const place = (barStart: number, step: number, lengthSteps: number) => ({
    startBeat: barStart + stepToBeat(step, feel) + timingJitter(genre, rng),
    durationBeats: stepToBeat(step + lengthSteps, feel) - stepToBeat(step, feel),
  });

  let lastWalked: number | undefined;
  progression.forEach((chord, index) => {
    const next = progression[(index + 1) % progression.length]!;
    const bars = Math.max(1, Math.round(chord.durationBeats / BEATS_PER_BAR));
    for (let bar = 0; bar < bars; bar++) {
      const barStart = chord.startBeat - firstBeat + bar * BEATS_PER_BAR;
      if (genre.bass === 'walking') {
        const beatsLeft = chord.durationBeats - bar * BEATS_PER_BAR;
        const line = walkBar(chord, next, beatsLeft, lastWalked, rng);
        lastWalked = line[line.length - 1];
        line.forEach((pitch, beat) => {
          notes.push({ pitch, ...place(barStart, beat * 4, 3.6), velocity: humanVelocity(beat % 2 === 0 ? 96 : 88, genre, rng) });
        });
        continue;
      }
      // A drone holds through the whole chord.
      if (genre.bass === 'drone' && bar > 0) continue;
      for (const s of barStrokes(genre.bass, options.complexity, rng)) {
        const lengthSteps = genre.bass === 'drone' ? (chord.durationBeats * 16) / BEATS_PER_BAR : s.lengthSteps;
        const note: NoteEvent = {
          pitch: toneNote(s.tone, chord, next, key),
          ...place(barStart, s.step, lengthSteps),
          velocity: humanVelocity(s.velocity, genre, rng),
        };
        if (s.glide) note.glide = true;
        notes.push(note);
      }
    }
  });
  // Roots of far-apart chords can leap; keep everything in the bass register.
  return notes.map((note) => ({ ...note, pitch: note.pitch > BASS_CEILING ? note.pitch - 12 : note.pitch }));
}
