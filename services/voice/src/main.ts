// Must stay the first import: tracing starts before http, Nest, pg and ioredis load.
import { telemetry } from './instrument';
import { runService } from '@dawg/platform';
import { voiceService } from './definition';

runService(voiceService, telemetry).catch((err: unknown) => {
  process.stderr.write(`voice failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
