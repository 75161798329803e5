import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import {
  audioFilePageSchema,
  audioFileSchema,
  audioUploadSchema,
  type CreateAudioUploadRequest,
  createAudioUploadRequestSchema,
  idParamsSchema,
  type ListAudioQuery,
  listAudioQuerySchema,
  presignedRequestSchema,
  uploadAudioFieldsSchema,
  waveformPeaksSchema,
} from '@dawg/contracts';
import { CurrentUser, type Principal, Scopes } from '@dawg/auth';
import { ApiDoc, RateLimit, ZodValidationPipe } from '@dawg/platform';
import { InvalidRangeError, originalContentType, parseRangeHeader, RawBody } from '@dawg/storage';
import { assertAudioHead, HEAD_BYTES } from './audio-analysis';
import { AudioService } from './audio.service';
import { readSingleFileUpload } from './multipart';

const READ = 'audio:read';
const WRITE = 'audio:write';
const IdParams = () => Param(new ZodValidationPipe(idParamsSchema));
const UPLOAD_ERRORS = ['VALIDATION_FAILED', 'BAD_REQUEST', 'NOT_FOUND', 'FORBIDDEN', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'PAYMENT_REQUIRED'] as const;

@Controller('audio')
export class AudioController {
  constructor(private readonly audio: AudioService) {}

  @Post()
  @RawBody()
  @Scopes(WRITE)
  @ApiDoc({
    summary: 'Upload an audio file (multipart/form-data, part "file"; optional field "projectId")',
    description: 'The type is decided from the bytes (WAV, MP3, FLAC, Ogg, WebM), never the name. Duration, sample rate, channels and waveform peaks are extracted.',
    response: audioFileSchema,
    errors: [...UPLOAD_ERRORS],
    body: { contentType: 'multipart/form-data', description: 'A part named "file" with the audio; optionally a text field "projectId".' },
  })
  async upload(@CurrentUser() user: Principal, @Req() req: FastifyRequest) {
    const { fileName, bytes, fields } = await readSingleFileUpload(req.body as Readable | undefined, originalContentType(req), {
      maxBytes: this.audio.maxUploadBytes,
      inspectHead: { headBytes: HEAD_BYTES, inspect: assertAudioHead },
    });
    const { projectId } = new ZodValidationPipe(uploadAudioFieldsSchema).transform(fields);
    return this.audio.upload(user.id, { fileName, bytes, projectId });
  }

  @Post('uploads')
  @Scopes(WRITE)
  @ApiDoc({ summary: 'Get a presigned URL to upload a file straight to storage; then POST /audio/:id/complete', response: audioUploadSchema, errors: [...UPLOAD_ERRORS] })
  createUpload(@CurrentUser() user: Principal, @Body(new ZodValidationPipe(createAudioUploadRequestSchema)) body: CreateAudioUploadRequest) {
    return this.audio.createUpload(user.id, body);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Scopes(WRITE)
  @ApiDoc({ summary: 'Check and analyse a file uploaded through its presigned URL (refused files are deleted)', response: audioFileSchema, errors: [...UPLOAD_ERRORS, 'CONFLICT'] })
  complete(@CurrentUser() user: Principal, @IdParams() params: { id: string }) {
    return this.audio.complete(user.id, params.id);
  }

  @Get()
  @Scopes(READ)
  @ApiDoc({ summary: 'My audio library, or a project’s audio', response: audioFilePageSchema, errors: ['VALIDATION_FAILED'] })
  list(@CurrentUser() user: Principal, @Query(new ZodValidationPipe(listAudioQuerySchema)) query: ListAudioQuery) {
    return this.audio.list(user.id, query);
  }

  @Get(':id')
  @Scopes(READ)
  @ApiDoc({ summary: 'An audio file’s metadata', response: audioFileSchema, errors: ['VALIDATION_FAILED', 'NOT_FOUND'] })
  get(@CurrentUser() user: Principal, @IdParams() params: { id: string }) {
    return this.audio.get(user.id, params.id);
  }

  @Get(':id/peaks')
  @Scopes(READ)
  @ApiDoc({ summary: 'Waveform peaks for drawing', response: waveformPeaksSchema, errors: ['VALIDATION_FAILED', 'NOT_FOUND'] })
  peaks(@CurrentUser() user: Principal, @IdParams() params: { id: string }) {
    return this.audio.peaks(user.id, params.id);
  }

  @Get(':id/content')
  @Scopes(READ)
  @RateLimit('general')
  @ApiDoc({
    summary: 'Stream the file; honours a single HTTP Range (206, Content-Range)',
    response: null,
    responseContentType: 'audio/*',
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'RANGE_NOT_SATISFIABLE'],
  })
  async content(@CurrentUser() user: Principal, @IdParams() params: { id: string }, @Headers('range') range: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    try {
      const { file, object } = await this.audio.content(user.id, params.id, (size) => parseRangeHeader(range, size));
      void reply.header('accept-ranges', 'bytes').header('content-type', object.contentType).header('content-length', object.contentLength);
      void reply.header('cache-control', 'private, max-age=3600');
      void reply.header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
      if (object.range) void reply.status(206).header('content-range', `bytes ${object.range.start}-${object.range.end}/${object.sizeBytes}`);
      await reply.send(object.body);
    } catch (err) {
      if (err instanceof InvalidRangeError) void reply.header('content-range', `bytes */${err.sizeBytes}`);
      throw err;
    }
  }

  @Get(':id/download-url')
  @Scopes(READ)
  @ApiDoc({ summary: 'A presigned URL to download the file from storage (15 minutes)', response: presignedRequestSchema, errors: ['VALIDATION_FAILED', 'NOT_FOUND'] })
  downloadUrl(@CurrentUser() user: Principal, @IdParams() params: { id: string }) {
    return this.audio.downloadUrl(user.id, params.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Scopes(WRITE)
  @ApiDoc({ summary: 'Delete a file and its stored bytes (refused while a clip uses it)', response: null, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT'] })
  async remove(@CurrentUser() user: Principal, @IdParams() params: { id: string }): Promise<void> {
    await this.audio.remove(user.id, params.id);
  }
}
