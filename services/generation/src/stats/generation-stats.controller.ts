import { Controller, Get } from '@nestjs/common';
import { Roles, Scopes } from '@dawg/auth';
import { ApiDoc } from '@dawg/platform';
import { type GenerationStats as GenerationStatsResponse, generationStatsSchema as generationStatsResponseSchema } from '@dawg/contracts';
import { GenerationStatsService } from './generation-stats.service';

// Operators only: the api's /ops/metrics reads it with the admin's own token.
@Roles('admin')
// Reached by operators' API keys directly, or through /execute with a short-lived token carrying the key's scopes.
@Scopes('ops:read', 'ops:execute')
@Controller('generation/stats')
export class GenerationStatsController {
  constructor(private readonly stats: GenerationStatsService) {}

  @Get()
  @ApiDoc({ summary: 'Generation jobs by status (admin)', response: generationStatsResponseSchema, errors: ['FORBIDDEN'] })
  get(): Promise<GenerationStatsResponse> {
    return this.stats.stats();
  }
}
