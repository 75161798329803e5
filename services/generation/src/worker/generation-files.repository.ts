import { Inject, Injectable } from '@nestjs/common';
import type { GenerationFileKind } from '@dawg/contracts';
import { OBJECT_STORAGE, type ObjectStorage } from '@dawg/storage';

const CONTENT_TYPES: Readonly<Record<GenerationFileKind, string>> = {
  midi: 'audio/midi',
  wav: 'audio/wav',
  text: 'text/plain; charset=utf-8',
  json: 'application/json',
};

/** Generated files in object storage. */
@Injectable()
export class GenerationFilesRepository {
  constructor(@Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage) {}

  /** Deterministic per job and name, so a retried or taken-over job overwrites its files instead of adding copies. */
  static keyOf(userId: string, jobId: string, name: string): string {
    return `generations/${userId}/${jobId}/${name}`;
  }

  async put(key: string, kind: GenerationFileKind, bytes: Uint8Array): Promise<number> {
    const { sizeBytes } = await this.storage.put(key, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { contentType: CONTENT_TYPES[kind] });
    return sizeBytes;
  }

  async get(key: string): Promise<Uint8Array> {
    const chunks: Buffer[] = [];
    for await (const chunk of (await this.storage.get(key)).body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
}
