import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Helpers shared by the fake vendor servers (fake-replicate, fake-suno, fake-openai); not exported from the package. */

/** The request body, parsed as JSON when it is JSON, else the text (undefined when empty). */
export function readJsonBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', reject);
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text) return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch {
        resolve(text);
      }
    });
  });
}

/** Resolves with the first recorded request matching `match`, checking again each time `waiters` are woken. */
export function waitForRequest<R>(requests: readonly R[], waiters: Set<() => void>, match: (req: R) => boolean, timeoutMs: number): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer);
      waiters.delete(check);
    };
    const check = () => {
      const found = requests.find(match);
      if (found === undefined) return;
      stop();
      resolve(found);
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no matching request arrived within ${timeoutMs} ms (got ${requests.length})`));
    }, timeoutMs);
    waiters.add(check);
    check();
  });
}

/** A random id in the alphabet vendors use for theirs (lower-case base32). */
export function vendorId(length: number): string {
  return Array.from(randomBytes(length), (b) => 'abcdefghijklmnopqrstuvwxyz234567'[b % 32]).join('');
}
