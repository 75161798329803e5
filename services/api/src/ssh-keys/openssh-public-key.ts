import { createHash, createPublicKey } from 'node:crypto';
import { SSH_KEY_ALGORITHMS, type SshKeyAlgorithm } from '@dawg/contracts';

/** A public key read from one line of an OpenSSH public key file. */
export interface OpenSshPublicKey {
  algorithm: SshKeyAlgorithm;
  /** The wire-format key blob (RFC 4253 section 6.6). */
  blob: Buffer;
  /** `<algorithm> <base64>`, without the comment. */
  canonical: string;
  /** `SHA256:<base64, unpadded>` of the blob: what `ssh-keygen -l` prints. */
  fingerprint: string;
  comment: string;
}

export class InvalidPublicKeyError extends Error {}

const CURVES: Record<string, { crv: string; coordinateBytes: number }> = {
  'ecdsa-sha2-nistp256': { crv: 'P-256', coordinateBytes: 32 },
  'ecdsa-sha2-nistp384': { crv: 'P-384', coordinateBytes: 48 },
  'ecdsa-sha2-nistp521': { crv: 'P-521', coordinateBytes: 66 },
};
const MIN_RSA_BITS = 2048;
const MAX_RSA_BITS = 16384;

/**
 * Parses `ssh-ed25519 AAAA... comment` strictly: one of the key types the
 * gateway verifies, canonical base64, a blob whose inner type matches the
 * outer one and that ends where its fields end, and a key that is
 * mathematically valid (Node imports it: an ECDSA point must lie on its
 * curve). RSA needs at least 2048 bits. DSA, certificates, security-key
 * (sk-*) types and authorized_keys options are refused with the reason.
 */
export function parseOpenSshPublicKey(line: string): OpenSshPublicKey {
  const parts = line.trim().split(/\s+/);
  if (parts.length < 2) throw new InvalidPublicKeyError('expected "<type> <base64> [comment]", one line of a .pub file');
  const [type, encoded, ...comment] = parts as [string, string, ...string[]];
  if (!(SSH_KEY_ALGORITHMS as readonly string[]).includes(type)) {
    const why = type.includes('cert') ? 'certificates are not accepted' : type.startsWith('sk-') ? 'security-key (sk-*) keys are not supported' : type === 'ssh-dss' ? 'DSA keys are obsolete' : `"${type.slice(0, 40)}" is not a key type (authorized_keys options are not accepted)`;
    throw new InvalidPublicKeyError(`${why}; use ${SSH_KEY_ALGORITHMS.join(', ')}`);
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw new InvalidPublicKeyError('the key is not base64');
  const blob = Buffer.from(encoded, 'base64');
  if (blob.toString('base64') !== encoded) throw new InvalidPublicKeyError('the key is not canonical base64');
  const reader = new BlobReader(blob);
  if (reader.string().toString('latin1') !== type) throw new InvalidPublicKeyError(`the key blob is not a ${type} key`);
  const algorithm = type as SshKeyAlgorithm;
  try {
    importKey(algorithm, reader);
  } catch (err) {
    if (err instanceof InvalidPublicKeyError) throw err;
    throw new InvalidPublicKeyError(`the ${type} key is not valid`);
  }
  if (!reader.done()) throw new InvalidPublicKeyError('the key blob has trailing bytes');
  return {
    algorithm,
    blob,
    canonical: `${type} ${encoded}`,
    fingerprint: sshFingerprint(blob),
    comment: comment.join(' '),
  };
}

export function sshFingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

function importKey(algorithm: SshKeyAlgorithm, reader: BlobReader): void {
  if (algorithm === 'ssh-ed25519') {
    const key = reader.string();
    if (key.length !== 32) throw new InvalidPublicKeyError('an ed25519 key is 32 bytes');
    createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.toString('base64url') }, format: 'jwk' });
    return;
  }
  if (algorithm === 'ssh-rsa') {
    const e = unsigned(reader.string());
    const n = unsigned(reader.string());
    const bits = n.length * 8 - Math.clz32(n[0] ?? 0) + 24;
    if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) throw new InvalidPublicKeyError(`an RSA key needs ${MIN_RSA_BITS} to ${MAX_RSA_BITS} bits (this one has ${bits})`);
    if (e.length === 0 || (e[e.length - 1]! & 1) === 0) throw new InvalidPublicKeyError('the RSA exponent is not valid');
    createPublicKey({ key: { kty: 'RSA', n: n.toString('base64url'), e: e.toString('base64url') }, format: 'jwk' });
    return;
  }
  const curve = CURVES[algorithm]!;
  if (reader.string().toString('latin1') !== algorithm.slice('ecdsa-sha2-'.length)) throw new InvalidPublicKeyError('the curve does not match the key type');
  const point = reader.string();
  const size = curve.coordinateBytes;
  if (point.length !== 1 + 2 * size || point[0] !== 4) throw new InvalidPublicKeyError('the ECDSA point is not an uncompressed point of the curve');
  createPublicKey({
    key: { kty: 'EC', crv: curve.crv, x: point.subarray(1, 1 + size).toString('base64url'), y: point.subarray(1 + size).toString('base64url') },
    format: 'jwk',
  });
}

/** An mpint without its sign byte. */
function unsigned(mpint: Buffer): Buffer {
  let start = 0;
  while (start < mpint.length - 1 && mpint[start] === 0) start++;
  return mpint.subarray(start);
}

/** Reads SSH wire-format `string`s (uint32 length, bytes). */
class BlobReader {
  private offset = 0;
  constructor(private readonly blob: Buffer) {}

  string(): Buffer {
    if (this.offset + 4 > this.blob.length) throw new InvalidPublicKeyError('the key blob is truncated');
    const length = this.blob.readUInt32BE(this.offset);
    const start = this.offset + 4;
    if (start + length > this.blob.length) throw new InvalidPublicKeyError('the key blob is truncated');
    this.offset = start + length;
    return this.blob.subarray(start, start + length);
  }

  done(): boolean {
    return this.offset === this.blob.length;
  }
}
