/** An api error answer ({"error":{"code","message","details","requestId"}}), thrown by the client helpers. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** A write carried a stale version: someone else changed the object first. */
  get isConflict(): boolean {
    return this.status === 409;
  }

  static async from(response: Response, body?: unknown): Promise<ApiError> {
    let parsed = body;
    if (parsed === undefined) parsed = await response.json().catch(() => undefined);
    const error = (parsed as { error?: { code?: string; message?: string; details?: Record<string, unknown>; requestId?: string } } | undefined)?.error;
    const retryAfter = response.headers.get('retry-after');
    const message =
      response.status === 429
        ? `Too many requests: try again in ${retryAfter ?? 'a few'} seconds.`
        : (error?.message ?? `The server answered ${response.status} ${response.statusText}`.trim());
    return new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, message, error?.details, error?.requestId);
  }
}

/** Words for a person, from any thrown value. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    const issues = (err.details?.issues as Array<{ path: string; message: string }> | undefined) ?? [];
    return issues.length ? `${err.message} (${issues.map((i) => `${i.path}: ${i.message}`).join('; ')})` : err.message;
  }
  if (err instanceof TypeError) return 'The server cannot be reached. Check your connection.';
  return err instanceof Error ? err.message : String(err);
}
