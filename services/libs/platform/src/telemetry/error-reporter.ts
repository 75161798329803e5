import * as Sentry from '@sentry/node';
import type { ErrorEvent } from '@sentry/node';
import { activeTraceIds } from './trace-context';

export interface ErrorContext {
  requestId?: string;
  method?: string;
  route?: string;
  [key: string]: unknown;
}

const SECRET_KEY = /authorization|cookie|password|passwd|secret|token|api[-_]?key|session/i;

/** Reports unexpected errors to Sentry when SENTRY_DSN is set; a no-op otherwise. */
export class ErrorReporter {
  private constructor(readonly enabled: boolean) {}

  static disabled(): ErrorReporter {
    return new ErrorReporter(false);
  }

  static init(options: { dsn?: string; environment: string; release: string; service: string }): ErrorReporter {
    if (!options.dsn) return ErrorReporter.disabled();
    Sentry.init({
      dsn: options.dsn,
      environment: options.environment,
      release: options.release,
      serverName: options.service,
      // Tracing goes through our own OpenTelemetry SDK; Sentry only takes errors.
      enableOpenTelemetrySetup: false,
      enableRuntimeChannelInjection: false,
      tracesSampleRate: 0,
      defaultIntegrations: false,
      integrations: [Sentry.linkedErrorsIntegration(), Sentry.onUncaughtExceptionIntegration(), Sentry.onUnhandledRejectionIntegration()],
      beforeSend: (event) => scrubEvent(event),
      initialScope: { tags: { service: options.service } },
    });
    return new ErrorReporter(true);
  }

  report(err: unknown, context: ErrorContext = {}): void {
    if (!this.enabled) return;
    Sentry.withScope((scope) => {
      const { requestId, ...rest } = context;
      if (requestId) scope.setTag('request_id', requestId);
      const ids = activeTraceIds();
      if ('trace_id' in ids) scope.setTag('trace_id', ids.trace_id);
      scope.setContext('request', scrubRecord(rest));
      Sentry.captureException(err);
    });
  }

  async flush(timeoutMs = 2_000): Promise<void> {
    if (this.enabled) await Sentry.close(timeoutMs);
  }
}

function scrubRecord(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => [
      k,
      SECRET_KEY.test(k) ? '[redacted]' : v && typeof v === 'object' && !Array.isArray(v) ? scrubRecord(v as Record<string, unknown>) : v,
    ]),
  );
}

/** Last line of defence: nothing that looks like a credential leaves the process. */
export function scrubEvent(event: ErrorEvent): ErrorEvent {
  if (event.request) {
    if (event.request.headers) event.request.headers = scrubRecord(event.request.headers) as Record<string, string>;
    delete event.request.cookies;
    delete event.request.data;
  }
  if (event.extra) event.extra = scrubRecord(event.extra);
  if (event.contexts) event.contexts = scrubRecord(event.contexts) as ErrorEvent['contexts'];
  return event;
}
