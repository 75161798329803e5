import { z } from 'zod';
import { envPart } from '@dawg/platform';
import { readFileSync } from 'node:fs';
import { loadPrivateKey, loadPublicKey } from './keys';

const pem = (kind: string) =>
  z.string().describe(`an ${kind} key in PEM (Ed25519 or RSA); "\\n" escapes are accepted in place of newlines`);

/** What every service needs to verify access tokens: only the public key. */
export const authVerifyEnv = envPart(
  {
    JWT_PUBLIC_KEY: pem('SPKI public').optional(),
    JWT_PUBLIC_KEY_FILE: z.string().optional().describe('a path to the public key PEM (instead of JWT_PUBLIC_KEY)'),
    JWT_ISSUER: z.string().default('dawg-ai').describe('the iss claim tokens must carry'),
    JWT_AUDIENCE: z.string().default('dawg-ai').describe('the aud claim tokens must carry'),
  },
  (env, ctx) => {
    if (!env.JWT_PUBLIC_KEY && !env.JWT_PUBLIC_KEY_FILE) {
      ctx.addIssue({ code: 'custom', path: ['JWT_PUBLIC_KEY'], message: 'is required (or set JWT_PUBLIC_KEY_FILE)' });
      return;
    }
    try {
      // Node derives a public key from a private PEM too; refuse it, or verifying services would hold the signing key.
      if (loadPublicKey(env.JWT_PUBLIC_KEY, env.JWT_PUBLIC_KEY_FILE) && publicPem(env).includes('PRIVATE KEY')) {
        ctx.addIssue({ code: 'custom', path: [env.JWT_PUBLIC_KEY ? 'JWT_PUBLIC_KEY' : 'JWT_PUBLIC_KEY_FILE'], message: 'holds a private key; give verifying services the public key only' });
      }
    } catch (err) {
      const path = env.JWT_PUBLIC_KEY ? 'JWT_PUBLIC_KEY' : 'JWT_PUBLIC_KEY_FILE';
      ctx.addIssue({ code: 'custom', path: [path], message: `is not a readable public key (${(err as Error).message})` });
    }
  },
);

/** Only the api service signs tokens and holds the private key. */
export const authSignEnv = envPart(
  {
    JWT_PRIVATE_KEY: pem('PKCS#8 private').optional(),
    JWT_PRIVATE_KEY_FILE: z.string().optional().describe('a path to the private key PEM (instead of JWT_PRIVATE_KEY)'),
    JWT_ACCESS_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900).describe('access-token lifetime in seconds'),
  },
  (env, ctx) => {
    if (!env.JWT_PRIVATE_KEY && !env.JWT_PRIVATE_KEY_FILE) {
      ctx.addIssue({ code: 'custom', path: ['JWT_PRIVATE_KEY'], message: 'is required (or set JWT_PRIVATE_KEY_FILE)' });
      return;
    }
    try {
      loadPrivateKey(env.JWT_PRIVATE_KEY, env.JWT_PRIVATE_KEY_FILE);
    } catch (err) {
      const path = env.JWT_PRIVATE_KEY ? 'JWT_PRIVATE_KEY' : 'JWT_PRIVATE_KEY_FILE';
      ctx.addIssue({ code: 'custom', path: [path], message: `is not a readable private key (${(err as Error).message})` });
    }
  },
);

export type AuthVerifyEnv = z.infer<z.ZodObject<typeof authVerifyEnv.shape>>;
export type AuthSignEnv = z.infer<z.ZodObject<typeof authSignEnv.shape>>;

function publicPem(env: { JWT_PUBLIC_KEY?: string; JWT_PUBLIC_KEY_FILE?: string }): string {
  return env.JWT_PUBLIC_KEY ?? (env.JWT_PUBLIC_KEY_FILE ? readFileSync(env.JWT_PUBLIC_KEY_FILE, 'utf8') : '');
}
