/**
 * The signal handed to a vendor SDK for one streamed turn: it aborts when the
 * caller cancels, or when the vendor stays silent for `idleMs` (before the
 * response starts, or between two streamed events). SDKs end a stream quietly
 * or throw an abort error either way; `timedOut` and `cancelled` tell the two
 * apart afterwards.
 *
 * An idle limit rather than a total one: a long answer that keeps streaming is
 * healthy, a vendor that stops mid-answer is not.
 */
export class StreamWatchdog {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly onCallerAbort = () => this.controller.abort(this.caller?.reason);
  private expired = false;

  constructor(
    private readonly caller: AbortSignal | undefined,
    readonly idleMs: number,
  ) {
    this.timer = setTimeout(() => {
      this.expired = true;
      this.controller.abort(new Error(`no response within ${idleMs} ms`));
    }, idleMs);
    if (caller?.aborted) this.controller.abort(caller.reason);
    else caller?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The caller cancelled (and the vendor had not timed out first). */
  get cancelled(): boolean {
    return !this.expired && (this.caller?.aborted ?? false);
  }

  get timedOut(): boolean {
    return this.expired;
  }

  /** The vendor said something: restart the idle clock. */
  touch(): void {
    if (!this.controller.signal.aborted) this.timer.refresh();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onCallerAbort);
  }
}
