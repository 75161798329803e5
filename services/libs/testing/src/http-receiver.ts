import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/**
 * A local HTTP endpoint standing in for a third-party service (Sentry, an
 * OTLP collector): it records what the real SDKs send, for tests to assert on.
 */
export class HttpReceiver {
  readonly requests: ReceivedRequest[] = [];
  private waiters: Array<() => void> = [];
  private readonly server: Server;

  private constructor(respond: (req: ReceivedRequest) => { status: number; body: string }) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let body = Buffer.concat(chunks);
        if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
        const received = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
        this.requests.push(received);
        const { status, body: out } = respond(received);
        res.writeHead(status, { 'content-type': 'application/json' }).end(out);
        this.waiters.splice(0).forEach((wake) => wake());
      });
    });
  }

  static async start(respond: (req: ReceivedRequest) => { status: number; body: string } = () => ({ status: 200, body: '{}' })): Promise<HttpReceiver> {
    const receiver = new HttpReceiver(respond);
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Resolves once a request satisfying `match` has arrived (checks earlier ones too). */
  async waitFor(match: (r: ReceivedRequest) => boolean, timeoutMs = 15_000): Promise<ReceivedRequest> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.requests.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching request arrived within ${timeoutMs} ms (got ${this.requests.length})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Sentry's envelope format: newline-separated JSON (envelope header, then item header and payload pairs). */
export function parseSentryEnvelope(body: Buffer): { header: Record<string, unknown>; items: Array<{ type: string; payload: unknown }> } {
  const lines = body.toString('utf8').split('\n').filter((l) => l.length > 0);
  const header = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
  const items: Array<{ type: string; payload: unknown }> = [];
  for (let i = 1; i + 1 < lines.length; i += 2) {
    const itemHeader = JSON.parse(lines[i]!) as { type: string };
    let payload: unknown = lines[i + 1];
    try {
      payload = JSON.parse(lines[i + 1]!);
    } catch {
      // attachments are not JSON
    }
    items.push({ type: itemHeader.type, payload });
  }
  return { header, items };
}
