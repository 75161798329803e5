import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface S3TestServer {
  /** e.g. http://127.0.0.1:40123 */
  endpoint: string;
  bucket: string;
  /** Settings that point the s3 storage driver at this server. */
  env: {
    STORAGE_DRIVER: 's3';
    S3_BUCKET: string;
    S3_REGION: string;
    S3_ENDPOINT: string;
    S3_FORCE_PATH_STYLE: 'true';
    S3_ACCESS_KEY_ID: string;
    S3_SECRET_ACCESS_KEY: string;
  };
  close(): Promise<void>;
}

/**
 * A real S3-protocol server (s3rver) on 127.0.0.1, on a port the OS picks,
 * storing into a temp directory, with one empty bucket. It checks SigV4
 * signatures (headers and presigned query strings) with its fixed key pair.
 */
export async function startS3Server(): Promise<S3TestServer> {
  const directory = await mkdtemp(join(tmpdir(), 'dawg-s3-'));
  const bucket = `dawg-test-${randomBytes(4).toString('hex')}`;
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    env: {
      STORAGE_DRIVER: 's3',
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ENDPOINT: endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      // s3rver's built-in account.
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    },
    async close() {
      server.httpServer?.closeAllConnections();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
