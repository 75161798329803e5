// @ts-check
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * An Ed25519 key pair for signing access tokens locally, made once and kept in
 * `dir` (never committed). Production supplies its own through a Secret.
 * @param {string} dir
 */
export async function ensureJwtKeys(dir) {
  const privateKeyFile = join(dir, 'jwt-private.pem');
  const publicKeyFile = join(dir, 'jwt-public.pem');
  if (!existsSync(privateKeyFile) || !existsSync(publicKeyFile)) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    await writeFile(privateKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    await writeFile(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
  }
  return { privateKeyFile, publicKeyFile };
}

/**
 * The secret that signs the fs storage driver's upload and download URLs,
 * made once and kept in `dir`, so URLs handed out survive a restart.
 * @param {string} dir
 */
export async function ensureStorageSigningSecret(dir) {
  const file = join(dir, 'storage-signing-secret');
  if (!existsSync(file)) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return (await readFile(file, 'utf8')).trim();
}
