import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  type ArrangementRequest,
  type AutomixRequest,
  automixRequestSchema,
  arrangementRequestSchema,
  type BeatRequest,
  beatRequestSchema,
  type ChordsRequest,
  chordsRequestSchema,
  generationAcceptedSchema,
  generationFileParamsSchema,
  generationJobParamsSchema,
  generationStatusSchema,
  type LyricsRequest,
  lyricsRequestSchema,
  type MasterRequest,
  masterRequestSchema,
  type MelodyRequest,
  melodyRequestSchema,
  type MixRequest,
  mixRequestSchema,
  presignedRequestSchema,
  type StemsRequest,
  stemsRequestSchema,
} from '@dawg/contracts';
import { CurrentUser, type Principal, Scopes } from '@dawg/auth';
import { ApiDoc, type ApiDocOptions, AppError, RateLimit, ZodValidationPipe } from '@dawg/platform';
import { type GenerationRequestContext, GenerationJobsService } from './generation.service';

const WRITE = 'generation:write';
const JobParams = () => Param(new ZodValidationPipe(generationJobParamsSchema));
const accepted = (summary: string, errors: ApiDocOptions['errors'] = []): ApiDocOptions => ({
  summary,
  description:
    'Counts the render’s length in generation minutes against the plan (402 when over), queues it and answers at once; poll GET /generate/status/{jobId} or listen for generation:progress. ' +
    'With an Idempotency-Key header, a retry of the same request (e.g. after a dropped connection) answers the job the first one queued, charged once.',
  status: 202,
  response: generationAcceptedSchema,
  errors: ['VALIDATION_FAILED', 'PAYMENT_REQUIRED', 'SERVICE_UNAVAILABLE', ...errors],
});
const FROM_SOURCE_ERRORS: ApiDocOptions['errors'] = ['NOT_FOUND', 'CONFLICT'];
const IDEMPOTENCY_KEY = /^[\w.:-]{8,128}$/;

/** The request's id, and the caller's Idempotency-Key when it sent a usable one. */
function requestOf(req: FastifyRequest): GenerationRequestContext {
  const key = req.headers['idempotency-key'];
  if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))) {
    throw new AppError('VALIDATION_FAILED', 'Idempotency-Key must be 8 to 128 letters, digits, dots, colons, dashes or underscores.', {
      issues: [{ path: 'headers.idempotency-key', message: 'invalid' }],
    });
  }
  return { requestId: String(req.id), ...(key ? { idempotencyKey: key } : {}) };
}

@Controller('generate')
@Scopes(WRITE)
export class GenerationJobsController {
  constructor(private readonly generation: GenerationJobsService) {}

  @Post('beat')
  @HttpCode(202)
  @RateLimit('generation')
  @ApiDoc(accepted('Generate a beat (drums, bass, chords): MIDI and WAV'))
  beat(@CurrentUser() user: Principal, @Body(new ZodValidationPipe(beatRequestSchema)) body: BeatRequest, @Req() req: FastifyRequest) {
    return this.generation.request(user.id, 'beat', body, requestOf(req));
  }

  @Post('melody')
  @HttpCode(202)
  @RateLimit('generation')
  @ApiDoc(accepted('Generate a melody: MIDI and WAV'))
  melody(@CurrentUser() user: Principal, @Body(new ZodValidationPipe(melodyRequestSchema)) body: MelodyRequest, @Req() req: FastifyRequest) {
    return this.generation.request(user.id, 'melody', body, requestOf(req));
  }

  @Post('chords')
  @HttpCode(202)
  @RateLimit('generation')
  @ApiDoc(accepted('Generate a chord progression: MIDI and WAV'))
  chords(@CurrentUser() user: Principal, @Body(new ZodValidationPipe(chordsRequestSchema)) body: ChordsRequest, @Req() req: FastifyRequest) {
    return this.generation.request(user.id, 'chords', body, requestOf(req));
  }

  @Post('arrangement')
  @HttpCode(202)
  @RateLimit('generation')
  @ApiDoc(accepted('Generate a full arrangement (intro, verses, choruses, outro): MIDI and WAV'))
  arrangement(@CurrentUser() user: Principal, @Body(new ZodValidationPipe(arrangementRequestSchema)) body: ArrangementRequest, @Req() req: FastifyRequest) {
    return this.generation.request(user.id, 'arrangement', body, requestOf(req));
  }

  @Post('stems')
  @HttpCode(202)
  @RateLimit('generation')
  @ApiDoc(accepted('Render one WAV per track of an earlier beat, melody, chords or arrangement job', FROM_SOURCE_ERRORS))
  stems(@CurrentUser() user: Principal, @Body(new ZodValidationPipe(stemsRequestSchema)) body: StemsRequest, @Req() req: FastifyRequest) {
    return this.generation.request(user.id, 'stems', body, requestOf(req));
  }

  @Post('mix')
  @HttpCode(202)
  @RateLimit('generation')
  @ApiDoc(accepted('Mix the stems of an earlier job with per-stem gains', FROM_SOURCE_ERRORS))
  mix(@CurrentUser() user: Principal, @Body(new ZodValidationPipe(mixRequestSchema)) body: MixRequest, @Req() req: FastifyRequest) {
    return this.generation.request(user.id, 'mix', body, requestOf(req));
  }

  @Post('master')
  @HttpCode(202)
  @RateLimit('generation')
  @ApiDoc(accepted('Mix and master an earlier job to a loudness target and true-peak ceiling', FROM_SOURCE_ERRORS))
  master(@CurrentUser() user: Principal, @Body(new ZodValidationPipe(masterRequestSchema)) body: MasterRequest, @Req() req: FastifyRequest) {
    return this.generation.request(user.id, 'master', body, requestOf(req));
  }

  @Post('lyrics')
  @HttpCode(202)
  @RateLimit('generation')
  @ApiDoc(accepted('Write lyrics (verses, chorus with the title hook, bridge) for a mood and genre: text and JSON'))
  lyrics(@CurrentUser() user: Principal, @Body(new ZodValidationPipe(lyricsRequestSchema)) body: LyricsRequest, @Req() req: FastifyRequest) {
    return this.generation.request(user.id, 'lyrics', body, requestOf(req));
  }

  @Post('automix')
  @HttpCode(202)
  @RateLimit('generation')
  @ApiDoc(
    accepted('Auto-mix a project’s own audio tracks: per-track gain staged by loudness and pan spread, suggested for the client to apply, with a mastered preview WAV', [
      'NOT_FOUND',
      'FORBIDDEN',
      'CONFLICT',
    ]),
  )
  automix(@CurrentUser() user: Principal, @Body(new ZodValidationPipe(automixRequestSchema)) body: AutomixRequest, @Req() req: FastifyRequest) {
    return this.generation.request(user.id, 'automix', body, requestOf(req));
  }

  @Get('status/:jobId')
  @RateLimit('general')
  @ApiDoc({ summary: 'A generation job’s state, stage, percent and, once done, its files', response: generationStatusSchema, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'SERVICE_UNAVAILABLE'] })
  status(@CurrentUser() user: Principal, @JobParams() params: { jobId: string }) {
    return this.generation.status(user.id, params.jobId);
  }

  @Post(':jobId/cancel')
  @HttpCode(202)
  @RateLimit('general')
  @ApiDoc({
    summary: 'Cancel a generation job: a queued one is removed at once, a running one stops at its worker’s next check',
    status: 202,
    response: generationStatusSchema,
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT', 'SERVICE_UNAVAILABLE'],
  })
  cancel(@CurrentUser() user: Principal, @JobParams() params: { jobId: string }) {
    return this.generation.cancel(user.id, params.jobId);
  }

  @Get(':jobId/files/:name')
  @RateLimit('general')
  @ApiDoc({ summary: 'A presigned URL to download one file of a finished job (15 minutes)', response: presignedRequestSchema, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'SERVICE_UNAVAILABLE'] })
  file(@CurrentUser() user: Principal, @Param(new ZodValidationPipe(generationFileParamsSchema)) params: { jobId: string; name: string }) {
    return this.generation.downloadUrl(user.id, params.jobId, params.name);
  }
}
