import { trace, isSpanContextValid } from '@opentelemetry/api';

/** Trace and span ids of the active span, for log lines and error reports. */
export function activeTraceIds(): { trace_id: string; span_id: string } | Record<string, never> {
  const ctx = trace.getActiveSpan()?.spanContext();
  if (!ctx || !isSpanContextValid(ctx)) return {};
  return { trace_id: ctx.traceId, span_id: ctx.spanId };
}
