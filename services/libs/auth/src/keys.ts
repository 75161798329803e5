import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Reads a PEM from a variable (newlines may be written as "\n") or from a file. */
function pemFrom(inline: string | undefined, file: string | undefined, name: string): string {
  if (inline) return inline.replace(/\\n/g, '\n');
  if (file) return readFileSync(file, 'utf8');
  throw new Error(`${name} is not configured`);
}

export function loadPublicKey(inline?: string, file?: string): KeyObject {
  return createPublicKey(pemFrom(inline, file, 'JWT_PUBLIC_KEY'));
}

export function loadPrivateKey(inline?: string, file?: string): KeyObject {
  return createPrivateKey(pemFrom(inline, file, 'JWT_PRIVATE_KEY'));
}
