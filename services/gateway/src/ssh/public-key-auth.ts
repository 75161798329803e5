import { createHash, timingSafeEqual } from 'node:crypto';
import { utils } from 'ssh2';

/**
 * Public-key signature verification, by our code: ssh2 only tells us that a
 * signature arrived. The signed data (`blob`) is what RFC 4252 section 7
 * says: the session id, then the userauth request up to the signature,
 * built by ssh2 from the session's own key exchange, so a signature made
 * for another session cannot be replayed here.
 */
export interface PresentedSignature {
  /** The key type as the client named it (ssh2 maps rsa-sha2-* back to ssh-rsa, with hashAlgo). */
  algo: string;
  /** The public key blob the client sent. */
  keyData: Buffer;
  signature: Buffer;
  blob: Buffer;
  /** sha256 / sha512 for rsa-sha2-256/512; undefined otherwise (for ssh-rsa that means SHA-1). */
  hashAlgo?: string;
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

const ALLOWED_KEY_TYPES = new Set(['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'ssh-rsa']);

/** `SHA256:<base64>` of a key blob, as ssh-keygen -l prints it (and the api stores it). */
export function sshFingerprint(keyData: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyData).digest('base64').replace(/=+$/, '')}`;
}

/** Whether a key type may even be tried (before any lookup): modern types only. */
export function acceptableKeyAlgorithm(algo: string, hashAlgo: string | undefined): VerifyResult {
  if (!ALLOWED_KEY_TYPES.has(algo)) return { ok: false, reason: `key type ${algo} is not accepted` };
  // ssh2 reports rsa-sha2-256/512 as ssh-rsa with a hash; plain ssh-rsa means SHA-1 signatures.
  if (algo === 'ssh-rsa' && hashAlgo !== 'sha256' && hashAlgo !== 'sha512') return { ok: false, reason: 'RSA signatures must use rsa-sha2-256 or rsa-sha2-512, not SHA-1' };
  return { ok: true };
}

/**
 * Verifies `presented` against the registered key (`<algorithm> <base64>`):
 * the presented key must be byte-for-byte the registered one, and the
 * signature must verify over the session-bound blob with the negotiated hash.
 */
export function verifyPublicKeySignature(registered: string, presented: PresentedSignature): VerifyResult {
  const acceptable = acceptableKeyAlgorithm(presented.algo, presented.hashAlgo);
  if (!acceptable.ok) return acceptable;
  const parsed = utils.parseKey(registered);
  if (parsed instanceof Error) return { ok: false, reason: 'the registered key cannot be read' };
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key.isPrivateKey()) return { ok: false, reason: 'the registered key cannot be read' };
  const expected = key.getPublicSSH();
  if (expected.length !== presented.keyData.length || !timingSafeEqual(expected, presented.keyData)) return { ok: false, reason: 'the presented key is not the registered one' };
  if (key.type !== presented.algo) return { ok: false, reason: 'the key type does not match' };
  let valid: boolean | Error;
  try {
    valid = key.verify(presented.blob, presented.signature, presented.hashAlgo);
  } catch {
    valid = false;
  }
  return valid === true ? { ok: true } : { ok: false, reason: 'the signature does not verify' };
}
