import { z } from 'zod';
import { envPart } from '@dawg/platform';

/** Variables of every service that serves Socket.IO. */
export const realtimeEnv = envPart({
  WS_MAX_CONNECTIONS_PER_IP: z.coerce
    .number()
    .int()
    .positive()
    .default(10)
    .describe('Socket.IO connections one client IP may hold at once, counted across every replica in Redis'),
});
export type RealtimeEnv = z.infer<z.ZodObject<typeof realtimeEnv.shape>>;
