import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { utils } from 'ssh2';

export interface HostKey {
  /** The private key as ssh2 takes it. */
  privateKey: string;
  /** `SHA256:...`, for the log line operators compare with what clients are shown. */
  fingerprint: string;
  source: 'file' | 'generated' | 'ephemeral';
  path?: string;
}

/**
 * The persistent host key: read from `path` (a file mounted from a Secret,
 * in production), or generated there (Ed25519, mode 0600) on the first run
 * so clients see the same key on every restart. Without a path (tests) or
 * when the path cannot be written, a key for this process only.
 */
export function loadHostKey(path: string | undefined, fingerprintOf: (blob: Buffer) => string, warn: (message: string, path?: string) => void): HostKey {
  if (path && existsSync(path)) {
    const text = readFileSync(path, 'utf8');
    const parsed = utils.parseKey(text);
    const key = Array.isArray(parsed) ? parsed[0] : parsed;
    if (!key || key instanceof Error || !key.isPrivateKey()) throw new Error(`SSH_HOST_KEY_FILE ${path} does not hold a private key ssh2 can read (OpenSSH or PEM; Ed25519, ECDSA or RSA)`);
    return { privateKey: text, fingerprint: fingerprintOf(key.getPublicSSH()), source: 'file', path };
  }
  const generated = generateEd25519HostKey();
  const fingerprint = fingerprintOf(generated.publicBlob);
  if (path) {
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileSync(path, generated.private, { mode: 0o600, flag: 'wx' });
      chmodSync(path, 0o600);
      return { privateKey: generated.private, fingerprint, source: 'generated', path };
    } catch (err) {
      // Another replica may have written it a moment ago: use that one.
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadHostKey(path, fingerprintOf, warn);
      warn(`could not write the generated SSH host key (${(err as Error).message}); this process uses a key of its own, which changes on restart`, path);
    }
  }
  return { privateKey: generated.private, fingerprint, source: 'ephemeral' };
}

/**
 * A new Ed25519 key in OpenSSH's private key format (PROTOCOL.key), which is
 * what ssh2 reads for Ed25519. Made here rather than with ssh2's own
 * generator, which writes a 31-byte key whenever the public key starts with
 * a zero byte (about one key in 256) and then cannot read it back.
 */
export function generateEd25519HostKey(comment = 'dawg-gateway host key'): { private: string; publicBlob: Buffer } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
  const pub = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const string = (value: Buffer | string) => {
    const bytes = typeof value === 'string' ? Buffer.from(value) : value;
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return Buffer.concat([length, bytes]);
  };
  const uint32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const publicBlob = Buffer.concat([string('ssh-ed25519'), string(pub)]);
  const check = randomBytes(4).readUInt32BE(0);
  let secret = Buffer.concat([uint32(check), uint32(check), string('ssh-ed25519'), string(pub), string(Buffer.concat([seed, pub])), string(comment)]);
  const padding = Buffer.from(Array.from({ length: (8 - (secret.length % 8)) % 8 }, (_, i) => i + 1));
  secret = Buffer.concat([secret, padding]);
  const body = Buffer.concat([Buffer.from('openssh-key-v1\0'), string('none'), string('none'), string(''), uint32(1), string(publicBlob), string(secret)]);
  const lines = body.toString('base64').match(/.{1,70}/g)!;
  return { private: `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`, publicBlob };
}
