import { z } from 'zod';
import { envPart } from '@dawg/platform';

export const accountsEnv = envPart({
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30).describe('days a login stays valid without signing in again'),
});
