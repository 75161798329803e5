import type { ChatMessage, OfflineReply, PlannedToolCall, ProjectContext, ToolCall } from '../types';
import { answerProject, answerTheory } from './answers';
import { ClauseView, splitClauses } from './clause';
import { capitalise, describePlanned, joinWords } from './describe';
import { describeOutcomes, readOutcome, type ToolOutcome } from './follow-up';
import { helpText } from './help';
import { bestIntent, type Intent } from './intents';
import { BEAT_NOUNS, CHANGE_VERBS, CHORD_NOUNS, CREATE_VERBS, LYRIC_NOUNS, MELODY_NOUNS, SONG_NOUNS, TEMPO_CHANGE_WORDS } from './lexicon';
import { cleanText, type Token, tokenize } from './normalise';
import { BUILDERS, type PlanContext, type Step } from './plan';
import { projectFromState } from './project-state';
import { referenceWords, resolveTrack } from './tracks';

/**
 * The offline provider: a deterministic reader of plain-English DAW requests
 * that calls the same tools, with the same validated arguments, as the LLM
 * providers. Same messages and project in, same reply out.
 */

export interface OfflineInput {
  messages: ChatMessage[];
  project?: ProjectContext;
}

interface Unit {
  view: ClauseView;
  intent: Intent;
}

const TRACK_ACTIONS = new Set<Intent>(['update_track', 'delete_track']);
const COMPOSE_INTENTS = new Set<Intent>(['generate_beat', 'generate_melody', 'generate_chords', 'generate_arrangement', 'generate_lyrics']);
const COMPOSE_NOUNS = new Set([...BEAT_NOUNS, ...MELODY_NOUNS, ...CHORD_NOUNS, ...SONG_NOUNS, ...LYRIC_NOUNS]);
const QUESTION_INTENTS = new Set<Intent>(['ask_key', 'ask_tempo', 'ask_markers', 'ask_tracks', 'ask_project']);
const THEORY_INTENTS = new Set<Intent>(['theory_ii_v_i', 'theory_relative', 'theory_signature', 'theory_progression', 'theory_chords', 'theory_notes']);
/** The most tool calls one reply makes; a runaway message should not become hundreds of writes. */
const MAX_CALLS = 16;
/** Requests that make sense once per message. */
const SINGLE_INTENTS = new Set<Intent>(['set_tempo', 'set_key', 'mix_and_master', 'master']);
const SETTING_VERBS = new Set([...CHANGE_VERBS, ...TEMPO_CHANGE_WORDS, 'transpose', 'tempo', 'key']);
const JOB_TOOLS = new Set(['generate_beat', 'generate_melody', 'generate_chords', 'generate_arrangement', 'master']);

/**
 * Clauses with no intent of their own borrow their neighbour's: "mute the
 * drums and the bass" (the verb), "a trap beat and a melody" (the verb and
 * the genre, tempo, key); anything else ("8 bars", "in F minor") is read as
 * part of the clause before it.
 */
function understand(tokens: readonly Token[], project: ProjectContext | undefined): Unit[] {
  const units: Unit[] = [];
  let prefix: Token[] = [];
  for (const clause of splitClauses(tokens)) {
    const own = [...prefix, ...clause.tokens];
    const view = new ClauseView(own, clause.questionMark);
    let intent = bestIntent(view);
    // "a trap beat, 140 bpm, F minor": a verbless tempo or key after a composition is one of its parameters.
    const previousUnit = units[units.length - 1];
    if (intent && previousUnit && COMPOSE_INTENTS.has(previousUnit.intent) && (intent === 'set_tempo' || intent === 'set_key') && !view.hasAny(SETTING_VERBS)) intent = undefined;
    // "go faster, like 100 bpm": a second tempo (or key, or mix) is the first one restated; read them together.
    if (intent && previousUnit && intent === previousUnit.intent && SINGLE_INTENTS.has(intent)) {
      const merged = new ClauseView([...previousUnit.view.tokens, ...(clause.joiner ? [clause.joiner] : []), ...own], previousUnit.view.questionMark || clause.questionMark);
      units[units.length - 1] = { view: merged, intent };
      continue;
    }
    if (intent) {
      units.push({ view, intent });
      prefix = [];
      continue;
    }
    const previous = units[units.length - 1];
    if (!previous) {
      prefix = clause.joiner ? [...own, clause.joiner] : own;
      continue;
    }
    const borrowed = borrow(previous, own, clause.questionMark, project);
    if (borrowed) {
      units.push(borrowed);
      continue;
    }
    const merged = new ClauseView([...previous.view.tokens, ...(clause.joiner ? [clause.joiner] : []), ...own], previous.view.questionMark || clause.questionMark);
    units[units.length - 1] = { view: merged, intent: bestIntent(merged) ?? previous.intent };
  }
  return units;
}

function borrow(previous: Unit, own: Token[], questionMark: boolean, project: ProjectContext | undefined): Unit | undefined {
  if (TRACK_ACTIONS.has(previous.intent) && project) {
    const ownView = new ClauseView(own, questionMark);
    if (resolveTrack(ownView.tokens, new Set(), project.tracks).kind !== 'found') return undefined;
    const reference = new Set(referenceWords(previous.view.tokens, new Set(), project.tracks));
    const action = previous.view.tokens.filter((token) => !reference.has(token) && !['the', 'my', 'a'].includes(token.norm));
    const view = new ClauseView([...action, ...own], questionMark);
    return bestIntent(view) === previous.intent ? { view, intent: previous.intent } : undefined;
  }
  if (previous.intent === 'create_track' && !own.some((token) => CREATE_VERBS.has(token.norm))) {
    // "add a bass track and a drum track": the second borrows the verb.
    const verb = previous.view.tokens.find((token) => CREATE_VERBS.has(token.norm));
    if (!verb) return undefined;
    const view = new ClauseView([verb, ...own], questionMark);
    return bestIntent(view) === 'create_track' ? { view, intent: 'create_track' } : undefined;
  }
  if (COMPOSE_INTENTS.has(previous.intent) && own.some((token) => COMPOSE_NOUNS.has(token.norm))) {
    const context = previous.view.tokens.filter((token) => !COMPOSE_NOUNS.has(token.norm));
    const view = new ClauseView([...context, ...own], questionMark);
    const intent = bestIntent(view);
    return intent && COMPOSE_INTENTS.has(intent) ? { view, intent } : undefined;
  }
  return undefined;
}

function stepsFor(unit: Unit, ctx: PlanContext): Step[] {
  const builder = BUILDERS[unit.intent];
  if (builder) return builder(unit.view, ctx);
  if (THEORY_INTENTS.has(unit.intent)) return answerTheory(unit.intent, unit.view, ctx);
  if (QUESTION_INTENTS.has(unit.intent)) return ctx.project ? [{ type: 'say', text: answerProject(unit.intent, ctx.project, unit.view) }] : [{ type: 'need-project' }];
  if (unit.intent === 'thanks') return [{ type: 'say', text: "You're welcome! Anything else for the track?" }];
  if (unit.intent === 'greeting') return [{ type: 'say', text: helpText('Hi!') }];
  if (unit.intent === 'help') return [{ type: 'say', text: helpText("Here's what I can do.") }];
  return [{ type: 'help' }];
}

/** Consecutive changes to one track become one update_track call. */
function mergeTrackUpdates(calls: PlannedToolCall[]): PlannedToolCall[] {
  const merged: PlannedToolCall[] = [];
  for (const call of calls) {
    const last = merged[merged.length - 1];
    if (last && last.name === 'update_track' && call.name === 'update_track' && last.arguments.track === call.arguments.track) {
      const overlap = Object.keys(call.arguments).some((key) => key !== 'track' && key in last.arguments);
      if (!overlap) {
        merged[merged.length - 1] = { name: 'update_track', arguments: { ...last.arguments, ...call.arguments } };
        continue;
      }
    }
    merged.push(call);
  }
  return merged;
}

export interface PlannedReply extends OfflineReply {
  /** Some request needs the project's state first. */
  needsProject: boolean;
}

/** Reads one user message into tool calls and reply text. */
export function planMessage(message: string, project: ProjectContext | undefined, latestJobId?: string): PlannedReply {
  const text = cleanText(message);
  const protectedWords = new Set(project?.tracks.flatMap((track) => track.name.toLowerCase().split(/[^a-z0-9]+/)) ?? []);
  const tokens = tokenize(text, { protectedWords });
  const units = understand(tokens, project);
  const ctx: PlanContext = { text, ...(project ? { project } : {}), ...(latestJobId ? { latestJobId } : {}), plannedNames: [] };
  const steps = units.flatMap((unit) => stepsFor(unit, ctx));
  if (steps.some((step) => step.type === 'need-project')) {
    return { text: 'Let me look at the project first.', toolCalls: [{ name: 'get_project_state', arguments: {} }], needsProject: true };
  }
  if (steps.length === 0 || steps.every((step) => step.type === 'help')) return { text: helpText(), toolCalls: [], needsProject: false };

  const planned = mergeTrackUpdates(steps.flatMap((step) => (step.type === 'call' ? [step.call] : [])));
  const unique = planned.filter((call, i) => planned.findIndex((other) => sameCall(other, call)) === i);
  const calls = unique.slice(0, MAX_CALLS);
  const sentences: string[] = [];
  if (unique.length > MAX_CALLS) steps.push({ type: 'say', text: `That's a lot at once: I'll do the first ${MAX_CALLS}; ask again for the rest.` });
  let plannedShown = false;
  for (const step of steps) {
    if (step.type === 'call' && !plannedShown) {
      sentences.push(`I'll ${joinWords(calls.map(describePlanned))}.`);
      plannedShown = true;
    } else if (step.type === 'say' || step.type === 'ask') sentences.push(step.text);
    else if (step.type === 'help') sentences.push(helpText('I understood only part of that.'));
  }
  return { text: sentences.map((s) => capitalise(s)).join(sentences.some((s) => s.includes('\n')) ? '\n\n' : ' '), toolCalls: calls, needsProject: false };
}

function sameCall(a: PlannedToolCall, b: PlannedToolCall): boolean {
  return a.name === b.name && JSON.stringify(a.arguments) === JSON.stringify(b.arguments);
}

/** The offline provider's turn; see the module comment. */
export function offlineRespond(input: OfflineInput): OfflineReply {
  const { messages } = input;
  let lastUser = -1;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]!.role === 'user') {
      lastUser = i;
      break;
    }
  }
  if (lastUser < 0) return { text: helpText('Hi!'), toolCalls: [] };
  const request = (messages[lastUser] as Extract<ChatMessage, { role: 'user' }>).content;

  const calls = new Map<string, ToolCall>();
  const outcomes: ToolOutcome[] = [];
  let latestJobId: string | undefined;
  messages.forEach((message, index) => {
    if (message.role === 'assistant') for (const call of message.toolCalls ?? []) calls.set(call.id, call);
    if (message.role !== 'tool') return;
    const outcome = readOutcome(message, calls);
    if (outcome.ok && JOB_TOOLS.has(outcome.call.name) && typeof outcome.value.jobId === 'string') latestJobId = outcome.value.jobId;
    if (index > lastUser) outcomes.push(outcome);
  });
  const madeThisTurn = messages.slice(lastUser + 1).flatMap((message) => (message.role === 'assistant' ? (message.toolCalls ?? []) : []));

  if (outcomes.length === 0) {
    const { needsProject: _needsProject, ...reply } = planMessage(request, input.project, latestJobId);
    return reply;
  }

  // The tools ran. If all that ran was reading the project for this request, act on the request now.
  const stateOutcomes = outcomes.filter((outcome) => outcome.call.name === 'get_project_state');
  const state = stateOutcomes.map((outcome) => (outcome.ok ? projectFromState(outcome.value) : undefined)).find((p) => p !== undefined);
  const onlyState = stateOutcomes.length === outcomes.length && madeThisTurn.every((call) => call.name === 'get_project_state');
  if (onlyState) {
    if (!state) {
      const failed = outcomes.find((outcome) => !outcome.ok);
      return { text: failed ? describeOutcomes([failed]).join(' ') : "I couldn't read the project, so I can't answer that yet.", toolCalls: [] };
    }
    const reply = planMessage(request, state, latestJobId);
    if (reply.needsProject) return { text: "I couldn't read what I need from the project.", toolCalls: [] };
    const fresh = reply.toolCalls.filter((call) => !madeThisTurn.some((made) => sameCall(made, call)));
    return { text: reply.text, toolCalls: fresh };
  }

  // Otherwise write the final answer from the results; never call the same tools again.
  return { text: describeOutcomes(outcomes).join(' ') || 'Done.', toolCalls: [] };
}
