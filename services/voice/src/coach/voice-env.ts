import { z } from 'zod';
import { envPart } from '@dawg/platform';

/** The vocal coach: where it reads recordings from, and how much one take may hold. */
export const voiceEnv = envPart({
  VOICE_API_URL: z
    .url()
    .optional()
    .describe("the api's base URL the coach reads stored recordings from, with the caller's credential (e.g. http://dawg-ai-api:8080); unset, this process itself (unified)"),
  VOICE_AI_URL: z
    .url()
    .optional()
    .describe("the ai-brain base URL voice commands are sent to, with the caller's credential (e.g. http://dawg-ai-ai-brain:8080); unset, this process itself (unified)"),
  VOICE_TRANSCRIBE_MODEL: z
    .string()
    .trim()
    .min(1)
    .default('gpt-4o-mini-transcribe')
    .describe('the OpenAI transcription model live takes use when they ask for a transcript (OPENAI_API_KEY turns transcription on)'),
  VOICE_MAX_TAKE_SECONDS: z.coerce.number().int().min(10).max(3_600).default(600).describe('seconds of audio one live take or analysed recording may hold'),
  VOICE_MAX_TAKES_PER_SOCKET: z.coerce.number().int().min(1).max(16).default(2).describe('takes one Socket.IO connection may have open at once'),
});
export type VoiceEnv = z.infer<z.ZodObject<typeof voiceEnv.shape>>;
