import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../http/public.decorator';
import { Metrics } from './metrics';

// Scraped by Prometheus from inside the cluster; NetworkPolicies restrict who reaches it.
@Public()
@Controller()
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get('metrics')
  @Header('cache-control', 'no-store')
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
