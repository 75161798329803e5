import { Controller, Get, Query } from '@nestjs/common';
import { type GenerationRecentJobPage, generationRecentJobPageSchema, type GenerationRecentJobsQuery, generationRecentJobsQuerySchema } from '@dawg/contracts';
import { Roles, Scopes } from '@dawg/auth';
import { ApiDoc, ZodValidationPipe } from '@dawg/platform';
import { GenerationJobsService } from './generation.service';

/** The generation queue's recent jobs of every state, for operators: what is waiting, running, done or failed, and whose it is. */
@Roles('admin')
@Controller('ops/generation/jobs')
export class GenerationRecentJobsController {
  constructor(private readonly generation: GenerationJobsService) {}

  @Get()
  @Scopes('ops:read')
  @ApiDoc({
    summary: 'Recent generation jobs of every state (or of one, by `status`), newest first, with owner, progress and last error (admin)',
    response: generationRecentJobPageSchema,
    errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'SERVICE_UNAVAILABLE'],
  })
  list(@Query(new ZodValidationPipe(generationRecentJobsQuerySchema)) query: GenerationRecentJobsQuery): Promise<GenerationRecentJobPage> {
    return this.generation.recentJobs(query);
  }
}
