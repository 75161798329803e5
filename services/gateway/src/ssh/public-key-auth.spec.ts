import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { acceptableKeyAlgorithm, sshFingerprint, verifyPublicKeySignature } from './public-key-auth';

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const string = (v: Buffer | string) => {
  const b = typeof v === 'string' ? Buffer.from(v) : v;
  return Buffer.concat([u32(b.length), b]);
};
const mpint = (v: Buffer) => string(v[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v);
const jwk = (key: KeyObject) => key.export({ format: 'jwk' });
const b64 = (s: string) => Buffer.from(s, 'base64url');

/** Key pairs as the gateway sees them: the wire blob, and signatures as ssh2 hands them over (header stripped; ECDSA as ASN.1 DER). */
function sshKey(kind: 'ed25519' | 'ecdsa' | 'rsa') {
  if (kind === 'ed25519') {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const blob = Buffer.concat([string('ssh-ed25519'), string(b64(jwk(publicKey).x!))]);
    return { algo: 'ssh-ed25519', blob, sign: (data: Buffer) => sign(null, data, privateKey) };
  }
  if (kind === 'ecdsa') {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { x, y } = jwk(publicKey);
    const blob = Buffer.concat([string('ecdsa-sha2-nistp256'), string('nistp256'), string(Buffer.concat([Buffer.from([4]), b64(x!), b64(y!)]))]);
    return {
      algo: 'ecdsa-sha2-nistp256',
      blob,
      sign: (data: Buffer) => sign('sha256', data, { key: privateKey, dsaEncoding: 'der' }),
    };
  }
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { n, e } = jwk(publicKey);
  const blob = Buffer.concat([string('ssh-rsa'), mpint(b64(e!)), mpint(b64(n!))]);
  return { algo: 'ssh-rsa', blob, sign: (data: Buffer, hash = 'sha256') => sign(hash, data, privateKey) };
}
const registered = (key: { algo: string; blob: Buffer }) => `${key.algo} ${key.blob.toString('base64')}`;

describe('public-key signature verification', () => {
  const blob = Buffer.concat([string(randomBytes(32)), Buffer.from('userauth request')]);

  it('verifies Ed25519, ECDSA and RSA (rsa-sha2-256 and -512) signatures over the session-bound blob', () => {
    for (const kind of ['ed25519', 'ecdsa', 'rsa'] as const) {
      const key = sshKey(kind);
      const hashAlgo = kind === 'rsa' ? 'sha256' : undefined;
      const presented = { algo: key.algo, keyData: key.blob, blob, signature: key.sign(blob), hashAlgo };
      expect([kind, verifyPublicKeySignature(registered(key), presented)]).toEqual([kind, { ok: true }]);
      // The same signature over other data (another session) does not verify.
      const other = Buffer.concat([string(randomBytes(32)), Buffer.from('userauth request')]);
      expect(verifyPublicKeySignature(registered(key), { ...presented, blob: other }).ok).toBe(false);
    }
    const rsa = sshKey('rsa');
    expect(verifyPublicKeySignature(registered(rsa), { algo: 'ssh-rsa', keyData: rsa.blob, blob, signature: rsa.sign(blob, 'sha512'), hashAlgo: 'sha512' })).toEqual({ ok: true });
  });

  it('refuses SHA-1 RSA signatures, a key other than the registered one, and garbage', () => {
    const rsa = sshKey('rsa');
    expect(verifyPublicKeySignature(registered(rsa), { algo: 'ssh-rsa', keyData: rsa.blob, blob, signature: rsa.sign(blob, 'sha1'), hashAlgo: undefined })).toMatchObject({ ok: false, reason: expect.stringContaining('SHA-1') });
    expect(acceptableKeyAlgorithm('ssh-dss', undefined).ok).toBe(false);
    const a = sshKey('ed25519');
    const b = sshKey('ed25519');
    expect(verifyPublicKeySignature(registered(a), { algo: a.algo, keyData: b.blob, blob, signature: b.sign(blob) })).toMatchObject({ ok: false, reason: 'the presented key is not the registered one' });
    expect(verifyPublicKeySignature(registered(a), { algo: a.algo, keyData: a.blob, blob, signature: randomBytes(64) })).toMatchObject({ ok: false, reason: 'the signature does not verify' });
    expect(verifyPublicKeySignature(registered(a), { algo: a.algo, keyData: a.blob, blob, signature: Buffer.alloc(0) }).ok).toBe(false);
  });

  it('fingerprints a key as ssh-keygen does', () => {
    const key = sshKey('ed25519');
    expect(sshFingerprint(key.blob)).toBe(`SHA256:${createHash('sha256').update(key.blob).digest('base64').replace(/=+$/, '')}`);
  });
});
