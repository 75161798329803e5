import { z } from 'zod';
import { idSchema, MUSICAL_KEYS, SCALES } from './projects';

/**
 * Generation jobs: the api validates a request and enqueues it on the
 * generation queue; the generation worker renders it, stores the files and
 * reports progress. Every kind here has a route `POST /generate/<kind>` and a
 * handler in the worker.
 */
export const GENERATION_QUEUE = 'generation';

export const GENERATION_KINDS = ['beat', 'melody', 'chords', 'arrangement', 'stems', 'mix', 'master', 'lyrics', 'automix'] as const;
export type GenerationKind = (typeof GENERATION_KINDS)[number];
/** Kinds composed from scratch, as opposed to those that work on an earlier generation's output. */
export const COMPOSE_KINDS = ['beat', 'melody', 'chords', 'arrangement'] as const satisfies readonly GenerationKind[];
export type ComposeKind = (typeof COMPOSE_KINDS)[number];

/** The music engine's genres (@dawg/music GENRE_IDS; a test keeps the two lists equal). */
export const GENRES = ['trap', 'boom-bap', 'lo-fi', 'house', 'techno', 'drum-and-bass', 'edm-pop', 'rock', 'jazz-swing', 'reggae', 'reggaeton', 'afrobeats', 'ambient'] as const;
export const COMPLEXITIES = ['simple', 'medium', 'complex'] as const;
export const BAR_COUNTS = [4, 8, 16, 32] as const;

/** Where generated audio can come from: the built-in engine, or an external model when the installation configures one. */
export const MUSIC_PROVIDERS = ['builtin', 'musicgen', 'suno'] as const;
export type MusicProviderName = (typeof MUSIC_PROVIDERS)[number];
export type ExternalMusicProviderName = Exclude<MusicProviderName, 'builtin'>;

/** The largest seed accepted; seeds are unsigned 32-bit integers, so every engine PRNG can take one. */
export const MAX_SEED = 0xffff_ffff;
const seed = z.number().int().min(0).max(MAX_SEED);
const bars = z.literal(BAR_COUNTS);

const composeFields = {
  genre: z.enum(GENRES),
  bpm: z.number().int().min(60).max(200),
  bars: bars.default(8),
  /** The tonic, e.g. `C`, `F#`, `Bb`. */
  key: z.enum(MUSICAL_KEYS).default('C'),
  /** Defaults to the genre's usual mode. */
  scale: z.enum(SCALES).optional(),
  complexity: z.enum(COMPLEXITIES).default('medium'),
  /** The same seed and parameters give the same song; one is chosen and returned when absent. */
  seed: seed.optional(),
  /** The project the result is meant for; only recorded with the job. */
  projectId: idSchema.optional(),
  /**
   * `builtin` (the default) composes with the engine: MIDI and WAV, the same
   * seed giving the same song. `musicgen` and `suno` ask an external model
   * for audio from a prompt built from these fields (WAV only, mastered
   * like the rest), when the installation configures them.
   */
  provider: z.enum(MUSIC_PROVIDERS).default('builtin'),
};

export const beatRequestSchema = z.strictObject(composeFields);
/** `withChords` adds the voiced chord track under the lead. */
export const melodyRequestSchema = z.strictObject({ ...composeFields, withChords: z.boolean().default(false) });
export const chordsRequestSchema = z.strictObject(composeFields);
export const ARRANGEMENT_SECTIONS = ['intro', 'verse', 'chorus', 'bridge', 'breakdown', 'outro'] as const;
/** `bars` is the length of each main section; `structure` the section order (the genre's usual one when absent). */
export const arrangementRequestSchema = z.strictObject({ ...composeFields, structure: z.array(z.enum(ARRANGEMENT_SECTIONS)).min(1).max(16).optional() });

/**
 * Stems, mix and master work on what an earlier generation job of the caller
 * stored: a composed job, or an earlier stems, mix or master job (a mix of a
 * stems job's stems, a master of a mix job's mix).
 */
const stemName = z.string().regex(/^[\w-]{1,40}$/);
const fromGeneration = { sourceJobId: idSchema, projectId: idSchema.optional() };
export const stemsRequestSchema = z.strictObject(fromGeneration);
export const mixRequestSchema = z.strictObject({
  ...fromGeneration,
  /** Per-stem gain in dB, by stem name (e.g. `drums`); unnamed stems stay at 0 dB. */
  gainsDb: z.record(stemName, z.number().min(-60).max(12)).optional(),
  /** Per-stem pan, -1 hard left … +1 hard right, by stem name; unnamed stems stay centred. */
  pans: z.record(stemName, z.number().min(-1).max(1)).optional(),
});
export const masterRequestSchema = z.strictObject({
  ...fromGeneration,
  targetLufs: z.number().min(-30).max(-6).default(-14),
  ceilingDbtp: z.number().min(-6).max(0).default(-1),
});

/** The engine's lyric moods and section kinds (@dawg/music LYRIC_MOODS, LYRIC_SECTIONS; a test keeps the lists equal). */
export const LYRIC_MOODS = ['happy', 'sad', 'angry', 'romantic', 'hopeful', 'chill'] as const;
export const LYRIC_SECTIONS = ['intro', 'verse', 'pre-chorus', 'chorus', 'bridge', 'outro'] as const;
/**
 * Lyrics come from an AI provider when one is configured and otherwise from
 * the engine's rhyme-aware generator; `structure` defaults to
 * verse-chorus-verse-chorus-bridge-chorus.
 */
export const lyricsRequestSchema = z.strictObject({
  topic: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[\p{L}\p{N}' -]+$/u, 'letters, digits, spaces, hyphens and apostrophes only')
    .optional(),
  mood: z.enum(LYRIC_MOODS),
  genre: z.enum(GENRES),
  structure: z.array(z.enum(LYRIC_SECTIONS)).min(1).max(16).optional(),
  linesPerSection: z.number().int().min(2).max(8).default(4),
  seed: seed.optional(),
  projectId: idSchema.optional(),
});

/**
 * Auto-mix of a user's own project: the audio tracks' clips (the active take
 * of each take group), as they sit on the timeline, are measured and given a
 * gain (staged by loudness for their role, read from the track name) and a
 * pan (spread for the non-centred roles). The result suggests the settings
 * (applied by the client as one undoable edit) and holds a mastered preview.
 */
export const automixRequestSchema = z.strictObject({
  projectId: idSchema,
  /** Only these tracks (default: every audio track with audio on it). */
  trackIds: z.array(idSchema).min(1).max(64).optional(),
  /** Loudness of the preview mixdown. */
  targetLufs: z.number().min(-30).max(-6).default(-14),
});

export const generationRequestSchemas = {
  beat: beatRequestSchema,
  melody: melodyRequestSchema,
  chords: chordsRequestSchema,
  arrangement: arrangementRequestSchema,
  stems: stemsRequestSchema,
  mix: mixRequestSchema,
  master: masterRequestSchema,
  lyrics: lyricsRequestSchema,
  automix: automixRequestSchema,
} as const satisfies Record<GenerationKind, z.ZodType>;

export type BeatRequest = z.infer<typeof beatRequestSchema>;
export type MelodyRequest = z.infer<typeof melodyRequestSchema>;
export type ChordsRequest = z.infer<typeof chordsRequestSchema>;
export type ArrangementRequest = z.infer<typeof arrangementRequestSchema>;
export type StemsRequest = z.infer<typeof stemsRequestSchema>;
export type MixRequest = z.infer<typeof mixRequestSchema>;
export type MasterRequest = z.infer<typeof masterRequestSchema>;
export type LyricsRequest = z.infer<typeof lyricsRequestSchema>;
export type AutomixRequest = z.infer<typeof automixRequestSchema>;
export type GenerationRequest<K extends GenerationKind = GenerationKind> = z.infer<(typeof generationRequestSchemas)[K]>;

export const generationKindParamsSchema = z.strictObject({ kind: z.enum(GENERATION_KINDS) });
export const generationJobParamsSchema = z.strictObject({ jobId: idSchema });
export const generationFileParamsSchema = z.strictObject({ jobId: idSchema, name: z.string().regex(/^[\w.-]{1,80}$/, 'must be a file name') });

/** What the api puts on the queue; the job's name is its kind and its id the job id. */
export interface GenerationJobData<K extends GenerationKind = GenerationKind> {
  kind: K;
  userId: string;
  /** The request's x-request-id, so the worker's log lines join the request's. */
  requestId: string;
  /** Validated, with defaults applied and, for composed kinds, the seed chosen. */
  params: GenerationRequest<K> & { seed?: number };
  /** The seed the job renders with (composed kinds and lyrics; for the others, the source's). */
  seed: number;
  /** Minutes counted against the plan when the job was accepted. */
  chargedMinutes: number;
  /**
   * For stems, mix and master: the source job, with the composed job at the
   * root of its chain (`kind`, `params`: the song, re-rendered exactly from
   * them when the source stored no stems) and the files the source stored,
   * which the worker reads instead of rendering again.
   */
  source?: { jobId: string; kind: ComposeKind; params: GenerationRequest<ComposeKind> & { seed: number }; jobKind?: GenerationKind; files?: GenerationFile[] };
  /** For automix: the project's audio tracks as they were when the job was accepted. */
  tracks?: AutomixTrackInput[];
}

/** One track of an automix job: its audio clips in seconds, each naming the stored audio it plays. */
export interface AutomixTrackInput {
  trackId: string;
  name: string;
  clips: Array<{
    storageKey: string;
    startSeconds: number;
    durationSeconds: number;
    sourceOffsetSeconds: number;
    gainDb: number;
    fadeInSeconds: number;
    fadeOutSeconds: number;
  }>;
}

/** The failure reason of a job stopped because its owner cancelled it. */
export const GENERATION_CANCELLED_REASON = 'cancelled by the user';

export const GENERATION_STAGES = ['queued', 'compose', 'render', 'mix', 'master', 'encode', 'store', 'record', 'done'] as const;
export type GenerationStage = (typeof GENERATION_STAGES)[number];
export const generationProgressSchema = z.object({ stage: z.enum(GENERATION_STAGES), percent: z.number().min(0).max(100) });
export type GenerationProgress = z.infer<typeof generationProgressSchema>;

/** `text` is UTF-8 plain text, `json` a JSON document (lyrics.txt, lyrics.json). */
export const GENERATION_FILE_KINDS = ['midi', 'wav', 'text', 'json'] as const;
export type GenerationFileKind = (typeof GENERATION_FILE_KINDS)[number];
export const generationFileSchema = z.object({
  /** e.g. `beat.mid`, `beat.wav`, `stem-drums.wav`, `lyrics.txt`. */
  name: z.string(),
  kind: z.enum(GENERATION_FILE_KINDS),
  /** The object-storage key: `generations/<userId>/<jobId>/<name>`, or `…/stems/<stem>.wav` for a stem. */
  key: z.string(),
  /** For a stem: the instrument (track) it holds, the name a mix's `gainsDb` and `pans` use. */
  stem: z.string().optional(),
  sizeBytes: z.number().int(),
  durationSeconds: z.number().optional(),
});
export type GenerationFile = z.infer<typeof generationFileSchema>;

/** A master's loudness before and after, measured by the engine (null where there was only silence to measure). */
export const generationLoudnessSchema = z.object({
  /** Integrated loudness of the input, LUFS. */
  inputLufs: z.number().nullable(),
  /** Integrated loudness of the master, LUFS. */
  outputLufs: z.number().nullable(),
  /** True peak of the master, dBTP. */
  truePeakDbtp: z.number().nullable(),
});
export type GenerationLoudness = z.infer<typeof generationLoudnessSchema>;

/** An automix suggestion for one track: set its fader by `gainDb` (relative to now) and its pan to `pan`. */
export const automixTrackSettingSchema = z.object({
  trackId: z.string(),
  name: z.string(),
  /** The part the track plays, read from its name (kick, bass, vocals, pad, ...); decides its target loudness and whether it stays centred. */
  role: z.string(),
  /** The track's integrated loudness as it plays now, LUFS (null when silent). */
  loudnessLufs: z.number().nullable(),
  gainDb: z.number(),
  pan: z.number(),
});
export type AutomixTrackSetting = z.infer<typeof automixTrackSettingSchema>;

/** What a finished job returns (the BullMQ return value, and `result` of its generation_jobs row). */
export const generationResultSchema = z.object({
  seed: z.number().int(),
  durationSeconds: z.number(),
  files: z.array(generationFileSchema),
  /** Master and automix jobs: the loudness before and after mastering. */
  loudness: generationLoudnessSchema.optional(),
  /** Automix jobs: the suggested setting of each track. */
  automix: z.array(automixTrackSettingSchema).optional(),
  /** Who made it when not the built-in engine (an external music model, or the model that wrote lyrics), and why it fell back when it did. */
  provider: z.object({ name: z.string(), model: z.string().optional(), externalId: z.string().optional(), fallbackReason: z.string().optional() }).optional(),
});
export type GenerationResult = z.infer<typeof generationResultSchema>;

export const GENERATION_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type GenerationState = (typeof GENERATION_STATES)[number];

export const generationAcceptedSchema = z.object({
  jobId: z.string(),
  status: z.literal('queued'),
  kind: z.enum(GENERATION_KINDS),
  seed: z.number().int(),
  /** Generation minutes counted against the plan for this job. */
  chargedMinutes: z.number(),
});
export type GenerationAccepted = z.infer<typeof generationAcceptedSchema>;

export const generationStatusSchema = z.object({
  jobId: z.string(),
  kind: z.enum(GENERATION_KINDS),
  state: z.enum(GENERATION_STATES),
  stage: z.enum(GENERATION_STAGES),
  percent: z.number(),
  seed: z.number().int(),
  /** Times a worker started the job (retries and take-overs after a worker died included). */
  attempts: z.number().int(),
  files: z.array(generationFileSchema),
  durationSeconds: z.number().nullable(),
  /** Master and automix jobs, once succeeded: loudness before and after. */
  loudness: generationLoudnessSchema.optional(),
  /** Automix jobs, once succeeded: the suggested setting of each track. */
  automix: z.array(automixTrackSettingSchema).optional(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type GenerationStatus = z.infer<typeof generationStatusSchema>;

/** Realtime events to `user:<id>` (see @dawg/realtime). */
export const generationProgressEventSchema = z.object({ jobId: z.string(), kind: z.enum(GENERATION_KINDS) }).extend(generationProgressSchema.shape);
export const generationCompleteEventSchema = z.object({ jobId: z.string(), kind: z.enum(GENERATION_KINDS) }).extend(generationResultSchema.shape);
export const generationErrorEventSchema = z.object({ jobId: z.string(), kind: z.enum(GENERATION_KINDS), error: z.string(), willRetry: z.boolean() });
export type GenerationProgressEvent = z.infer<typeof generationProgressEventSchema>;
export type GenerationCompleteEvent = z.infer<typeof generationCompleteEventSchema>;
export type GenerationErrorEvent = z.infer<typeof generationErrorEventSchema>;

/**
 * The dead letters: jobs that failed for good (every attempt used, or an
 * unrecoverable error), newest first, for operators. Cancelled jobs are not
 * failures and are left out.
 */
export const generationDeadLettersQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type GenerationDeadLettersQuery = z.infer<typeof generationDeadLettersQuerySchema>;
export const generationDeadLetterSchema = z.object({
  jobId: z.string(),
  kind: z.enum(GENERATION_KINDS),
  userId: z.string(),
  requestId: z.string(),
  /** The last attempt's error. */
  error: z.string(),
  attempts: z.number().int(),
  chargedMinutes: z.number(),
  params: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  failedAt: z.string().nullable(),
});
export type GenerationDeadLetter = z.infer<typeof generationDeadLetterSchema>;
export const generationDeadLetterPageSchema = z.object({
  items: z.array(generationDeadLetterSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Dead letters among the newest 1,000 failed jobs the queue keeps (it keeps them 30 days). */
  total: z.number().int(),
});
export type GenerationDeadLetterPage = z.infer<typeof generationDeadLetterPageSchema>;

/**
 * Recent generation jobs of every state, newest (by creation) first, for
 * operators. `status` keeps one state; read from the queue, which keeps
 * finished jobs a week (failed ones a month). A job cancelled before a worker
 * took it is removed from the queue, so it is not listed.
 */
export const generationRecentJobsQuerySchema = z.strictObject({
  status: z.enum(GENERATION_STATES).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type GenerationRecentJobsQuery = z.infer<typeof generationRecentJobsQuerySchema>;
/** A job as its owner sees it (without files and results), with who and what it was for, as a dead letter names them. */
export const generationRecentJobSchema = generationStatusSchema
  .pick({ jobId: true, kind: true, state: true, stage: true, percent: true, attempts: true, error: true, createdAt: true, finishedAt: true })
  .extend(generationDeadLetterSchema.pick({ userId: true, requestId: true, chargedMinutes: true }).shape)
  .extend({
    /** The project the request named, when it named one. */
    projectId: z.string().nullable(),
    /** When a worker last started it (its latest attempt); null while it waits for its first. */
    startedAt: z.string().nullable(),
  });
export type GenerationRecentJob = z.infer<typeof generationRecentJobSchema>;
export const generationRecentJobPageSchema = z.object({
  items: z.array(generationRecentJobSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Matching jobs among the newest 1,000 the queue holds in each of its states. */
  total: z.number().int(),
});
export type GenerationRecentJobPage = z.infer<typeof generationRecentJobPageSchema>;
