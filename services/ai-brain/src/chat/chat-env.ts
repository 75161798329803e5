import { z } from 'zod';
import { envPart } from '@dawg/platform';

/** The assistant's conversations: where its tools reach the api, and how much one turn may do. */
export const chatEnv = envPart({
  AI_API_URL: z
    .url()
    .optional()
    .describe("the api's base URL the assistant's tools call with the user's token (e.g. http://dawg-ai-api:8080); unset, this process itself (unified)"),
  AI_MAX_TOOL_ROUNDS: z.coerce.number().int().min(1).max(10).default(4).describe('model turns with tool calls one chat message may take before the assistant must answer'),
  AI_HISTORY_MESSAGES: z.coerce
    .number()
    .int()
    .min(4)
    .max(500)
    .default(40)
    .describe('messages of a conversation sent to the model as they are; older ones are replaced by a summary'),
});
export type ChatEnv = z.infer<z.ZodObject<typeof chatEnv.shape>>;
