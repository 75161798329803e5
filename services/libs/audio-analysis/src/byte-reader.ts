import { AudioFormatError } from './errors';

/**
 * A bounds-checked cursor over a byte array. Every read past the end throws
 * AudioFormatError('truncated'), so a DataView RangeError can never leak out of
 * the container parsers.
 */
export class ByteReader {
  private readonly view: DataView;
  offset: number;

  constructor(
    readonly bytes: Uint8Array,
    offset = 0,
    /** What the parser is reading, for error messages ("WAV", "FLAC STREAMINFO"). */
    private readonly what = 'audio',
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.offset = offset;
  }

  get length(): number {
    return this.bytes.length;
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  /** Throws unless `count` bytes are readable at the cursor. */
  need(count: number): void {
    if (count < 0 || this.offset < 0 || this.offset + count > this.bytes.length) {
      throw new AudioFormatError('truncated', `${this.what}: needs ${count} bytes at offset ${this.offset}, file has ${this.bytes.length}`);
    }
  }

  skip(count: number): void {
    this.need(count);
    this.offset += count;
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.offset++]!;
  }

  u16le(): number {
    this.need(2);
    const value = this.view.getUint16(this.offset, true);
    this.offset += 2;
    return value;
  }

  u16be(): number {
    this.need(2);
    const value = this.view.getUint16(this.offset, false);
    this.offset += 2;
    return value;
  }

  i16be(): number {
    this.need(2);
    const value = this.view.getInt16(this.offset, false);
    this.offset += 2;
    return value;
  }

  u24be(): number {
    this.need(3);
    const b = this.bytes;
    const o = this.offset;
    this.offset += 3;
    return (b[o]! << 16) | (b[o + 1]! << 8) | b[o + 2]!;
  }

  u32le(): number {
    this.need(4);
    const value = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return value;
  }

  u32be(): number {
    this.need(4);
    const value = this.view.getUint32(this.offset, false);
    this.offset += 4;
    return value;
  }

  /**
   * A little-endian 64-bit unsigned integer as a number. Values past 2^53 cannot
   * describe anything in a file that fits in memory, so they are refused.
   */
  u64le(): number {
    const low = this.u32le();
    const high = this.u32le();
    if (high >= 0x200000) throw new AudioFormatError('malformed', `${this.what}: 64-bit value out of range`);
    return high * 0x1_0000_0000 + low;
  }

  /** Like u64le, but returns -1 for the all-ones "no value" marker (Ogg granule positions). */
  i64leOrMinusOne(): number {
    const low = this.u32le();
    const high = this.u32le();
    if (low === 0xffffffff && high === 0xffffffff) return -1;
    if (high >= 0x200000) throw new AudioFormatError('malformed', `${this.what}: 64-bit value out of range`);
    return high * 0x1_0000_0000 + low;
  }

  f32be(): number {
    this.need(4);
    const value = this.view.getFloat32(this.offset, false);
    this.offset += 4;
    return value;
  }

  f64be(): number {
    this.need(8);
    const value = this.view.getFloat64(this.offset, false);
    this.offset += 8;
    return value;
  }

  /** `count` bytes as Latin-1 text (container tags and codec ids are ASCII). */
  ascii(count: number): string {
    this.need(count);
    let text = '';
    for (let i = 0; i < count; i++) text += String.fromCharCode(this.bytes[this.offset + i]!);
    this.offset += count;
    return text;
  }

  /** A view (not a copy) of the next `count` bytes. */
  slice(count: number): Uint8Array {
    this.need(count);
    const view = this.bytes.subarray(this.offset, this.offset + count);
    this.offset += count;
    return view;
  }
}

/** True when `bytes` holds `tag` (ASCII) at `offset`. Never throws. */
export function hasAscii(bytes: Uint8Array, offset: number, tag: string): boolean {
  if (offset < 0 || offset + tag.length > bytes.length) return false;
  for (let i = 0; i < tag.length; i++) {
    if (bytes[offset + i] !== tag.charCodeAt(i)) return false;
  }
  return true;
}
