import { Controller, Get, Query } from '@nestjs/common';
import { Roles, Scopes } from '@dawg/auth';
import { ApiDoc, ZodValidationPipe } from '@dawg/platform';
import { type AiUsageStats as AiUsageStatsResponse, type AiUsageStatsQuery, aiUsageStatsQuerySchema, aiUsageStatsSchema as aiUsageStatsResponseSchema } from '@dawg/contracts';
import { AiUsageService } from './ai-usage.service';

// Operators only: the api's /ops/metrics reads it with the admin's own token.
@Roles('admin')
// Reached by operators' API keys directly, or through /execute with a short-lived token carrying the key's scopes.
@Scopes('ops:read', 'ops:execute')
@Controller('ai/usage')
export class AiUsageController {
  constructor(private readonly usage: AiUsageService) {}

  @Get('stats')
  @ApiDoc({ summary: 'LLM cost by provider per UTC day (admin)', response: aiUsageStatsResponseSchema, errors: ['VALIDATION_FAILED', 'FORBIDDEN'] })
  stats(@Query(new ZodValidationPipe(aiUsageStatsQuerySchema)) query: AiUsageStatsQuery): Promise<AiUsageStatsResponse> {
    return this.usage.stats(query.days);
  }
}
