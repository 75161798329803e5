import {
  BAR_COUNTS,
  COMPLEXITIES,
  GENRE_IDS,
  GENRES,
  LYRIC_MOODS,
  SCALE_NAMES,
  SECTION_NAMES,
  TONIC_NAMES,
} from '@dawg/music';
import { z } from 'zod';
import type { ToolDefinition } from './types';

/**
 * The DAW tools every AI provider offers the model, and the offline provider
 * calls itself. ai-brain executes them against the api with the user's own
 * authority; the schemas here are the single source of their arguments.
 */

/**
 * Section marker kinds, as the api's contracts (`MARKER_KINDS` in
 * @dawg/contracts projects.ts) accept them. Mirrored because this pure
 * library may not depend on contracts.
 */
export const MARKER_KINDS = ['intro', 'verse', 'pre-chorus', 'chorus', 'post-chorus', 'bridge', 'breakdown', 'drop', 'solo', 'outro', 'custom'] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];

export const TEMPO_RANGE = { min: 20, max: 300 } as const;
export const GENERATION_BPM_RANGE = { min: 60, max: 200 } as const;
export const VOLUME_DB_RANGE = { min: -60, max: 12 } as const;
export const LOUDNESS_LUFS_RANGE = { min: -30, max: -6 } as const;
export const MAX_SEED = 0xffff_ffff;

const trackRef = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .describe("The track: its name as it appears in the project (case-insensitive), or its id. Call get_project_state first if you don't know the names.");
const trackName = z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');
const lufs = z
  .number()
  .min(LOUDNESS_LUFS_RANGE.min)
  .max(LOUDNESS_LUFS_RANGE.max)
  .optional()
  .describe('Integrated loudness target in LUFS (default -14, the streaming norm; -9 is loud club masters).');

const genreList = GENRE_IDS.map((id) => `${id} (${GENRES[id].bpm.min}-${GENRES[id].bpm.max} BPM)`).join(', ');

const composeFields = {
  genre: z.enum(GENRE_IDS).describe(`The style. Usual tempo ranges: ${genreList}.`),
  bpm: z
    .number()
    .int()
    .min(GENERATION_BPM_RANGE.min)
    .max(GENERATION_BPM_RANGE.max)
    .describe("Tempo. Use what the user asked for; otherwise the project's tempo when it suits the genre, else the genre's usual tempo."),
  bars: z.literal(BAR_COUNTS).describe('Length in bars (4/4). 8 unless the user asks otherwise.'),
  key: z.enum(TONIC_NAMES).describe("The tonic, e.g. C, F#, Bb. Use the project's key when the user names none."),
  scale: z.enum(SCALE_NAMES).optional().describe("The mode; leave out to use the genre's usual one (minor for trap, dorian for lo-fi, ...)."),
  complexity: z.enum(COMPLEXITIES).optional().describe('How busy the parts are (default medium).'),
  seed: z.number().int().min(0).max(MAX_SEED).optional().describe('Same seed and parameters give the same result; leave out for a fresh idea.'),
};

function tool<const Name extends string, Shape extends z.ZodRawShape>(name: Name, description: string, schema: z.ZodObject<Shape>) {
  return { name, description, schema };
}

export const TOOLS = {
  get_project_state: tool(
    'get_project_state',
    "Read the open project: its name, tempo, key, tracks (id, name, kind, mute, solo, volume, pan, in timeline order) and section markers. Call it before answering questions about the project or changing tracks whose names you don't know.",
    z.strictObject({}),
  ),
  create_track: tool(
    'create_track',
    'Add a new empty track at the end of the project. Use kind "audio" for recorded sound (vocals, guitar, samples) and "midi" for instruments played from notes (synths, keys, drums, bass).',
    z.strictObject({
      name: trackName.describe('Track name, e.g. "Vocals", "Lead".'),
      kind: z.enum(['audio', 'midi']).describe('audio or midi.'),
    }),
  ),
  rename_track: tool(
    'rename_track',
    'Rename an existing track.',
    z.strictObject({ track: trackRef, name: trackName.describe('The new name.') }),
  ),
  delete_track: tool(
    'delete_track',
    'Delete a track and its clips from the project. Only when the user clearly asks to remove a track.',
    z.strictObject({ track: trackRef }),
  ),
  update_track: tool(
    'update_track',
    "Change a track's mixer settings: mute, solo, fader volume in dB or pan. Give only the fields to change. For relative requests (\"3 dB quieter\") compute the new volume from the track's current one.",
    z
      .strictObject({
        track: trackRef,
        mute: z.boolean().optional().describe('true mutes, false unmutes.'),
        solo: z.boolean().optional().describe('true solos, false unsolos.'),
        volumeDb: z
          .number()
          .min(VOLUME_DB_RANGE.min)
          .max(VOLUME_DB_RANGE.max)
          .optional()
          .describe(`Fader level in dB, ${VOLUME_DB_RANGE.min} to +${VOLUME_DB_RANGE.max} (0 is unity).`),
        pan: z.number().min(-1).max(1).optional().describe('-1 hard left, 0 centre, 1 hard right.'),
      })
      .refine((args) => args.mute !== undefined || args.solo !== undefined || args.volumeDb !== undefined || args.pan !== undefined, {
        message: 'give at least one of mute, solo, volumeDb, pan',
      }),
  ),
  set_tempo: tool(
    'set_tempo',
    "Set the project's tempo. Clips stay on the beat grid.",
    z.strictObject({ bpm: z.number().min(TEMPO_RANGE.min).max(TEMPO_RANGE.max).describe(`Beats per minute, ${TEMPO_RANGE.min}-${TEMPO_RANGE.max}.`) }),
  ),
  set_key: tool(
    'set_key',
    "Set the project's key (tonic and scale). It labels the project and is the default key for generation; it does not transpose existing clips.",
    z.strictObject({
      tonic: z.enum(TONIC_NAMES).describe('C, C#, Db, D, ... B.'),
      scale: z.enum(SCALE_NAMES).describe('major, minor (natural), a church mode, harmonic-minor or melodic-minor.'),
    }),
  ),
  add_marker: tool(
    'add_marker',
    'Add a section marker (intro, verse, chorus, ...) on the timeline at the start of a bar.',
    z.strictObject({
      name: trackName.describe('Label shown on the timeline, e.g. "Chorus".'),
      bar: z.number().int().min(1).max(10_000).describe('1-based bar where the section starts.'),
      kind: z.enum(MARKER_KINDS).optional().describe('The kind of section; custom when none fits.'),
    }),
  ),
  generate_beat: tool(
    'generate_beat',
    'Compose a drum beat (with its bassline) in a genre and render it to MIDI and audio. Runs as a background job charged to the user\'s monthly generation minutes; returns a job id.',
    z.strictObject(composeFields),
  ),
  generate_melody: tool(
    'generate_melody',
    "Compose a lead melody over the genre's chord progression (MIDI and audio, background job charged to generation minutes).",
    z.strictObject({ ...composeFields, withChords: z.boolean().optional().describe('Also include the chord track under the lead.') }),
  ),
  generate_chords: tool(
    'generate_chords',
    'Compose a chord progression voiced for the genre (MIDI and audio, background job charged to generation minutes). To merely suggest chords in the chat, answer in text instead.',
    z.strictObject(composeFields),
  ),
  generate_arrangement: tool(
    'generate_arrangement',
    'Compose a full song (drums, bass, chords, lead) arranged in sections. `bars` is the length of each main section. Background job charged to generation minutes.',
    z.strictObject({
      ...composeFields,
      structure: z
        .array(z.enum(SECTION_NAMES))
        .min(1)
        .max(16)
        .optional()
        .describe("Section order, e.g. [\"intro\",\"verse\",\"chorus\",\"outro\"]; leave out for the genre's usual form."),
    }),
  ),
  generate_lyrics: tool(
    'generate_lyrics',
    'Write song lyrics (verses, a repeated chorus with a hook, a bridge) in a mood, fitted to the genre\'s line lengths. Background job; returns a job id.',
    z.strictObject({
      mood: z.enum(LYRIC_MOODS).describe('The emotional colour.'),
      genre: z.enum(GENRE_IDS).describe('Sets syllables per line (rap genres sing more than ambient).'),
      topic: z
        .string()
        .trim()
        .min(1)
        .max(40)
        .regex(/^[\p{L}\p{N}' -]+$/u, 'letters, digits, spaces, hyphens and apostrophes only')
        .optional()
        .describe('What the song is about in a few words (letters, digits, spaces, hyphens, apostrophes; at most 40 characters), e.g. "rain", "summer nights".'),
    }),
  ),
  mix_and_master: tool(
    'mix_and_master',
    "Auto-mix the project's own audio tracks (gain staged by loudness for each track's role, pans spread) and master a preview mixdown. The result suggests each track's gain and pan for the user to apply. Background job.",
    z.strictObject({ targetLufs: lufs }),
  ),
  master: tool(
    'master',
    "Master a song generated earlier in this conversation to a loudness target with a true-peak ceiling of -1 dBTP. Background job. To master the project's own tracks, use mix_and_master.",
    z.strictObject({
      targetLufs: lufs,
      sourceJobId: z.uuid().describe('The jobId of the generation to master, from an earlier generate_* (or master) result in this conversation.'),
    }),
  ),
} as const;

export type ToolName = keyof typeof TOOLS;
export const TOOL_NAMES = Object.keys(TOOLS) as ToolName[];
export type AssistantTool = (typeof TOOLS)[ToolName];
export type ToolArguments<N extends ToolName> = z.output<(typeof TOOLS)[N]['schema']>;
export type ParsedToolCall = { [N in ToolName]: { name: N; arguments: ToolArguments<N> } }[ToolName];

export function isToolName(name: string): name is ToolName {
  return Object.prototype.hasOwnProperty.call(TOOLS, name);
}

/**
 * Keywords left out of what the models see: `$schema`, and `pattern`/`format`
 * (Unicode-class regexes and uuid formats that some vendors' schema subsets
 * refuse). parseToolArguments still enforces them.
 */
const VENDOR_NOISE = new Set(['$schema', 'pattern', 'format']);

function withoutNoise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNoise);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key, inner]) => !(VENDOR_NOISE.has(key) && typeof inner === 'string'))
      .map(([key, inner]) => [key, key === 'properties' ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).map(([prop, s]) => [prop, withoutNoise(s)])) : withoutNoise(inner)]),
  );
}

/** JSON Schema (draft-7, also valid 2020-12) for one tool's arguments: a plain object schema. */
export function toolJsonSchema(name: ToolName): Record<string, unknown> {
  return withoutNoise(z.toJSONSchema(TOOLS[name].schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' })) as Record<string, unknown>;
}

/** Every tool, as the LLM providers declare them. */
export function toolDefinitions(): ToolDefinition[] {
  return TOOL_NAMES.map((name) => ({ name, description: TOOLS[name].description, parameters: toolJsonSchema(name) }));
}

export interface ToolArgumentsIssue {
  /** Dotted path of the argument, empty for the whole object. */
  path: string;
  message: string;
}

/** A tool call the tools cannot run: an unknown tool, or arguments its schema refuses. */
export class ToolArgumentsError extends Error {
  constructor(
    readonly code: 'UNKNOWN_TOOL' | 'INVALID_TOOL_ARGUMENTS',
    /** One sentence naming the tool and every bad argument; fit to send back to the model as the tool's error. */
    message: string,
    readonly issues: ToolArgumentsIssue[] = [],
  ) {
    super(message);
    this.name = 'ToolArgumentsError';
  }
}

export type ToolArgumentsResult<N extends ToolName = ToolName> =
  | { ok: true; name: N; arguments: ToolArguments<N> }
  | { ok: false; error: ToolArgumentsError };

/**
 * Validates a tool call's arguments (an object, or its JSON text as some
 * vendors stream it) and returns them typed, strings trimmed; throws
 * ToolArgumentsError naming every bad argument.
 */
export function parseToolArguments<N extends ToolName>(name: N, args: unknown): ToolArguments<N>;
export function parseToolArguments(name: string, args: unknown): Record<string, unknown>;
export function parseToolArguments(name: string, args: unknown): Record<string, unknown> {
  const result = safeParseToolArguments(name, args);
  if (!result.ok) throw result.error;
  return result.arguments;
}

/** parseToolArguments without the throw. */
export function safeParseToolArguments<N extends ToolName>(name: N, args: unknown): ToolArgumentsResult<N>;
export function safeParseToolArguments(name: string, args: unknown): ToolArgumentsResult;
export function safeParseToolArguments(name: string, args: unknown): ToolArgumentsResult {
  if (!isToolName(name)) {
    return { ok: false, error: new ToolArgumentsError('UNKNOWN_TOOL', `Unknown tool "${name}". Available tools: ${TOOL_NAMES.join(', ')}.`) };
  }
  let value: unknown = args ?? {};
  if (typeof value === 'string') {
    try {
      value = value.trim() === '' ? {} : (JSON.parse(value) as unknown);
    } catch {
      return invalid(name, [{ path: '', message: 'arguments are not valid JSON' }]);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return invalid(name, [{ path: '', message: 'arguments must be a JSON object' }]);
  }
  const result = TOOLS[name].schema.safeParse(value);
  if (result.success) return { ok: true, name, arguments: result.data } as ToolArgumentsResult;
  return invalid(
    name,
    result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );
}

function invalid(name: string, issues: ToolArgumentsIssue[]): ToolArgumentsResult {
  const listed = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
  return { ok: false, error: new ToolArgumentsError('INVALID_TOOL_ARGUMENTS', `Invalid arguments for ${name}: ${listed}.`, issues) };
}
