import { z } from 'zod';
import { idSchema, MUSICAL_KEYS } from './projects';
import type { ClientEventSpecs, ClientToServerEventsOf } from './realtime';

/**
 * The vocal coach: Socket.IO namespace `/realtime-voice` (path
 * /voice/socket.io) takes PCM chunks and answers pitch, onsets, vibrato and,
 * at the end, a score; `POST /api/v1/voice/analyze` does the same for a
 * stored recording.
 */

/** Keys and scales the coach can hold a singer to (a superset of a project's scales). */
export const VOICE_SCALES = ['major', 'minor', 'harmonic-minor', 'melodic-minor', 'dorian', 'phrygian', 'lydian', 'mixolydian', 'locrian', 'major-pentatonic', 'minor-pentatonic', 'blues', 'chromatic'] as const;

/** What the singer should sing: one note, a melody (e.g. a MIDI clip's notes), or any note of a key. */
export const voiceTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('note'), midi: z.number().int().min(21).max(108) }),
  z.strictObject({
    kind: z.literal('melody'),
    notes: z.array(z.strictObject({ midi: z.number().int().min(21).max(108), startSeconds: z.number().min(0), durationSeconds: z.number().positive() })).min(1).max(4_000),
  }),
  z.strictObject({ kind: z.literal('scale'), tonic: z.enum(MUSICAL_KEYS), scale: z.enum(VOICE_SCALES) }),
]);
export type VoiceTarget = z.infer<typeof voiceTargetSchema>;

/** The tempo grid onsets are timed against: `subdivision` grid lines per beat (4 = sixteenths in 4/4). */
export const voiceTempoSchema = z.strictObject({
  bpm: z.number().min(20).max(400),
  subdivision: z.number().int().min(1).max(8).default(2),
  offsetSeconds: z.number().min(0).max(60).default(0),
});

const analysisOptions = {
  target: voiceTargetSchema.optional(),
  tempo: voiceTempoSchema.optional(),
  /** In tune within this many cents (default 15). */
  toleranceCents: z.number().min(1).max(100).optional(),
  /** Concert pitch, Hz. */
  a4: z.number().min(400).max(480).default(440),
};

export const VOICE_PCM_FORMATS = ['f32', 's16'] as const;
export const voiceStartSchema = z.strictObject({
  /** Samples per second of the chunks that follow. */
  sampleRate: z.number().int().min(8_000).max(96_000),
  /** `f32`: little-endian Float32 samples in [-1, 1]; `s16`: little-endian Int16. Mono. */
  format: z.enum(VOICE_PCM_FORMATS),
  ...analysisOptions,
  /** Transcribe what is said, utterance by utterance (needs a transcription model: OPENAI_API_KEY). */
  transcribe: z.boolean().default(false),
  /** Voice commands: each final transcript is sent to this assistant conversation, whose tool calls come back as `function:call`. */
  commands: z.strictObject({ conversationId: idSchema }).optional(),
});
export type VoiceStart = z.infer<typeof voiceStartSchema>;

const sessionId = z.string().regex(/^[\w-]{1,64}$/);

export const voiceClientEvents = {
  /** What this installation's coach can do, for the client to offer only that (voice commands need transcription). */
  'voice:capabilities': { request: z.strictObject({}), result: z.object({ transcription: z.boolean(), maxTakeSeconds: z.number() }) },
  /** Opens a take; the ack carries its id. */
  'voice:start': { request: voiceStartSchema, result: z.object({ sessionId: z.string(), hopSeconds: z.number(), toleranceCents: z.number() }) },
  /** A chunk of PCM (binary, at most 1 s of audio); its pitch frames and onsets come back as events at once. */
  'voice:chunk': {
    request: z.strictObject({ sessionId, seq: z.number().int().min(0), pcm: z.instanceof(Uint8Array) }),
    result: z.object({ frames: z.number().int() }),
  },
  /** Ends the take: the ack (and a `score` event) carries the scores and feedback. */
  'voice:stop': { request: z.strictObject({ sessionId }), result: z.lazy(() => voiceScoreSchema) },
} satisfies ClientEventSpecs;
export type VoiceClientToServerEvents = ClientToServerEventsOf<typeof voiceClientEvents>;

export const pitchEventSchema = z.object({
  sessionId: z.string(),
  /** The `voice:chunk` (its seq) whose samples completed this frame, on every live frame: lets a client trace a frame from capture to screen. */
  seq: z.number().int().optional(),
  /** Seconds since the take started (the middle of the analysis frame). */
  time: z.number(),
  /** Hz; 0 when unvoiced. */
  frequency: z.number(),
  /** e.g. `A4`; null when unvoiced. */
  note: z.string().nullable(),
  /** From the target note when there is one, else from the nearest note; null when unvoiced. */
  cents: z.number().nullable(),
  confidence: z.number(),
  voiced: z.boolean(),
  isInTune: z.boolean(),
  targetNote: z.string().nullable(),
});
export type PitchEvent = z.infer<typeof pitchEventSchema>;

export const onsetEventSchema = z.object({
  sessionId: z.string(),
  time: z.number(),
  /** Against the tempo grid, when one was given: negative is early. */
  offsetMs: z.number().nullable(),
  timing: z.enum(['early', 'late', 'on-time']).nullable(),
});
export const vibratoEventSchema = z.object({ sessionId: z.string(), detected: z.boolean(), rateHz: z.number(), extentCents: z.number() });

export const voiceFeedbackSchema = z.object({ code: z.string(), kind: z.enum(['praise', 'tip']), message: z.string() });
export const voiceScoreSchema = z.object({
  sessionId: z.string(),
  durationSeconds: z.number(),
  /** 0-100 each; null when the take gave nothing to judge it by (e.g. no onsets for rhythm). */
  pitchAccuracy: z.number().nullable(),
  rhythmAccuracy: z.number().nullable(),
  consistency: z.number().nullable(),
  overall: z.number().nullable(),
  feedback: z.array(voiceFeedbackSchema),
  vibrato: z.object({ rateHz: z.number(), extentCents: z.number() }).nullable(),
  voicedSeconds: z.number(),
  onsets: z.number().int(),
});
export type VoiceScore = z.infer<typeof voiceScoreSchema>;

const utterance = { sessionId: z.string(), utterance: z.number().int() };
export const transcriptPartialEventSchema = z.object({ ...utterance, text: z.string() });
export const transcriptFinalEventSchema = z.object({ ...utterance, text: z.string(), startSeconds: z.number(), endSeconds: z.number() });
export const transcriptErrorEventSchema = z.object({ ...utterance, code: z.string(), message: z.string() });
/** A tool the assistant ran for a voice command, as the chat's tool cards describe it. */
export const functionCallEventSchema = z.object({
  ...utterance,
  name: z.string(),
  arguments: z.record(z.string(), z.unknown()),
  status: z.enum(['ok', 'error']),
  summary: z.string(),
});
export const commandReplyEventSchema = z.object({ ...utterance, text: z.string() });

export const voiceServerEventSchemas = {
  'transcript:partial': transcriptPartialEventSchema,
  'transcript:final': transcriptFinalEventSchema,
  'transcript:error': transcriptErrorEventSchema,
  'function:call': functionCallEventSchema,
  'command:reply': commandReplyEventSchema,
  pitch: pitchEventSchema,
  onset: onsetEventSchema,
  vibrato: vibratoEventSchema,
  score: voiceScoreSchema,
  'recording.ready': z.lazy(() => recordingReadySchema),
} as const;
export type VoiceServerToClientEvents = { [E in keyof typeof voiceServerEventSchemas]: (payload: z.input<(typeof voiceServerEventSchemas)[E]>) => void };

/** POST /api/v1/voice/analyze: the same analysis over a stored recording of the caller's. */
export const voiceAnalyzeRequestSchema = z.strictObject({ audioFileId: idSchema, ...analysisOptions });
export type VoiceAnalyzeRequest = z.infer<typeof voiceAnalyzeRequestSchema>;
export const voiceAnalysisSchema = voiceScoreSchema.extend({
  /** The pitch track at 20 frames a second, for drawing. */
  pitch: z.array(pitchEventSchema.omit({ sessionId: true, seq: true })),
  onsetTimes: z.array(onsetEventSchema.omit({ sessionId: true })),
});
export type VoiceAnalysis = z.infer<typeof voiceAnalysisSchema>;

// ------------------------------------------------------------ voice sessions

/**
 * A recorded voice session: several participants (each on their own socket,
 * on any replica) stream their microphones; closing it writes one WAV track
 * per participant (all the session's length, aligned), WebVTT captions per
 * speaker, a JSONL event log and a metadata file to object storage, then
 * `recording.ready` lists them.
 */
export const sessionIdSchema = z.uuid();
export const voiceSessionClientEvents = {
  'session:open': { request: z.strictObject({ title: z.string().trim().min(1).max(120).optional(), projectId: idSchema.optional() }), result: z.object({ sessionId: z.string() }) },
  'session:join': {
    request: z.strictObject({ sessionId: sessionIdSchema, sampleRate: z.number().int().min(8_000).max(96_000), format: z.enum(VOICE_PCM_FORMATS), name: z.string().trim().min(1).max(60).optional() }),
    result: z.object({ participantId: z.string(), offsetSeconds: z.number() }),
  },
  'session:audio': { request: z.strictObject({ sessionId: sessionIdSchema, seq: z.number().int().min(0), pcm: z.instanceof(Uint8Array) }), result: z.object({ seconds: z.number() }) },
  'session:mark': { request: z.strictObject({ sessionId: sessionIdSchema, label: z.string().trim().min(1).max(200) }), result: z.object({ atSeconds: z.number() }) },
  'session:leave': { request: z.strictObject({ sessionId: sessionIdSchema }), result: z.object({ left: z.boolean() }) },
  /** The opener ends the session; the ack (and `recording.ready` to every participant) lists the files. */
  'session:close': { request: z.strictObject({ sessionId: sessionIdSchema }), result: z.lazy(() => recordingReadySchema) },
} satisfies ClientEventSpecs;

export const RECORDING_FILE_KINDS = ['wav', 'vtt', 'jsonl', 'json'] as const;
export const recordingFileSchema = z.object({
  name: z.string(),
  kind: z.enum(RECORDING_FILE_KINDS),
  key: z.string(),
  sizeBytes: z.number().int(),
  /** Tracks and captions: whose. */
  participantId: z.string().optional(),
  durationSeconds: z.number().optional(),
});
export const recordingReadySchema = z.object({ sessionId: z.string(), durationSeconds: z.number(), files: z.array(recordingFileSchema) });
export type RecordingReady = z.infer<typeof recordingReadySchema>;

/** Every client event of the /realtime-voice namespace: live takes and recorded sessions. */
export const voiceNamespaceClientEvents = { ...voiceClientEvents, ...voiceSessionClientEvents } satisfies ClientEventSpecs;
