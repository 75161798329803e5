import { startTelemetry } from '@dawg/platform/telemetry';

/** Started on import, before any other module of the process is loaded. */
export const telemetry = startTelemetry('generation');
