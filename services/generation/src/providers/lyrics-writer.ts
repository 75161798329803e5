import { assembleLyrics, DEFAULT_LYRIC_STRUCTURE, GENRES, type GenreId, LYRIC_SECTIONS, type LyricMood, type Lyrics, type LyricSectionKind, syllableRange } from '@dawg/music';
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { z } from 'zod';
import { abortError, errorForStatus, GenerationProviderError, truncate, withDeadline } from './provider-error';

export interface LyricsWriteParams {
  topic?: string;
  mood: LyricMood;
  genre: GenreId;
  /** Section order; verse-chorus-verse-chorus-bridge-chorus when unset. */
  structure?: readonly LyricSectionKind[];
  /** Lines of each verse, pre-chorus, chorus and bridge; intros and outros have two, as the offline generator writes them. */
  linesPerSection: number;
  seed: number;
}

export interface LyricsWriter {
  /** The model that writes, e.g. `gpt-4.1-mini`, for the job's record. */
  readonly model: string;
  /**
   * Resolves with lyrics shaped exactly as asked (sections in order, line
   * counts), or rejects with a GenerationProviderError (`INVALID_OUTPUT`
   * when the model's reply does not fit), or with `signal.reason` on abort.
   */
  write(params: LyricsWriteParams, signal: AbortSignal): Promise<Lyrics>;
}

export interface OpenAiLyricsSettings {
  apiKey: string;
  /** An OpenAI-compatible API; https://api.openai.com/v1 when unset. */
  baseUrl?: string;
  model: string;
  timeoutMs: number;
  /** Retries of 408/409/429/5xx and connection errors by the SDK, with its backoff (0.5 s doubling, or the server's retry-after). */
  maxRetries?: number;
}

/** The lines a section of `kind` has. */
export function linesFor(kind: LyricSectionKind, linesPerSection: number): number {
  return kind === 'intro' || kind === 'outro' ? 2 : linesPerSection;
}

/** The reply's JSON schema, for Structured Outputs in strict mode: every object closed, every property required. */
export const LYRICS_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['hook', 'sections'],
  properties: {
    hook: { type: 'string', description: 'A short, memorable phrase that opens every chorus and is the song title.' },
    sections: {
      type: 'array',
      description: 'The sections in the order the brief lists them.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'rhymeScheme', 'lines'],
        properties: {
          kind: { type: 'string', enum: [...LYRIC_SECTIONS] },
          rhymeScheme: { type: 'string', description: 'One capital letter per line; lines with the same letter rhyme, e.g. AABB.' },
          lines: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;

const SYSTEM_PROMPT = [
  'You are a professional songwriter. You write original song lyrics to a brief and answer only with JSON in the given schema.',
  'Rules:',
  '- Write exactly the sections the brief lists, in that order, one entry each, with `kind` set to the section kind.',
  '- Give each section exactly the number of lines the brief asks for. A line is one sung line: no section labels, numbering, blank lines or stage directions.',
  '- The hook is a short, memorable phrase (two to six words) and the title of the song. The first line of every chorus begins with the hook, and every chorus repeats the same lines.',
  '- rhymeScheme has one capital letter per line of its section; lines with the same letter rhyme (e.g. AABB or ABAB).',
  "- Match the genre's phrasing and line length, and the mood. When a topic is given, weave it into the chorus.",
  "- Original words only: never quote existing songs. No slurs, and no real people's names.",
].join('\n');

/**
 * Lyrics written by a chat model through the OpenAI SDK (OpenAI or any
 * compatible server), with a strict JSON-schema reply that is then checked
 * against the brief, so a reply that drifts is refused rather than stored.
 */
export class OpenAiLyricsWriter implements LyricsWriter {
  readonly model: string;
  private readonly client: OpenAI;

  constructor(private readonly settings: OpenAiLyricsSettings) {
    this.model = settings.model;
    this.client = new OpenAI({
      apiKey: settings.apiKey,
      baseURL: settings.baseUrl ?? 'https://api.openai.com/v1',
      timeout: settings.timeoutMs,
      maxRetries: settings.maxRetries ?? 3,
    });
  }

  async write(params: LyricsWriteParams, signal: AbortSignal): Promise<Lyrics> {
    const { timeoutMs } = this.settings;
    const structure = params.structure?.length ? params.structure : DEFAULT_LYRIC_STRUCTURE;
    const deadline = withDeadline(signal, timeoutMs);
    if (deadline.aborted) throw abortError(signal, 'openai', timeoutMs);

    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      completion = await this.client.chat.completions.create(
        {
          model: this.model,
          messages: [
            { role: 'system', content: SYSTEM_PROMPT },
            { role: 'user', content: lyricsBrief(params, structure) },
          ],
          response_format: { type: 'json_schema', json_schema: { name: 'lyrics', strict: true, schema: LYRICS_JSON_SCHEMA } },
          // Best effort: the same seed and brief tend to give the same song, as the offline generator does exactly.
          seed: params.seed,
          // Ample for 16 sections of 8 lines; a bound on a runaway reply.
          max_completion_tokens: 4_096,
        },
        { signal: deadline },
      );
    } catch (err) {
      if (deadline.aborted) throw abortError(signal, 'openai', timeoutMs);
      throw openAiError(err);
    }

    const choice = completion.choices[0];
    if (!choice) throw invalid('the reply has no choices');
    if (choice.message.refusal) throw invalid(`the model refused: ${truncate(choice.message.refusal, 200)}`);
    if (choice.finish_reason === 'length') throw invalid('the reply was cut off at the token limit');
    if (!choice.message.content) throw invalid(`the reply has no content (finish_reason ${choice.finish_reason})`);
    return parseLyricsReply(choice.message.content, { structure, linesPerSection: params.linesPerSection });
  }
}

/** The user message: the brief the system prompt's rules apply to. */
export function lyricsBrief(params: LyricsWriteParams, structure: readonly LyricSectionKind[]): string {
  const { min, max } = syllableRange(params.genre);
  return [
    `Genre: ${GENRES[params.genre].label} (about ${min}-${max} syllables a line)`,
    `Mood: ${params.mood}`,
    `Topic: ${params.topic ?? 'your choice, to suit the mood'}`,
    'Sections, in order:',
    ...structure.map((kind, i) => `${i + 1}. ${kind}: ${linesFor(kind, params.linesPerSection)} lines`),
  ].join('\n');
}

const replySchema = z.object({
  hook: z.string().trim().min(1).max(80),
  sections: z.array(z.object({ kind: z.enum(LYRIC_SECTIONS), rhymeScheme: z.string(), lines: z.array(z.string()) })),
});

/**
 * The model's JSON checked against the brief and made into Lyrics the way
 * the offline generator makes them (section names, title, text). Throws an
 * INVALID_OUTPUT GenerationProviderError naming the first thing wrong.
 */
export function parseLyricsReply(content: string, expected: { structure: readonly LyricSectionKind[]; linesPerSection: number }): Lyrics {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    throw invalid(`the reply is not JSON: ${truncate(content, 80)}`);
  }
  const parsed = replySchema.safeParse(json);
  if (!parsed.success) throw invalid(`the reply does not match the schema: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  const { hook, sections } = parsed.data;

  const kinds = sections.map((s) => s.kind);
  if (kinds.join() !== expected.structure.join()) throw invalid(`expected sections ${expected.structure.join(', ')}; got ${kinds.join(', ') || 'none'}`);
  const written = sections.map((section, i) => {
    const where = `section ${i + 1} (${section.kind})`;
    const lines = section.lines.map((line) => line.trim());
    const wanted = linesFor(section.kind, expected.linesPerSection);
    if (lines.length !== wanted) throw invalid(`${where} has ${lines.length} lines; expected ${wanted}`);
    if (lines.some((line) => line === '')) throw invalid(`${where} has an empty line`);
    if (lines.some((line) => /[\r\n]/.test(line))) throw invalid(`${where} has a line with a line break in it`);
    const rhymeScheme = section.rhymeScheme.replace(/[^a-z]/gi, '').toUpperCase();
    if (rhymeScheme.length !== lines.length) throw invalid(`${where} has rhyme scheme "${section.rhymeScheme}" for ${lines.length} lines`);
    return { kind: section.kind, rhymeScheme, lines };
  });

  const firstChorus = written.find((s) => s.kind === 'chorus');
  if (firstChorus && !plain(firstChorus.lines[0]!).includes(plain(hook))) throw invalid(`the chorus does not open with the hook "${hook}"`);
  return assembleLyrics(hook, written);
}

/** Lower case letters, digits and single spaces, for comparing phrases regardless of punctuation. */
function plain(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function invalid(message: string): GenerationProviderError {
  return new GenerationProviderError('openai', 'INVALID_OUTPUT', message);
}

/** The SDK's errors (after its retries) as ours. */
function openAiError(err: unknown): GenerationProviderError {
  if (err instanceof APIConnectionTimeoutError) return new GenerationProviderError('openai', 'TIMEOUT', 'the request timed out', { cause: err });
  if (err instanceof APIConnectionError) return new GenerationProviderError('openai', 'UNAVAILABLE', `the API could not be reached: ${err.message}`, { cause: err });
  if (err instanceof APIError && err.status !== undefined) {
    const detail = (err.error as { message?: string } | undefined)?.message ?? err.message;
    // A 429 for an exhausted quota will not clear by retrying.
    if (err.code === 'insufficient_quota') return new GenerationProviderError('openai', 'REJECTED', `the account is out of quota: ${detail}`, { cause: err, status: err.status });
    return errorForStatus('openai', err.status, detail, err);
  }
  return new GenerationProviderError('openai', 'UNAVAILABLE', (err as Error).message, { cause: err });
}
