import { z } from 'zod';
import { envPart } from '@dawg/platform';

/** S3's rules for bucket names (3-63 lowercase letters, digits, dots, hyphens), so a typo fails at boot, not on the first upload. */
const bucketName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name: 3-63 lowercase letters, digits, dots or hyphens');

/** Object storage for uploaded audio and generated files. */
export const storageEnv = envPart(
  {
    STORAGE_DRIVER: z
      .enum(['none', 'fs', 's3'])
      .default('none')
      .describe('object storage driver: none (uploads answer 503), fs (a local directory) or s3 (AWS S3 or an S3-compatible store)'),
    STORAGE_FS_ROOT: z.string().optional().describe('directory for the fs storage driver (required when STORAGE_DRIVER=fs)'),
    STORAGE_SIGNING_SECRET: z
      .string()
      .min(32)
      .optional()
      .describe(
        'a random string of at least 32 characters that signs fs upload and download URLs (required when STORAGE_DRIVER=fs in production; otherwise a per-process one is made, and URLs die with the process)',
      ),
    PUBLIC_BASE_URL: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('the origin clients reach this service at, e.g. https://dawg.example.com; makes fs presigned URLs absolute (relative when unset)'),
    S3_BUCKET: bucketName.optional().describe('the S3 bucket objects go to (required when STORAGE_DRIVER=s3)'),
    S3_REGION: z.string().min(1).default('us-east-1').describe('the S3 region'),
    S3_ENDPOINT: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('an S3-compatible endpoint, e.g. http://minio:9000 (AWS S3 when unset)'),
    S3_FORCE_PATH_STYLE: z
      .stringbool()
      .default(false)
      .describe('true to address buckets as endpoint/bucket/key instead of bucket.endpoint/key (most S3-compatible stores need it)'),
    S3_ACCESS_KEY_ID: z.string().min(1).optional().describe("an S3 access key id (the SDK's default credential chain when unset: IRSA, instance role, AWS_* variables)"),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional().describe('the secret for S3_ACCESS_KEY_ID'),
    UPLOAD_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .max(5 * 1024 ** 3)
      .default(52_428_800)
      .describe('the largest file, in bytes, a client may upload'),
  },
  (env, ctx) => {
    const missing = (variable: string, why: string) => ctx.addIssue({ code: 'custom', path: [variable], message: `is required ${why}` });
    if (env.STORAGE_DRIVER === 'fs') {
      if (!env.STORAGE_FS_ROOT) missing('STORAGE_FS_ROOT', 'when STORAGE_DRIVER=fs');
      // composeEnv runs every part's rules on the whole environment; NODE_ENV belongs to platformEnv.
      // A per-process secret would break every URL on restart and across replicas.
      if (!env.STORAGE_SIGNING_SECRET && (env as { NODE_ENV?: unknown }).NODE_ENV === 'production') {
        missing('STORAGE_SIGNING_SECRET', 'when STORAGE_DRIVER=fs and NODE_ENV=production');
      }
    }
    if (env.STORAGE_DRIVER === 's3' && !env.S3_BUCKET) missing('S3_BUCKET', 'when STORAGE_DRIVER=s3');
    if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
      missing(env.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID', 'when the other half of the S3 key pair is set');
    }
  },
);

export type StorageEnv = z.infer<z.ZodObject<typeof storageEnv.shape>>;
