import { z } from 'zod';

/**
 * What an API key may do. A request made with a key reaches only routes that
 * declare one of the key's scopes; the `ops:*` scopes can be granted by
 * admins only.
 */
export const API_KEY_SCOPES = [
  'projects:read',
  'projects:write',
  'audio:read',
  'audio:write',
  'generation:write',
  'ai:chat',
  'ops:read',
  'ops:execute',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
export const ADMIN_ONLY_SCOPES: readonly ApiKeyScope[] = ['ops:read', 'ops:execute'];

export const createApiKeyRequestSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(80),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, 'must name at least one scope').max(API_KEY_SCOPES.length),
  /** Days until the key stops working; omitted means it never expires. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequestSchema>;

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The key's public prefix, to recognise it in a list; the rest is never shown again. */
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;
export const apiKeyListSchema = z.object({ items: z.array(apiKeySchema) });

/** The answer to creation: the only time the secret is shown. Send it as `x-api-key`. */
export const createdApiKeySchema = z.object({ apiKey: apiKeySchema, secret: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;
