import { z } from 'zod';
import { idSchema } from './projects';

/** Audio formats accepted for upload, decided by the file's magic bytes, never its name. */
export const AUDIO_FORMATS = ['wav', 'mp3', 'flac', 'ogg', 'webm'] as const;
export type AudioFormatName = (typeof AUDIO_FORMATS)[number];

export const AUDIO_STATUSES = ['pending', 'ready'] as const;

export const audioFileSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  projectId: z.string().nullable(),
  fileName: z.string(),
  /** `pending`: a presigned upload was issued and has not been completed yet. */
  status: z.enum(AUDIO_STATUSES),
  format: z.enum(AUDIO_FORMATS).nullable(),
  mimeType: z.string().nullable(),
  codec: z.string().nullable(),
  sizeBytes: z.number().int(),
  durationSeconds: z.number().nullable(),
  sampleRate: z.number().int().nullable(),
  channels: z.number().int().nullable(),
  /** Whether waveform peaks are available at /audio/:id/peaks. */
  hasPeaks: z.boolean(),
  createdAt: z.string(),
});
export type AudioFile = z.infer<typeof audioFileSchema>;

export const listAudioQuerySchema = z.strictObject({
  projectId: idSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListAudioQuery = z.infer<typeof listAudioQuerySchema>;
export const audioFilePageSchema = z.object({ items: z.array(audioFileSchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });

/** Multipart upload: form fields besides the `file` part. */
export const uploadAudioFieldsSchema = z.strictObject({ projectId: idSchema.optional() });

const fileName = z.string().trim().min(1).max(255).regex(/^[^/\\\0]+$/, 'must be a file name, not a path');

/** Asks for a presigned URL to upload one file straight to object storage. */
export const createAudioUploadRequestSchema = z.strictObject({
  fileName,
  /** The size the client will send; checked against the upload limit and the storage quota now, and again on completion. */
  sizeBytes: z.number().int().positive(),
  /** The Content-Type the client will send with the upload (signed into the URL). The stored type is decided from the bytes. */
  contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a MIME type').max(100).default('application/octet-stream'),
  projectId: idSchema.optional(),
});
export type CreateAudioUploadRequest = z.infer<typeof createAudioUploadRequestSchema>;

export const presignedRequestSchema = z.object({
  url: z.string(),
  method: z.enum(['GET', 'PUT']),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.string(),
});
export type PresignedRequest = z.infer<typeof presignedRequestSchema>;

export const audioUploadSchema = z.object({ audioFile: audioFileSchema, upload: presignedRequestSchema });
export type AudioUpload = z.infer<typeof audioUploadSchema>;

/**
 * Waveform peaks for drawing: min/max pairs per bucket of `samplesPerPeak`
 * frames, channels mixed, scaled to signed integers of `bits` bits
 * (the layout of BBC audiowaveform's JSON).
 */
export const waveformPeaksSchema = z.object({
  version: z.number().int(),
  sampleRate: z.number().int(),
  samplesPerPeak: z.number().int(),
  channels: z.number().int(),
  length: z.number().int(),
  bits: z.number().int(),
  data: z.array(z.number().int()),
});
export type WaveformPeaksBody = z.infer<typeof waveformPeaksSchema>;
