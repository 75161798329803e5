import { startS3Server, type S3TestServer } from '@dawg/testing';
import { S3Storage } from '../src';
import { objectStorageContract } from './object-storage.contract';

describe('S3Storage against a real S3-protocol server (s3rver)', () => {
  let s3: S3TestServer;
  let storage: S3Storage;
  const warnings: string[] = [];

  beforeAll(async () => {
    s3 = await startS3Server();
    storage = new S3Storage({
      bucket: s3.bucket,
      region: s3.env.S3_REGION,
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: s3.env.S3_ACCESS_KEY_ID, secretAccessKey: s3.env.S3_SECRET_ACCESS_KEY },
      warn: (_context, message) => warnings.push(message),
    });
  });
  afterAll(async () => {
    storage?.close();
    await s3?.close();
  });

  objectStorageContract(() => ({ storage, absolute: (url) => url }), { verifiesSignatures: false });

  it('is not ready when the bucket does not exist', async () => {
    const elsewhere = new S3Storage({ bucket: 'no-such-bucket', region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    try {
      await expect(elsewhere.check()).rejects.toThrow();
      // A missing bucket is a misconfiguration, not a missing object.
      await expect(elsewhere.get('audio/x')).rejects.not.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      elsewhere.close();
    }
  });
});
