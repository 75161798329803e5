import { randomBytes } from 'node:crypto';
import { peekClientKexInit, STRICT_KEX_CLIENT } from './kexinit';

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
function kexInitPacket(kex: string[]): Buffer {
  const list = Buffer.from(kex.join(','));
  const payload = Buffer.concat([Buffer.from([20]), randomBytes(16), u32(list.length), list, ...Array.from({ length: 9 }, () => u32(0)), Buffer.from([0]), u32(0)]);
  const padding = 8 - ((payload.length + 5) % 8) + 4;
  return Buffer.concat([u32(payload.length + padding + 1), Buffer.from([padding]), payload, randomBytes(padding)]);
}

describe('peekClientKexInit', () => {
  const ident = Buffer.from('SSH-2.0-OpenSSH_9.2\r\n');

  it('reads the key-exchange methods a client offers, however the bytes are split', () => {
    const bytes = Buffer.concat([ident, kexInitPacket(['curve25519-sha256', 'ext-info-c', STRICT_KEX_CLIENT])]);
    for (let cut = 0; cut < bytes.length; cut++) expect(peekClientKexInit(bytes.subarray(0, cut)).state).toBe('need-more');
    expect(peekClientKexInit(bytes)).toEqual({ state: 'parsed', kex: ['curve25519-sha256', 'ext-info-c', STRICT_KEX_CLIENT] });
  });

  it('calls anything else invalid', () => {
    expect(peekClientKexInit(Buffer.from('GET / HTTP/1.1\r\n\r\n')).state).toBe('invalid');
    expect(peekClientKexInit(Buffer.concat([ident, u32(1_000_000), Buffer.alloc(4)])).state).toBe('invalid');
    expect(peekClientKexInit(Buffer.concat([ident, u32(12), Buffer.from([4, 21]), Buffer.alloc(14)])).state).toBe('invalid');
    expect(peekClientKexInit(Buffer.alloc(9000, 0x41)).state).toBe('invalid');
  });
});
