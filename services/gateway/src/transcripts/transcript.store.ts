import { Inject, Injectable } from '@nestjs/common';
import { OBJECT_STORAGE, type ObjectStorage, type PresignedRequest } from '@dawg/storage';

/** Session transcripts in object storage, under gateway/transcripts/<yyyy>/<mm>/<dd>/<session>.cast. */
@Injectable()
export class TranscriptStore {
  constructor(@Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage) {}

  get enabled(): boolean {
    return this.storage.driver !== 'none';
  }

  async save(sessionId: string, startedAt: Date, cast: Buffer): Promise<string> {
    const day = startedAt.toISOString().slice(0, 10).replaceAll('-', '/');
    const key = `gateway/transcripts/${day}/${sessionId}.cast`;
    await this.storage.put(key, cast, { contentType: 'application/x-asciicast', contentLength: cast.length });
    return key;
  }

  presign(key: string): Promise<PresignedRequest> {
    return this.storage.presignGet(key, { expiresSeconds: 300, downloadName: key.split('/').pop() });
  }
}
