import type { Server, ServerResponse } from 'node:http';

/**
 * Tracks requests in flight and the draining state, so SIGTERM can stop
 * taking work, let what is running finish, and only then close resources.
 */
export class ServiceLifecycle {
  private inFlight = 0;
  private isDraining = false;
  private idleWaiters: Array<() => void> = [];
  private drainHooks: Array<() => Promise<void> | void> = [];

  get draining(): boolean {
    return this.isDraining;
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  /**
   * Runs `hook` when draining starts, right after the server stops accepting:
   * long-lived connections (Socket.IO clients) are told to go to another
   * replica while HTTP requests finish.
   */
  onDrain(hook: () => Promise<void> | void): void {
    this.drainHooks.push(hook);
  }

  /** Counts a response as in flight until it is finished or aborted. */
  track(res: ServerResponse): void {
    this.inFlight++;
    // Keep-alive clients are told to reconnect elsewhere once we drain.
    if (this.draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      this.inFlight--;
      if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((wake) => wake());
    });
  }

  /**
   * Stops accepting connections and waits up to `graceMs` for in-flight
   * requests; whatever is still open after that is cut. Resolves with the
   * number of requests that had to be cut.
   */
  async drain(server: Server, graceMs: number): Promise<number> {
    this.isDraining = true;
    server.close();
    server.closeIdleConnections();
    await Promise.allSettled(this.drainHooks.map(async (hook) => hook()));
    if (this.inFlight > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => this.idleWaiters.push(resolve)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs))),
      ]);
      clearTimeout(timer);
    }
    const cut = this.inFlight;
    server.closeAllConnections();
    return cut;
  }
}
