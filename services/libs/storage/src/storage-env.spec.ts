import { composeEnv, ConfigValidationError, loadConfig, platformEnv } from '@dawg/platform';
import { storageEnv } from './storage-env';

const required = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db', REDIS_URL: 'redis://127.0.0.1:6379' };
const schema = composeEnv(platformEnv, storageEnv);

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(schema, { ...required, ...env });
  } catch (err) {
    if (err instanceof ConfigValidationError) return err.problems;
    throw err;
  }
  return [];
}

describe('storageEnv', () => {
  it('defaults to no storage, 50 MB uploads, us-east-1 and virtual-hosted addressing', () => {
    expect(loadConfig(schema, required)).toMatchObject({ STORAGE_DRIVER: 'none', UPLOAD_MAX_BYTES: 52_428_800, S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: false });
    expect(loadConfig(schema, { ...required, S3_FORCE_PATH_STYLE: 'true' }).S3_FORCE_PATH_STYLE).toBe(true);
    expect(loadConfig(schema, { ...required, S3_FORCE_PATH_STYLE: 'false' }).S3_FORCE_PATH_STYLE).toBe(false);
  });

  it('names what each driver still needs, even beside other invalid variables', () => {
    expect(problemsOf({ STORAGE_DRIVER: 'fs', PORT: '-1' }).map((p) => p.split(':')[0]).sort()).toEqual(['PORT', 'STORAGE_FS_ROOT']);
    expect(problemsOf({ STORAGE_DRIVER: 's3' })).toEqual([expect.stringMatching(/^S3_BUCKET: is required when STORAGE_DRIVER=s3/)]);
    expect(problemsOf({ STORAGE_DRIVER: 's3', S3_BUCKET: 'Not_A_Bucket' })[0]).toMatch(/^S3_BUCKET: must be an S3 bucket name/);
    expect(problemsOf({ STORAGE_DRIVER: 's3', S3_BUCKET: 'dawg-audio', S3_ACCESS_KEY_ID: 'AKIA' })[0]).toMatch(/^S3_SECRET_ACCESS_KEY: is required/);
    expect(problemsOf({ STORAGE_DRIVER: 's3', S3_BUCKET: 'dawg-audio' })).toEqual([]);
  });

  it('requires a signing secret for fs URLs in production only, and never echoes it', () => {
    expect(problemsOf({ STORAGE_DRIVER: 'fs', STORAGE_FS_ROOT: '/data' })).toEqual([]);
    expect(problemsOf({ NODE_ENV: 'production', STORAGE_DRIVER: 'fs', STORAGE_FS_ROOT: '/data' })[0]).toMatch(/^STORAGE_SIGNING_SECRET: is required when STORAGE_DRIVER=fs and NODE_ENV=production/);
    const short = problemsOf({ STORAGE_DRIVER: 'fs', STORAGE_FS_ROOT: '/data', STORAGE_SIGNING_SECRET: 'hunter2' });
    expect(short[0]).toMatch(/^STORAGE_SIGNING_SECRET: .*<redacted>/);
    expect(short.join('\n')).not.toContain('hunter2');
  });
});
