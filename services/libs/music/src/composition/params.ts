import { z } from 'zod';
import { TONIC_NAMES, type TonicName } from '../theory/pitch';
import type { Complexity } from '../theory/progressions';
import { type Key, makeKey, SCALE_NAMES, type ScaleName } from '../theory/scales';
import { GENRE_IDS, GENRES, type GenreProfile } from './genres';

export const COMPLEXITIES = ['simple', 'medium', 'complex'] as const satisfies readonly Complexity[];
export const BAR_COUNTS = [4, 8, 16, 32] as const;
export const SECTION_NAMES = ['intro', 'verse', 'chorus', 'bridge', 'breakdown', 'outro'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

export interface MusicParamsIssue {
  /** Dotted path of the offending field, e.g. "bpm" or "structure.2". */
  path: string;
  message: string;
}

/** Thrown for any invalid generation request; `issues` names every bad field. */
export class MusicParamsError extends Error {
  readonly code = 'MUSIC_PARAMS_INVALID';

  constructor(readonly issues: MusicParamsIssue[]) {
    super(`Invalid music parameters: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
    this.name = 'MusicParamsError';
  }

  get fields(): string[] {
    return this.issues.map((issue) => issue.path);
  }
}

const commonShape = {
  genre: z.enum(GENRE_IDS),
  /** Defaults to the genre's own tempo. */
  bpm: z.number().min(60).max(200).optional(),
  bars: z.literal(BAR_COUNTS).optional(),
  /** Tonic, e.g. "C", "F#", "Bb". */
  key: z.enum(TONIC_NAMES).optional(),
  /** Defaults to the genre's usual mode. */
  scale: z.enum(SCALE_NAMES).optional(),
  complexity: z.enum(COMPLEXITIES).optional(),
  seed: z.number().int(),
};

export const beatParamsSchema = z.strictObject(commonShape);
export const chordParamsSchema = z.strictObject(commonShape);
export const bassParamsSchema = z.strictObject(commonShape);
export const melodyParamsSchema = z.strictObject({
  ...commonShape,
  /** Add the voiced chord track under the lead. */
  withChords: z.boolean().optional(),
});
export const arrangementParamsSchema = z.strictObject({
  ...commonShape,
  /** Section order; defaults to a structure suited to the genre. */
  structure: z.array(z.enum(SECTION_NAMES)).min(1).max(16).optional(),
});

export type BeatParams = z.input<typeof beatParamsSchema>;
export type ChordParams = z.input<typeof chordParamsSchema>;
export type BassParams = z.input<typeof bassParamsSchema>;
export type MelodyParams = z.input<typeof melodyParamsSchema>;
export type ArrangementParams = z.input<typeof arrangementParamsSchema>;

/** Parameters with every default filled in, as the generators use them. */
export interface ResolvedParams {
  genre: GenreProfile;
  bpm: number;
  /** Bars of the part; for arrangements, bars of each main section. */
  bars: number;
  tonic: TonicName;
  scale: ScaleName;
  key: Key;
  complexity: Complexity;
  seed: number;
}

/** Parses with one of the engine's schemas, throwing MusicParamsError that names each bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new MusicParamsError(
    result.error.issues.map((issue) => ({
      path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(params)',
      message: issue.message,
    })),
  );
}

function resolveCommon(parsed: z.output<typeof beatParamsSchema>): ResolvedParams {
  const genre = GENRES[parsed.genre];
  const tonic = parsed.key ?? 'C';
  const scale = parsed.scale ?? genre.defaultScale;
  return {
    genre,
    bpm: parsed.bpm ?? genre.bpm.default,
    bars: parsed.bars ?? 8,
    tonic,
    scale,
    key: makeKey(tonic, scale),
    complexity: parsed.complexity ?? 'medium',
    seed: parsed.seed,
  };
}

export function resolveBeatParams(input: unknown): ResolvedParams {
  return resolveCommon(parseOrThrow(beatParamsSchema, input));
}

export function resolveChordParams(input: unknown): ResolvedParams {
  return resolveCommon(parseOrThrow(chordParamsSchema, input));
}

export function resolveBassParams(input: unknown): ResolvedParams {
  return resolveCommon(parseOrThrow(bassParamsSchema, input));
}

export function resolveMelodyParams(input: unknown): ResolvedParams & { withChords: boolean } {
  const parsed = parseOrThrow(melodyParamsSchema, input);
  return { ...resolveCommon(parsed), withChords: parsed.withChords ?? false };
}

export function resolveArrangementParams(input: unknown): ResolvedParams & { structure: SectionName[] | undefined } {
  const parsed = parseOrThrow(arrangementParamsSchema, input);
  return { ...resolveCommon(parsed), structure: parsed.structure };
}
