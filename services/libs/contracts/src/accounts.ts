import { z } from 'zod';

const email = z.email({ message: 'must be an email address' }).max(320).transform((e) => e.trim());
const password = z.string().min(10, 'must be at least 10 characters').max(256, 'must be at most 256 characters');
const displayName = z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters');

export const registerRequestSchema = z.strictObject({ email, password, displayName });
export type RegisterRequest = z.infer<typeof registerRequestSchema>;

// Any password is checked, so its rules are not told to someone guessing.
export const loginRequestSchema = z.strictObject({ email: z.string().min(1).max(320), password: z.string().min(1).max(256) });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const refreshRequestSchema = z.strictObject({ refreshToken: z.string().min(1).max(512) });
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

/** `version` is the one the client last read: a stale one is refused with 409, never silently overwritten. */
export const updateMeRequestSchema = z.strictObject({ displayName, version: z.number().int().positive() });
export type UpdateMeRequest = z.infer<typeof updateMeRequestSchema>;

export const tokenPairSchema = z.object({
  tokenType: z.literal('Bearer'),
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  /** Opaque; rotates on every refresh. Presenting a used one revokes the whole login. */
  refreshToken: z.string(),
});
export type TokenPair = z.infer<typeof tokenPairSchema>;

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  createdAt: z.string(),
  version: z.number().int(),
});
export type User = z.infer<typeof userSchema>;

export const sessionResponseSchema = z.object({ user: userSchema, tokens: tokenPairSchema });
export type SessionResponse = z.infer<typeof sessionResponseSchema>;
