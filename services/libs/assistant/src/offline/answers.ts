import type { ScaleName, TonicName } from '@dawg/music';
import type { ProjectContext } from '../types';
import type { ClauseView } from './clause';
import { formatDb, formatNumber, formatPan, joinWords } from './describe';
import { extractGenre, extractKey, extractMood } from './extract';
import type { Intent } from './intents';
import { GENRE_SPOKEN } from './lexicon';
import { type PlanContext, projectKey, type Step } from './plan';
import { resolveTrack } from './tracks';
import { chordsInKey, keyName, keySignature, type NamedChord, relativeKey, SCALE_SPOKEN, seedOf, spellScale, suggestProgression, twoFiveOne } from './theory';

/**
 * Questions: about the open project (answered from its state) and about
 * music theory (computed by @dawg/music, never canned).
 */

function describeTrack(track: ProjectContext['tracks'][number], index: number): string {
  const details = [track.kind === 'midi' ? 'MIDI' : 'audio'];
  if (track.volumeDb !== 0) details.push(formatDb(track.volumeDb));
  if (track.pan !== 0) details.push(`panned ${formatPan(track.pan)}`);
  if (track.mute) details.push('muted');
  if (track.solo) details.push('soloed');
  return `${index + 1}. ${track.name} (${details.join(', ')})`;
}

function keySentence(project: ProjectContext): string {
  const key = projectKey(project);
  return key ? `in ${keyName(key.tonic, key.scale)}` : 'without a key set';
}

/** "is the bass muted?", "how loud is the guitar": the one track asked about, when the question names one. */
function askedTrack(view: ClauseView | undefined, project: ProjectContext): ProjectContext['tracks'][number] | undefined {
  if (!view) return undefined;
  const resolution = resolveTrack(view.tokens, new Set(), project.tracks);
  return resolution.kind === 'found' ? resolution.track : undefined;
}

export function answerProject(intent: Intent, project: ProjectContext, view?: ClauseView): string {
  switch (intent) {
    case 'ask_key': {
      const key = projectKey(project);
      return key
        ? `${project.name} is in ${keyName(key.tonic, key.scale)}.`
        : `${project.name} has no key set yet. Say "set the key to A minor" to set one.`;
    }
    case 'ask_tempo':
      return `The tempo of ${project.name} is ${formatNumber(project.bpm, 2)} BPM.`;
    case 'ask_tracks': {
      const asked = askedTrack(view, project);
      if (asked) {
        const index = project.tracks.indexOf(asked);
        const state = [asked.mute ? 'muted' : 'not muted', asked.solo ? 'soloed' : 'not soloed', `at ${formatDb(asked.volumeDb)}`, asked.pan === 0 ? 'panned centre' : `panned ${formatPan(asked.pan)}`];
        return `${asked.name} (track ${index + 1}, ${asked.kind === 'midi' ? 'MIDI' : 'audio'}) is ${joinWords(state)}.`;
      }
      if (project.tracks.length === 0) return `${project.name} has no tracks yet. Say "add a vocal track" to add one.`;
      return `${project.name} has ${project.tracks.length} track${project.tracks.length === 1 ? '' : 's'}:\n${project.tracks.map(describeTrack).join('\n')}`;
    }
    case 'ask_markers':
      if (project.markers.length === 0) return `${project.name} has no section markers yet. Say "add a chorus marker at bar 17" to add one.`;
      return `Markers in ${project.name}: ${joinWords([...project.markers].sort((a, b) => a.bar - b.bar).map((m) => `${m.name} (bar ${formatNumber(m.bar, 2)})`))}.`;
    default: {
      const tracks = project.tracks.length === 0 ? 'no tracks yet' : `${project.tracks.length} track${project.tracks.length === 1 ? '' : 's'} (${joinWords(project.tracks.map((t) => t.name))})`;
      const markers = project.markers.length === 0 ? '' : ` and ${project.markers.length} marker${project.markers.length === 1 ? '' : 's'}`;
      return `${project.name}: ${formatNumber(project.bpm, 2)} BPM, ${keySentence(project)}, with ${tracks}${markers}.`;
    }
  }
}

const MAJOR_BY_DEFAULT: ScaleName = 'major';

/** The key a theory question is about: named in it, else the project's, else undefined. */
function questionKey(view: ClauseView, ctx: PlanContext): { tonic: TonicName; scale: ScaleName; named: boolean } | undefined {
  const named = extractKey(view.tokens)?.value;
  if (named) return { tonic: named.tonic, scale: named.scale ?? MAJOR_BY_DEFAULT, named: true };
  const project = projectKey(ctx.project);
  return project ? { ...project, named: false } : undefined;
}

function chordLine(chords: readonly NamedChord[], separator = ', '): string {
  return chords.map((chord) => `${chord.symbol} (${chord.numeral})`).join(separator);
}

function listWithCount(notes: readonly string[], kind: string): string {
  return `${notes.length} ${kind}${notes.length === 1 ? '' : 's'}: ${notes.join(', ')}`;
}

function signatureText(tonic: string, scale: ScaleName, signature: ReturnType<typeof keySignature>): string {
  const name = keyName(tonic, scale);
  let text: string;
  if (signature.enharmonic) {
    const symbols = [...signature.sharps, ...signature.flats];
    const count = symbols.join('').replace(/[A-G]/g, '').length;
    text = `${name} would need ${count} ${signature.sharps.length > 0 ? 'sharps' : 'flats'} (${symbols.join(', ')}), double ${signature.sharps.length > 0 ? 'sharps' : 'flats'} included.`;
  } else if (signature.sharps.length > 0) text = `${name} has ${listWithCount(signature.sharps, 'sharp')}.`;
  else if (signature.flats.length > 0) text = `${name} has ${listWithCount(signature.flats, 'flat')}.`;
  else text = `${name} has no sharps or flats.`;
  if (signature.raised.length > 0) text += ` Its key signature is ${keyName(tonic, 'minor')}'s; ${scale === 'harmonic-minor' ? 'the 7th is' : 'the 6th and 7th are'} raised (${signature.raised.join(', ')}).`;
  if (signature.enharmonic) {
    const twin = signature.enharmonic;
    const twinCount = twin.signature.sharps.length > 0 ? listWithCount(twin.signature.sharps, 'sharp') : twin.signature.flats.length > 0 ? listWithCount(twin.signature.flats, 'flat') : 'no sharps or flats';
    text += ` It is normally written as ${keyName(twin.tonic, scale)}, with ${twinCount}.`;
  }
  return text;
}

export function answerTheory(intent: Intent, view: ClauseView, ctx: PlanContext): Step[] {
  const key = questionKey(view, ctx);
  const needKey = (): Step[] => (ctx.project === undefined ? [{ type: 'need-project' }] : [{ type: 'ask', text: 'Which key? For example "what chords are in G major?".' }]);
  switch (intent) {
    case 'theory_chords': {
      if (!key) return needKey();
      const sevenths = view.hasAny(['seventh', 'sevenths', '7th', '7ths', '7']) || view.tokens.some((t) => t.kind === 'number' && t.value === 7);
      const chords = chordsInKey(key.tonic, key.scale, sevenths);
      const where = key.named ? keyName(key.tonic, key.scale) : `${keyName(key.tonic, key.scale)}, this project's key`;
      const sentence = `The diatonic ${sevenths ? 'seventh chords' : 'triads'} of ${where}: ${chordLine(chords)}.`;
      const tonic = chords.filter((c) => c.function === 'tonic').map((c) => c.symbol);
      const pre = chords.filter((c) => c.function === 'predominant').map((c) => c.symbol);
      const dom = chords.filter((c) => c.function === 'dominant').map((c) => c.symbol);
      return [{ type: 'say', text: `${sentence} Tonic: ${tonic.join(', ')}; predominant: ${pre.join(', ')}; dominant: ${dom.join(', ')}.` }];
    }
    case 'theory_notes': {
      if (!key) return needKey();
      const notes = spellScale(key.tonic, key.scale);
      return [{ type: 'say', text: `${keyName(key.tonic, key.scale)}: ${notes.join(' ')}.` }];
    }
    case 'theory_relative': {
      if (!key) return needKey();
      const wantMajor = view.norms.slice(view.norms.indexOf('relative')).includes('major');
      const wantMinor = view.norms.slice(view.norms.indexOf('relative')).includes('minor');
      // "relative minor of C major": the word after "relative" says which one is wanted.
      const after = view.norms[view.norms.indexOf('relative') + 1];
      const want: 'major' | 'minor' = after === 'major' ? 'major' : after === 'minor' ? 'minor' : wantMajor && !wantMinor ? 'major' : key.scale === 'major' ? 'minor' : 'major';
      const relative = relativeKey(key.tonic, key.scale, want);
      const signature = keySignature(key.tonic, key.scale === 'harmonic-minor' || key.scale === 'melodic-minor' ? 'minor' : key.scale);
      const shared = signature.sharps.length > 0 ? signature.sharps.join(', ') : signature.flats.length > 0 ? signature.flats.join(', ') : 'no sharps or flats';
      const role = key.scale === 'major' || key.scale === 'minor' || want === 'minor' ? `relative ${want}` : 'parent major';
      return [{ type: 'say', text: `The ${role} of ${keyName(key.tonic, key.scale)} is ${keyName(relative.tonic, relative.scale)}: the same notes (${shared}), starting from ${relative.tonic}.` }];
    }
    case 'theory_signature': {
      if (!key) return needKey();
      return [{ type: 'say', text: signatureText(key.tonic, key.scale, keySignature(key.tonic, key.scale)) }];
    }
    case 'theory_ii_v_i': {
      const named = extractKey(view.tokens)?.value;
      const tonic = named?.tonic ?? key?.tonic ?? 'C';
      const scale: ScaleName = named ? (named.scale ?? 'major') : (key?.scale ?? 'major');
      const minor = scale === 'minor' || scale === 'harmonic-minor' || scale === 'melodic-minor';
      const useScale: ScaleName = minor ? 'minor' : 'major';
      const chords = twoFiveOne(tonic, useScale);
      const note = minor ? ' In minor the V is borrowed from harmonic minor so it pulls home.' : '';
      return [{ type: 'say', text: `A ii–V–I in ${keyName(tonic, useScale)}: ${chordLine(chords, ' → ')}.${note}` }];
    }
    case 'theory_progression': {
      const mood = extractMood(view.tokens)?.value;
      const genre = extractGenre(view.tokens)?.value;
      const named = extractKey(view.tokens)?.value;
      const request = {
        seed: seedOf(view.norms.join(' ')),
        ...(named ? { tonic: named.tonic, ...(named.scale ? { scale: named.scale } : {}) } : {}),
        ...(mood ? { mood } : {}),
        ...(genre && genre !== 'jazz-swing' ? { genre } : {}),
        jazzy: genre === 'jazz-swing',
      };
      const suggestion = suggestProgression(request);
      const flavour = mood ? `${mood} ` : genre ? `${GENRE_SPOKEN[genre]} ` : '';
      const functions = suggestion.chords.map((c) => c.function).join(' → ');
      return [
        {
          type: 'say',
          text: `A ${flavour}progression in ${keyName(suggestion.tonic, suggestion.scale)}: ${chordLine(suggestion.chords, ' → ')}. Functions: ${functions}. Say "generate chords in ${suggestion.tonic} ${SCALE_SPOKEN[suggestion.scale]}" to put a progression in the project.`,
        },
      ];
    }
    default:
      return [];
  }
}
