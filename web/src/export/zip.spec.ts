/** @jest-environment node */
import { inflateRawSync, deflateRawSync } from 'node:zlib';
import { crc32, readZip, writeZip } from './zip';

describe('ZIP archives', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('reads back what it writes, names and bytes intact', async () => {
    const entries = [
      { name: 'project.xml', data: new TextEncoder().encode('<Project/>') },
      { name: 'audio/Bass – take 1.wav', data: new Uint8Array([1, 2, 3, 4, 5]) },
    ];
    const zip = writeZip(entries);
    const read = await readZip(zip);
    expect(read.map((e) => [e.name, [...e.data]])).toEqual(entries.map((e) => [e.name, [...e.data]]));
  });

  it('reads deflated entries (as other DAWs write them)', async () => {
    const text = new TextEncoder().encode('<Project version="1.0"/>'.repeat(50));
    const stored = writeZip([{ name: 'project.xml', data: text }]);
    // Rewrite the single entry as deflated: method 8, compressed size, data.
    const deflated = deflateRawSync(text);
    expect(inflateRawSync(deflated).length).toBe(text.length);
    const nameLength = 'project.xml'.length;
    const local = stored.slice(0, 30 + nameLength);
    const central = stored.slice(30 + nameLength + text.length, stored.length - 22);
    const end = stored.slice(stored.length - 22);
    new DataView(local.buffer).setUint16(8, 8, true);
    new DataView(local.buffer).setUint32(18, deflated.length, true);
    new DataView(central.buffer).setUint16(10, 8, true);
    new DataView(central.buffer).setUint32(20, deflated.length, true);
    new DataView(end.buffer).setUint32(16, local.length + deflated.length, true);
    const zip = new Uint8Array([...local, ...deflated, ...central, ...end]);
    const [entry] = await readZip(zip);
    expect(new TextDecoder().decode(entry!.data)).toBe(new TextDecoder().decode(text));
  });
});
