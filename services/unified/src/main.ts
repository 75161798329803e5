// Must stay the first import: tracing starts before http, Nest, pg and ioredis load.
import { telemetry } from './instrument';
import { runService } from '@dawg/platform';
import { unifiedService } from './definition';

runService(unifiedService, telemetry).catch((err: unknown) => {
  process.stderr.write(`unified failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
