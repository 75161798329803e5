/**
 * The coach panel's state as a pure reducer: a take (starting, live with its
 * pitch points, onsets and vibrato, then scored), and the voice commands
 * spoken with push-to-talk (transcript as it arrives, the tools the assistant
 * ran, its reply). The socket's events go in as actions, the panel and the
 * canvas read the state; nothing here touches the network or the clock.
 */
import type { VoiceScore, VoiceTarget } from '@dawg/contracts';
import { centsClass, DEFAULT_TOLERANCE_CENTS, FAR_CENTS, hzToMidi, laneOf, type PitchClass } from './pitch-map';

/** Points kept for drawing: about 20 s at one frame per 11.6 ms hop (older ones have scrolled off). */
export const MAX_POINTS = 1_800;
/** Voice commands kept in the list. */
export const MAX_COMMANDS = 12;
/** A lane counts as hit after this many frames in it (about 80 ms): a passing slide does not count. */
export const LANE_HIT_FRAMES = 7;

export interface PitchPoint {
  /** Seconds since the take began. */
  time: number;
  /** The chunk that completed this frame (-1 if the server did not say). */
  seq: number;
  /** Fractional MIDI note sung (its y); null when unvoiced. */
  pitch: number | null;
  /** The reference lane it falls in and the cents from it; null when unvoiced. */
  lane: number | null;
  cents: number | null;
  className: PitchClass;
  /** The note the server judged it against (its target at that moment), e.g. `A4`. */
  targetNote: string | null;
}

export interface TimingMark {
  time: number;
  offsetMs: number | null;
  timing: 'early' | 'late' | 'on-time' | null;
}

export interface Vibrato {
  detected: boolean;
  rateHz: number;
  extentCents: number;
}

export interface TakeState {
  status: 'idle' | 'starting' | 'live' | 'stopping' | 'scored' | 'error';
  sessionId: string | null;
  target: VoiceTarget | null;
  lanes: number[];
  toleranceCents: number;
  /** The latest frame's time: where "now" is on the scrolling curve. */
  now: number;
  points: PitchPoint[];
  /** The latest voiced point (the needle), null after silence. */
  current: PitchPoint | null;
  onsets: TimingMark[];
  vibrato: Vibrato | null;
  /** Voiced frames per lane, in the order the lanes were first sung. */
  laneFrames: Array<{ midi: number; frames: number }>;
  score: VoiceScore | null;
  error: string | null;
}

export interface FunctionCallCard {
  name: string;
  status: 'ok' | 'error';
  summary: string;
}

export interface VoiceCommand {
  sessionId: string;
  utterance: number;
  text: string;
  final: boolean;
  calls: FunctionCallCard[];
  reply: string | null;
  error: string | null;
}

export interface TalkState {
  /** Whether the platform transcribes (null until the voice service has said). */
  available: boolean | null;
  /** Why the voice service could not be asked, when it could not. */
  unreachable: string | null;
  status: 'idle' | 'starting' | 'listening' | 'stopping' | 'error';
  sessionId: string | null;
  /** Newest first. */
  commands: VoiceCommand[];
  error: string | null;
}

export interface CoachState {
  take: TakeState;
  talk: TalkState;
}

export type PitchFrameEvent = { sessionId: string; seq?: number | undefined; time: number; frequency: number; cents: number | null; voiced: boolean; targetNote: string | null };

export type CoachAction =
  | { type: 'take/reference'; target: VoiceTarget; lanes: number[] }
  | { type: 'take/start'; target: VoiceTarget; lanes: number[] }
  | { type: 'take/started'; sessionId: string; toleranceCents: number }
  | { type: 'pitch'; event: PitchFrameEvent }
  | { type: 'onset'; event: TimingMark & { sessionId: string } }
  | { type: 'vibrato'; event: Vibrato & { sessionId: string } }
  | { type: 'take/stopping' }
  | { type: 'score'; score: VoiceScore }
  | { type: 'take/failed'; message: string }
  | { type: 'capabilities'; transcription: boolean }
  | { type: 'unreachable'; message: string }
  | { type: 'talk/start' }
  | { type: 'talk/started'; sessionId: string }
  | { type: 'talk/stopping' }
  | { type: 'talk/stopped' }
  | { type: 'talk/failed'; message: string }
  | { type: 'transcript'; sessionId: string; utterance: number; text: string; final: boolean }
  | { type: 'function-call'; sessionId: string; utterance: number; call: FunctionCallCard }
  | { type: 'command-reply'; sessionId: string; utterance: number; text: string }
  | { type: 'command-error'; sessionId: string; utterance: number; message: string };

export function initialTake(): TakeState {
  return { status: 'idle', sessionId: null, target: null, lanes: [], toleranceCents: DEFAULT_TOLERANCE_CENTS, now: 0, points: [], current: null, onsets: [], vibrato: null, laneFrames: [], score: null, error: null };
}

export function initialCoachState(): CoachState {
  return { take: initialTake(), talk: { available: null, unreachable: null, status: 'idle', sessionId: null, commands: [], error: null } };
}

export function coachReducer(state: CoachState, action: CoachAction): CoachState {
  switch (action.type) {
    case 'take/reference':
      // Shown before singing; a take under way or its score stays as it is.
      if (state.take.status !== 'idle') return state;
      return { ...state, take: { ...state.take, target: action.target, lanes: action.lanes } };
    case 'take/start':
      return { ...state, take: { ...initialTake(), status: 'starting', target: action.target, lanes: action.lanes } };
    case 'take/started':
      if (state.take.status !== 'starting') return state;
      return { ...state, take: { ...state.take, status: 'live', sessionId: action.sessionId, toleranceCents: action.toleranceCents } };
    case 'pitch':
      return ofTake(state, action.event.sessionId) ? { ...state, take: withPitch(state.take, action.event) } : state;
    case 'onset':
      if (!ofTake(state, action.event.sessionId)) return state;
      return { ...state, take: { ...state.take, onsets: [...state.take.onsets, { time: action.event.time, offsetMs: action.event.offsetMs, timing: action.event.timing }] } };
    case 'vibrato':
      if (!ofTake(state, action.event.sessionId)) return state;
      return { ...state, take: { ...state.take, vibrato: { detected: action.event.detected, rateHz: action.event.rateHz, extentCents: action.event.extentCents } } };
    case 'take/stopping':
      return state.take.status === 'live' ? { ...state, take: { ...state.take, status: 'stopping' } } : state;
    case 'score':
      if (!ofTake(state, action.score.sessionId)) return state;
      return { ...state, take: { ...state.take, status: 'scored', score: action.score, current: null } };
    case 'take/failed':
      return { ...state, take: { ...state.take, status: 'error', error: action.message, current: null } };
    case 'capabilities':
      return { ...state, talk: { ...state.talk, available: action.transcription, unreachable: null } };
    case 'unreachable':
      return { ...state, talk: { ...state.talk, available: false, unreachable: action.message } };
    case 'talk/start':
      return { ...state, talk: { ...state.talk, status: 'starting', sessionId: null, error: null } };
    case 'talk/started':
      return state.talk.status === 'starting' ? { ...state, talk: { ...state.talk, status: 'listening', sessionId: action.sessionId } } : state;
    case 'talk/stopping':
      return state.talk.status === 'listening' ? { ...state, talk: { ...state.talk, status: 'stopping' } } : state;
    case 'talk/stopped':
      return { ...state, talk: { ...state.talk, status: 'idle' } };
    case 'talk/failed':
      return { ...state, talk: { ...state.talk, status: 'error', error: action.message } };
    case 'transcript':
      return withCommand(state, action.sessionId, action.utterance, (c) => ({ ...c, text: action.text, final: c.final || action.final }));
    case 'function-call':
      return withCommand(state, action.sessionId, action.utterance, (c) => ({ ...c, calls: [...c.calls, action.call] }));
    case 'command-reply':
      return withCommand(state, action.sessionId, action.utterance, (c) => ({ ...c, reply: action.text }));
    case 'command-error':
      return withCommand(state, action.sessionId, action.utterance, (c) => ({ ...c, error: action.message }));
  }
}

function ofTake(state: CoachState, sessionId: string): boolean {
  return state.take.sessionId === sessionId && (state.take.status === 'live' || state.take.status === 'stopping');
}

function withPitch(take: TakeState, event: PitchFrameEvent): TakeState {
  const sung = event.voiced && event.frequency > 0 ? hzToMidi(event.frequency) : null;
  const position = sung === null ? null : laneOf(event.frequency, take.lanes.length ? take.lanes : undefined);
  // The server's cents are against what should be sung at this moment; without a target, the lane's.
  const cents = sung === null ? null : (event.cents ?? position!.cents);
  const point: PitchPoint = {
    time: event.time,
    seq: event.seq ?? -1,
    pitch: sung,
    lane: position?.midi ?? null,
    cents,
    className: centsClass(cents, take.toleranceCents),
    targetNote: event.targetNote,
  };
  const points = take.points.length >= MAX_POINTS ? [...take.points.slice(take.points.length - MAX_POINTS + 1), point] : [...take.points, point];
  let laneFrames = take.laneFrames;
  // A frame is in its lane when it is within a quarter tone of the lane, whatever the target said.
  if (position && Math.abs(position.cents) <= FAR_CENTS) {
    const at = laneFrames.findIndex((l) => l.midi === position.midi);
    laneFrames = at < 0 ? [...laneFrames, { midi: position.midi, frames: 1 }] : laneFrames.map((l, i) => (i === at ? { ...l, frames: l.frames + 1 } : l));
  }
  return { ...take, now: Math.max(take.now, event.time), points, current: sung === null ? null : point, laneFrames };
}

/** The lanes sung for at least LANE_HIT_FRAMES frames, in the order they were first sung. */
export function lanesHit(take: Pick<TakeState, 'laneFrames'>, minFrames = LANE_HIT_FRAMES): number[] {
  return take.laneFrames.filter((l) => l.frames >= minFrames).map((l) => l.midi);
}

function withCommand(state: CoachState, sessionId: string, utterance: number, update: (command: VoiceCommand) => VoiceCommand): CoachState {
  const commands = state.talk.commands;
  const at = commands.findIndex((c) => c.sessionId === sessionId && c.utterance === utterance);
  const next =
    at < 0
      ? [update({ sessionId, utterance, text: '', final: false, calls: [], reply: null, error: null }), ...commands].slice(0, MAX_COMMANDS)
      : commands.map((c, i) => (i === at ? update(c) : c));
  return { ...state, talk: { ...state.talk, commands: next } };
}
