import { Controller, Get, Header, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiDoc } from '../http/api-doc.decorator';
import { Public } from '../http/public.decorator';
import { SkipRateLimit } from '../http/rate-limit';
import { Metrics } from './metrics';

// Scraped by Prometheus from inside the cluster; NetworkPolicies restrict who reaches it.
@Public()
@SkipRateLimit()
@Controller()
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get('metrics')
  @ApiDoc({ summary: 'Prometheus metrics of this process', response: null, responseContentType: 'text/plain' })
  @Header('cache-control', 'no-store')
  async scrape(@Res({ passthrough: true }) res: FastifyReply): Promise<string> {
    res.header('content-type', this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
