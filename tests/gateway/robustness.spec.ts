import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import fc from 'fast-check';
import { BaseAgent, Client as Ssh2Client, type ParsedKey, utils } from 'ssh2';
import { GatewayHarness, type TestKey, type TestUser } from './harness';

/** Writes `bytes` to the SSH port and resolves when the server has closed the connection (or after `waitMs`). */
function poke(port: number, bytes: Buffer, waitMs = 1_500): Promise<{ received: Buffer; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let closed = false;
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closed = true;
      clearTimeout(timer);
      resolve({ received: Buffer.concat(chunks), closed });
    });
    socket.on('connect', () => socket.write(bytes));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ received: Buffer.concat(chunks), closed });
    }, waitMs);
  });
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};
const nameList = (names: string[]) => Buffer.concat([u32(Buffer.byteLength(names.join(','))), Buffer.from(names.join(','))]);
/** An unencrypted binary packet (RFC 4253 section 6) around `payload`. */
function packet(payload: Buffer): Buffer {
  const padding = 8 - ((payload.length + 5) % 8) + 4;
  return Buffer.concat([u32(payload.length + padding + 1), Buffer.from([padding]), payload, randomBytes(padding)]);
}
function kexInit(kex: string[]): Buffer {
  const lists = [kex, ['ssh-ed25519'], ['aes128-gcm@openssh.com'], ['aes128-gcm@openssh.com'], ['hmac-sha2-256-etm@openssh.com'], ['hmac-sha2-256-etm@openssh.com'], ['none'], ['none'], [], []];
  return packet(Buffer.concat([Buffer.from([20]), randomBytes(16), ...lists.map(nameList), Buffer.from([0]), u32(0)]));
}
const IDENT = Buffer.from('SSH-2.0-Fuzz_1.0\r\n');

/** An agent that holds a registered public key but signs with garbage. */
class LyingAgent extends BaseAgent {
  constructor(private readonly key: ParsedKey) {
    super();
  }
  getIdentities(cb: (err: Error | undefined, keys?: ParsedKey[]) => void): void {
    cb(undefined, [this.key]);
  }
  sign(_key: ParsedKey, _data: Buffer, _options: unknown, cb?: (err: Error | undefined, signature?: Buffer) => void): void {
    cb?.(undefined, randomBytes(64));
  }
}

describe('the SSH port under hostile input', () => {
  const h = new GatewayHarness();
  let user: TestUser;
  let key: TestKey;

  beforeAll(async () => {
    await h.start();
    user = await h.user('fuzz@example.com');
    key = await h.registeredKey(user);
  }, 60_000);
  afterAll(() => h.stop());

  const stillServes = async () => expect(await h.ssh(key.path, 'echo alive')).toMatchObject({ code: 0, stdout: 'alive\n' });

  it('survives random bytes, garbage after a valid identification, and malformed packets', async () => {
    const port = h.sshPort();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 4096 }).map((b) => Buffer.from(b)),
          fc.uint8Array({ minLength: 1, maxLength: 4096 }).map((b) => Buffer.concat([IDENT, Buffer.from(b)])),
          // A packet header announcing any length, with any body.
          fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.uint8Array({ maxLength: 512 })).map(([length, body]) => Buffer.concat([IDENT, u32(length), Buffer.from(body)])),
          // A well-formed KEXINIT offering strict key exchange and nonsense algorithms, then garbage.
          fc.tuple(fc.array(fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !s.includes(',')), { maxLength: 5 }), fc.uint8Array({ maxLength: 512 })).map(([names, tail]) =>
            Buffer.concat([IDENT, kexInit([...names, 'kex-strict-c-v00@openssh.com']), Buffer.from(tail)]),
          ),
        ),
        async (bytes) => {
          const { received } = await poke(port, bytes, 250);
          // Whatever came back is the server's banner and key exchange, never a crash.
          if (received.length) expect(received.subarray(0, 8).toString()).toBe('SSH-2.0-');
        },
      ),
      { numRuns: 50 },
    );
    await stillServes();
  });

  it('drops a client that does not offer strict key exchange (Terrapin) before the key exchange completes', async () => {
    const { closed } = await poke(h.sshPort(), Buffer.concat([IDENT, kexInit(['curve25519-sha256', 'ext-info-c'])]), 3_000);
    expect(closed).toBe(true);
    const metrics = await (await fetch(`${h.gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/gateway_connections_refused_total\{reason="no-strict-kex",service="gateway"\} [1-9]/);
    await stillServes();
  });

  it('never gives a session to a client that presents a registered key without a valid signature', async () => {
    const parsed = utils.parseKey(readFileSync(`${key.path}.pub`, 'utf8'));
    const publicKey = (Array.isArray(parsed) ? parsed[0] : parsed) as ParsedKey;
    const outcome = await new Promise<string>((resolve) => {
      const client = new Ssh2Client();
      client.on('ready', () => {
        client.end();
        resolve('ready');
      });
      client.on('error', (err) => resolve(err.message));
      client.connect({ host: '127.0.0.1', port: h.sshPort(), username: 'agent', agent: new LyingAgent(publicKey) });
    });
    expect(outcome).toBe('All configured authentication methods failed');
    await stillServes();
  });
});
