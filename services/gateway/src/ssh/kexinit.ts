/**
 * Reads the client's first key-exchange message off the raw socket, before
 * ssh2 acts on it, to learn which key-exchange methods the client offers:
 * the gateway requires strict key exchange (kex-strict-c-v00@openssh.com,
 * the Terrapin fix), so a client without it is refused. Binary packet
 * format: RFC 4253 section 6; KEXINIT: section 7.1. The first packet after
 * the identification line is unencrypted by definition.
 */
export const STRICT_KEX_CLIENT = 'kex-strict-c-v00@openssh.com';
const SSH_MSG_KEXINIT = 20;
const MAX_IDENT_BYTES = 8192;
const MAX_PACKET_BYTES = 35_000;

export type KexInitPeek = { state: 'need-more' } | { state: 'invalid'; reason: string } | { state: 'parsed'; kex: string[] };

/** Parses the bytes a client sent so far. */
export function peekClientKexInit(data: Buffer): KexInitPeek {
  // The identification string: "SSH-2.0-...\r\n" (a bare \n is tolerated, as OpenSSH does).
  const newline = data.indexOf(0x0a);
  if (newline === -1) return data.length > MAX_IDENT_BYTES ? { state: 'invalid', reason: 'no identification line' } : { state: 'need-more' };
  if (!data.subarray(0, 4).equals(Buffer.from('SSH-'))) return { state: 'invalid', reason: 'not an SSH client' };
  const packet = data.subarray(newline + 1);
  if (packet.length < 5) return { state: 'need-more' };
  const length = packet.readUInt32BE(0);
  if (length < 2 || length > MAX_PACKET_BYTES) return { state: 'invalid', reason: 'bad packet length' };
  if (packet.length < 4 + length) return { state: 'need-more' };
  const padding = packet[4]!;
  const payload = packet.subarray(5, 4 + length - padding);
  if (padding >= length || payload.length < 1 + 16 + 4 || payload[0] !== SSH_MSG_KEXINIT) return { state: 'invalid', reason: 'the first packet is not KEXINIT' };
  const listLength = payload.readUInt32BE(17);
  if (21 + listLength > payload.length) return { state: 'invalid', reason: 'truncated KEXINIT' };
  const kex = payload.subarray(21, 21 + listLength).toString('latin1').split(',').filter(Boolean);
  return { state: 'parsed', kex };
}
