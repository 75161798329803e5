import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { limitedChunks } from '../byte-stream';
import { attachment } from '../content-disposition';
import { InvalidRangeError, ObjectNotFoundError, ObjectTooLargeError } from '../errors';
import { validateContentType, validateExpiresSeconds, validateObjectKey, validateObjectPrefix } from '../object-key';
import type {
  ByteRange,
  ObjectInfo,
  ObjectStorage,
  PresignedRequest,
  PresignGetOptions,
  PresignPutOptions,
  PutOptions,
  StoredObject,
} from '../object-storage';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  /** Omit to use the SDK's default credential chain (IRSA, instance role, AWS_* variables). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Bytes buffered per multipart part; S3 needs at least 5 MiB for every part but the last. */
  partSizeBytes?: number;
  /** Told about leftovers it could not clean up (an abort the store refused). */
  warn?: (context: Record<string, unknown>, message: string) => void;
}

const MIN_PART_BYTES = 5 * 1024 * 1024;
const DEFAULT_PART_BYTES = 8 * 1024 * 1024;

/**
 * AWS S3 or any S3-compatible store (MinIO, R2, Ceph; set endpoint and
 * forcePathStyle). Uploads are streamed in parts: a body that fits in one
 * part (8 MiB) is a single PutObject; a larger one becomes a multipart
 * upload, buffering one part at a time, and is aborted, never completed,
 * when it runs past `maxBytes` or fails, so no object appears. (Parts of an
 * upload the store refuses to abort are invisible and billed until a bucket
 * lifecycle rule, AbortIncompleteMultipartUpload, removes them; set one.)
 */
export class S3Storage implements ObjectStorage {
  readonly driver = 's3';
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly partSize: number;

  constructor(private readonly options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.partSize = options.partSizeBytes ?? DEFAULT_PART_BYTES;
    if (this.partSize < MIN_PART_BYTES) throw new RangeError(`partSizeBytes must be at least ${MIN_PART_BYTES}`);
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: options.credentials,
      // Checksums only where S3 demands them: the newer default (CRC32 on every
      // request, signed into presigned PUT URLs) is refused by many S3-compatible
      // stores and breaks presigned uploads from browsers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: Buffer | Readable, options: PutOptions): Promise<{ sizeBytes: number }> {
    validateObjectKey(key);
    const contentType = validateContentType(options.contentType);
    const chunks = limitedChunks(body, options);
    const first = await this.fill(chunks);
    if (first.done) {
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: first.part, ContentType: contentType, ContentLength: first.part.length }));
      return { sizeBytes: first.part.length };
    }
    return this.putMultipart(key, contentType, first.part, chunks);
  }

  private async putMultipart(key: string, contentType: string, firstPart: Buffer, chunks: AsyncGenerator<Buffer>): Promise<{ sizeBytes: number }> {
    const { UploadId } = await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key, ContentType: contentType }));
    const parts: Array<{ ETag: string | undefined; PartNumber: number }> = [];
    let sizeBytes = 0;
    try {
      let next: { part: Buffer; done: boolean } = { part: firstPart, done: false };
      for (;;) {
        const PartNumber = parts.length + 1;
        const { ETag } = await this.client.send(new UploadPartCommand({ Bucket: this.bucket, Key: key, UploadId, PartNumber, Body: next.part, ContentLength: next.part.length }));
        parts.push({ ETag, PartNumber });
        sizeBytes += next.part.length;
        if (next.done) break;
        next = await this.fill(chunks);
        if (next.part.length === 0) break;
      }
      await this.client.send(new CompleteMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId, MultipartUpload: { Parts: parts } }));
      return { sizeBytes };
    } catch (err) {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId })).catch((abortErr: unknown) => {
        this.options.warn?.({ err: abortErr, key, uploadId: UploadId }, 'could not abort a failed multipart upload; its parts stay until a lifecycle rule removes them');
      });
      throw err;
    }
  }

  /** Reads up to one part from the body; `done` when the body ended within it. */
  private async fill(chunks: AsyncGenerator<Buffer>): Promise<{ part: Buffer; done: boolean }> {
    const buffers: Buffer[] = [];
    let length = 0;
    while (length < this.partSize) {
      const next = await chunks.next();
      if (next.done) return { part: Buffer.concat(buffers, length), done: true };
      buffers.push(next.value);
      length += next.value.length;
    }
    // A part of exactly partSize may be the last; the next fill then comes back empty.
    return { part: Buffer.concat(buffers, length), done: false };
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject> {
    validateObjectKey(key);
    if (range && !(Number.isSafeInteger(range.start) && range.start >= 0 && (range.end === undefined || (Number.isSafeInteger(range.end) && range.end >= range.start)))) {
      // S3 ignores a malformed Range header and returns the whole object; we say what was wrong instead.
      const { sizeBytes } = await this.head(key);
      throw new InvalidRangeError(sizeBytes);
    }
    try {
      const res = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end ?? ''}` : undefined }),
      );
      const body = res.Body as Readable;
      const contentLength = Number(res.ContentLength ?? 0);
      const base = { body, contentLength, contentType: res.ContentType ?? 'application/octet-stream', lastModified: res.LastModified ?? new Date(0) };
      const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(res.ContentRange ?? '');
      if (range && match) return { ...base, sizeBytes: Number(match[3]), range: { start: Number(match[1]), end: Number(match[2]) } };
      return { ...base, sizeBytes: contentLength };
    } catch (err) {
      if (isS3Error(err, 416, 'InvalidRange')) throw new InvalidRangeError((await this.head(key)).sizeBytes);
      throw isS3Error(err, 404, 'NoSuchKey') ? new ObjectNotFoundError(key) : err;
    }
  }

  async head(key: string): Promise<ObjectInfo> {
    validateObjectKey(key);
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { sizeBytes: Number(res.ContentLength ?? 0), contentType: res.ContentType ?? 'application/octet-stream', lastModified: res.LastModified ?? new Date(0) };
    } catch (err) {
      throw isS3Error(err, 404, 'NotFound', 'NoSuchKey') ? new ObjectNotFoundError(key) : err;
    }
  }

  async delete(key: string): Promise<void> {
    validateObjectKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async deletePrefix(prefix: string): Promise<void> {
    validateObjectPrefix(prefix);
    let ContinuationToken: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken, MaxKeys: 1000 }));
      const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
      if (keys.length > 0) {
        const res = await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys, Quiet: true } }));
        const failed = res.Errors ?? [];
        if (failed.length > 0) throw new Error(`could not delete ${failed.length} objects under ${prefix}: ${failed[0]?.Code ?? ''} ${failed[0]?.Message ?? ''}`);
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }

  async presignPut(key: string, options: PresignPutOptions): Promise<PresignedRequest> {
    validateObjectKey(key);
    const contentType = validateContentType(options.contentType);
    if (options.contentLength !== undefined && options.contentLength > options.maxBytes) throw new ObjectTooLargeError(options.maxBytes);
    const expiresIn = validateExpiresSeconds(options.expiresSeconds);
    // Content-Type (and Content-Length when known) are signed: S3 refuses an upload that differs.
    const command = new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentType: contentType, ContentLength: options.contentLength });
    const url = await getSignedUrl(this.client, command, { expiresIn, signableHeaders: new Set(['content-type', 'content-length']) });
    return { url, method: 'PUT', headers: { 'content-type': contentType }, expiresAt: expiry(expiresIn) };
  }

  async presignGet(key: string, options: PresignGetOptions): Promise<PresignedRequest> {
    validateObjectKey(key);
    const expiresIn = validateExpiresSeconds(options.expiresSeconds);
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: options.downloadName === undefined ? undefined : attachment(options.downloadName),
    });
    return { url: await getSignedUrl(this.client, command, { expiresIn }), method: 'GET', headers: {}, expiresAt: expiry(expiresIn) };
  }

  async check(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  /** Closes the client's sockets. */
  close(): void {
    this.client.destroy();
  }
}

function expiry(seconds: number): string {
  return new Date(Date.now() + seconds * 1000).toISOString();
}

/** By name, or by status for answers without a body (HEAD); a missing bucket is a misconfiguration, never a missing object. */
function isS3Error(err: unknown, status: number, ...names: string[]): boolean {
  if (!(err instanceof S3ServiceException) || err.name === 'NoSuchBucket') return false;
  return names.includes(err.name) || err.$metadata.httpStatusCode === status;
}
