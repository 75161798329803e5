// Must stay the first import: tracing starts before http, Nest, pg and ioredis load.
import { telemetry } from './instrument';
import { runService } from '@dawg/platform';
import { aiBrainService } from './definition';

runService(aiBrainService, telemetry).catch((err: unknown) => {
  process.stderr.write(`ai-brain failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
