/** Low-level pieces of the Standard MIDI File format. */

/** A MIDI variable-length quantity: 7 bits per byte, high bit set on all but the last. */
export function variableLength(value: number): number[] {
  if (!Number.isInteger(value) || value < 0 || value > 0x0fffffff) throw new RangeError(`not a MIDI delta time: ${value}`);
  const bytes = [value & 0x7f];
  let rest = value >>> 7;
  while (rest > 0) {
    bytes.unshift((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  return bytes;
}

/** Meta text is bytes; keep it to printable ASCII so every reader shows the same name. */
export function ascii(text: string): number[] {
  return Array.from(text, (char) => {
    const code = char.charCodeAt(0);
    return code >= 0x20 && code < 0x7f ? code : 0x3f;
  });
}

/** Appends bytes to a growing buffer; big-endian, as MIDI is. */
export class ByteWriter {
  private buffer = new Uint8Array(1024);
  private size = 0;

  get length(): number {
    return this.size;
  }

  bytes(values: readonly number[] | Uint8Array): this {
    this.reserve(values.length);
    for (const value of values) this.buffer[this.size++] = value & 0xff;
    return this;
  }

  uint16(value: number): this {
    return this.bytes([(value >>> 8) & 0xff, value & 0xff]);
  }

  uint32(value: number): this {
    return this.bytes([(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]);
  }

  /** A chunk: four-letter type, 32-bit length, body. */
  chunk(type: 'MThd' | 'MTrk', body: ByteWriter): this {
    return this.bytes(ascii(type)).uint32(body.length).bytes(body.toBytes());
  }

  toBytes(): Uint8Array {
    return this.buffer.slice(0, this.size);
  }

  private reserve(extra: number): void {
    if (this.size + extra <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.size + extra));
    grown.set(this.buffer.subarray(0, this.size));
    this.buffer = grown;
  }
}
