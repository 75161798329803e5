import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { AudioFile, AudioUpload, CreateAudioUploadRequest, ListAudioQuery, PresignedRequest, WaveformPeaksBody } from '@dawg/contracts';
import { AudioFileEntity } from '@dawg/db';
import { AppError, ROOT_LOGGER } from '@dawg/platform';
import { type ByteRange, InvalidRangeError, OBJECT_STORAGE, type ObjectStorage, STORAGE_SETTINGS, type StorageSettings, type StoredObject } from '@dawg/storage';
import { EntitlementsService } from '../billing/entitlements.service';
import { ProjectAccess } from '../projects/project-access';
import { type AnalysedAudio, analyseAudio } from './audio-analysis';
import { AudioRepository } from './audio.repository';

const UPLOAD_URL_TTL_SECONDS = 15 * 60;
const DOWNLOAD_URL_TTL_SECONDS = 15 * 60;

/**
 * The audio library: uploads (through the api, or straight to storage with a
 * presigned URL), what they are (decided from their bytes), their waveform
 * peaks, downloads, and deletion. Quota is the plan's storageBytes.
 */
@Injectable()
export class AudioService {
  constructor(
    private readonly audio: AudioRepository,
    private readonly access: ProjectAccess,
    private readonly entitlements: EntitlementsService,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(STORAGE_SETTINGS) private readonly settings: StorageSettings,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  get maxUploadBytes(): number {
    return this.settings.uploadMaxBytes;
  }

  /** Stores a file received whole by the api (multipart upload). */
  async upload(userId: string, upload: { fileName: string; bytes: Buffer; projectId?: string }): Promise<AudioFile> {
    if (upload.projectId) await this.access.require(upload.projectId, userId, 'edit');
    const analysed = await analyseAudio(upload.bytes);
    // A cheap early refusal; the binding check is repeated under the lock below.
    await this.entitlements.assertWithin(userId, 'storageBytes', { used: await this.audio.storageUsed(userId), adding: upload.bytes.length });

    const id = randomUUID();
    const keys = objectKeys(userId, id);
    await this.storage.put(keys.audio, upload.bytes, { contentType: analysed.info.mimeType, maxBytes: this.maxUploadBytes });
    try {
      const peaksKey = await this.storePeaks(keys.peaks, analysed);
      return toAudioFile(
        await this.audio.transaction(async (em) => {
          const used = await this.audio.lockStorageUsed(em, userId);
          await this.entitlements.assertWithin(userId, 'storageBytes', { used, adding: upload.bytes.length });
          const row = em.create(AudioFileEntity, {
            id,
            ownerId: userId,
            projectId: upload.projectId ?? null,
            storageKey: keys.audio,
            peaksKey,
            fileName: upload.fileName.slice(0, 255),
            status: 'ready',
            sizeBytes: upload.bytes.length,
            ...describe(analysed),
          });
          return await em.save(row);
        }),
      );
    } catch (err) {
      await this.discardObjects(keys);
      throw err;
    }
  }

  /** Reserves a file and returns a URL the client PUTs the bytes to; then it calls `complete`. */
  async createUpload(userId: string, request: CreateAudioUploadRequest): Promise<AudioUpload> {
    if (request.sizeBytes > this.maxUploadBytes) throw tooLarge(this.maxUploadBytes);
    if (request.projectId) await this.access.require(request.projectId, userId, 'edit');
    const id = randomUUID();
    const keys = objectKeys(userId, id);
    const row = await this.audio.transaction(async (em) => {
      const used = await this.audio.lockStorageUsed(em, userId);
      await this.entitlements.assertWithin(userId, 'storageBytes', { used, adding: request.sizeBytes });
      return (await em.save(
        em.create(AudioFileEntity, { id, ownerId: userId, projectId: request.projectId ?? null, storageKey: keys.audio, fileName: request.fileName, status: 'pending', sizeBytes: request.sizeBytes }),
      )) as AudioFileEntity;
    });
    const upload = await this.storage.presignPut(keys.audio, {
      contentType: request.contentType,
      expiresSeconds: UPLOAD_URL_TTL_SECONDS,
      maxBytes: this.maxUploadBytes,
      contentLength: request.sizeBytes,
    });
    return { audioFile: toAudioFile(row), upload };
  }

  /** Checks what arrived at the presigned URL; anything that is not acceptable audio is deleted. */
  async complete(userId: string, id: string): Promise<AudioFile> {
    const row = await this.audio.findOwned(id, userId);
    if (!row) throw AppError.notFound('The audio file');
    if (row.status === 'ready') return toAudioFile(row);
    const head = await this.storage.head(row.storageKey).catch((err: unknown) => {
      if ((err as AppError).code === 'NOT_FOUND') throw new AppError('CONFLICT', 'Nothing has been uploaded to this file’s upload URL yet.');
      throw err;
    });
    const keys = objectKeys(userId, id);
    try {
      if (head.sizeBytes > this.maxUploadBytes) throw tooLarge(this.maxUploadBytes);
      const bytes = await readAll(await this.storage.get(row.storageKey));
      const analysed = await analyseAudio(bytes);
      const peaksKey = await this.storePeaks(keys.peaks, analysed);
      return toAudioFile(
        await this.audio.transaction(async (em) => {
          const used = (await this.audio.lockStorageUsed(em, userId)) - row.sizeBytes;
          await this.entitlements.assertWithin(userId, 'storageBytes', { used, adding: bytes.length });
          await em.update(AudioFileEntity, { id }, { status: 'ready', peaksKey, sizeBytes: bytes.length, ...describe(analysed) });
          return (await this.audio.findOwned(id, userId, em))!;
        }),
      );
    } catch (err) {
      // What arrived is unusable: drop the bytes and the reservation, so nothing unchecked stays behind.
      if (err instanceof AppError && err.status < 500) {
        await this.discardObjects(keys);
        await this.audio.transaction((em) => em.delete(AudioFileEntity, { id }));
      }
      throw err;
    }
  }

  async list(userId: string, query: ListAudioQuery) {
    const { rows, total } = await this.audio.list(userId, query.page, query.pageSize, query.projectId);
    return { items: rows.map(toAudioFile), page: query.page, pageSize: query.pageSize, total };
  }

  async get(userId: string, id: string): Promise<AudioFile> {
    return toAudioFile(await this.readable(userId, id));
  }

  async peaks(userId: string, id: string): Promise<WaveformPeaksBody> {
    const row = await this.readable(userId, id);
    if (!row.peaksKey) throw AppError.notFound('Waveform peaks for this file');
    return JSON.parse((await readAll(await this.storage.get(row.peaksKey))).toString('utf8')) as WaveformPeaksBody;
  }

  /** The bytes, whole or a range, for streaming to the client. */
  async content(userId: string, id: string, range: (sizeBytes: number) => ByteRange | null | undefined): Promise<{ file: AudioFileEntity; object: StoredObject }> {
    const file = await this.readable(userId, id);
    const wanted = range(file.sizeBytes);
    if (wanted === null) throw new InvalidRangeError(file.sizeBytes);
    return { file, object: await this.storage.get(file.storageKey, wanted) };
  }

  async downloadUrl(userId: string, id: string): Promise<PresignedRequest> {
    const file = await this.readable(userId, id);
    return this.storage.presignGet(file.storageKey, { expiresSeconds: DOWNLOAD_URL_TTL_SECONDS, downloadName: file.fileName });
  }

  /** Deletes the row and the stored objects. A file a clip still plays is refused (409). */
  async remove(userId: string, id: string): Promise<void> {
    const file = await this.audio.transaction(async (em) => {
      const row = await em.findOne(AudioFileEntity, { where: { id, ownerId: userId }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw AppError.notFound('The audio file');
      if (await this.audio.inUse(id, em)) throw new AppError('CONFLICT', 'A clip still uses this audio file; delete the clip first.');
      await em.delete(AudioFileEntity, { id });
      return row;
    });
    await this.discardObjects(objectKeys(file.ownerId, file.id));
  }

  private async readable(userId: string, id: string): Promise<AudioFileEntity> {
    const row = await this.audio.findReadable(id, userId);
    if (!row || row.status !== 'ready') throw AppError.notFound('The audio file');
    return row;
  }

  private async storePeaks(key: string, analysed: AnalysedAudio): Promise<string | null> {
    if (!analysed.peaks) return null;
    const { version, sampleRate, samplesPerPeak, channels, length, bits, data } = analysed.peaks;
    const body: WaveformPeaksBody = { version, sampleRate, samplesPerPeak, channels, length, bits, data: Array.from(data) };
    await this.storage.put(key, Buffer.from(JSON.stringify(body)), { contentType: 'application/json' });
    return key;
  }

  /** Best effort: a failure leaves an orphan object (logged), never a row without its bytes. */
  private async discardObjects(keys: { audio: string; peaks: string }): Promise<void> {
    for (const key of [keys.audio, keys.peaks]) {
      await this.storage.delete(key).catch((err: unknown) => this.logger.error({ err, key }, 'could not delete an audio object; it is orphaned'));
    }
  }
}

function objectKeys(userId: string, id: string): { audio: string; peaks: string } {
  return { audio: `audio/${userId}/${id}`, peaks: `audio/${userId}/${id}.peaks.json` };
}

function describe({ info }: AnalysedAudio) {
  return { format: info.format, mimeType: info.mimeType, codec: info.codec, durationSeconds: info.durationSeconds, sampleRate: info.sampleRate, channels: info.channels };
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the upload limit of ${maxBytes} bytes.`, { maxBytes });
}

async function readAll(object: StoredObject): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of object.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function toAudioFile(a: AudioFileEntity): AudioFile {
  return {
    id: a.id,
    ownerId: a.ownerId,
    projectId: a.projectId,
    fileName: a.fileName,
    status: a.status,
    format: a.format as AudioFile['format'],
    mimeType: a.mimeType,
    codec: a.codec,
    sizeBytes: a.sizeBytes,
    durationSeconds: a.durationSeconds,
    sampleRate: a.sampleRate,
    channels: a.channels,
    hasPeaks: a.peaksKey !== null,
    createdAt: a.createdAt.toISOString(),
  };
}
