/**
 * Reads Standard MIDI Files (format 0 and 1) into note lists per track, in
 * beats (quarter notes), with the first tempo and time signature. Enough to
 * import a part into a MIDI clip; writing uses @dawg/music's writeMidi.
 */

export interface MidiFileNote {
  pitch: number;
  startBeat: number;
  lengthBeats: number;
  velocity: number;
}

export interface MidiFileTrack {
  name: string;
  channel: number;
  notes: MidiFileNote[];
}

export interface MidiFile {
  ticksPerQuarter: number;
  bpm: number | null;
  timeSignature: { numerator: number; denominator: number } | null;
  tracks: MidiFileTrack[];
}

export class MidiParseError extends Error {}

export function readMidi(bytes: Uint8Array): MidiFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  const text = (at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));
  if (bytes.length < 14 || text(0, 4) !== 'MThd') throw new MidiParseError('Not a MIDI file (no MThd header).');
  const headerLength = view.getUint32(4);
  const trackCount = view.getUint16(10);
  const division = view.getUint16(12);
  if (division & 0x8000) throw new MidiParseError('SMPTE-timed MIDI files are not supported.');
  const ticksPerQuarter = division;
  pos = 8 + headerLength;

  let bpm: number | null = null;
  let timeSignature: MidiFile['timeSignature'] = null;
  const tracks: MidiFileTrack[] = [];

  for (let t = 0; t < trackCount && pos + 8 <= bytes.length; t++) {
    if (text(pos, 4) !== 'MTrk') throw new MidiParseError(`Track ${t + 1} has no MTrk header.`);
    const end = Math.min(bytes.length, pos + 8 + view.getUint32(pos + 4));
    pos += 8;
    let tick = 0;
    let status = 0;
    let name = '';
    const open = new Map<number, { tick: number; velocity: number; channel: number }[]>();
    const notes: Array<MidiFileNote & { channel: number }> = [];
    const readVarLen = () => {
      let value = 0;
      for (let i = 0; i < 4; i++) {
        const b = bytes[pos++]!;
        value = (value << 7) | (b & 0x7f);
        if (!(b & 0x80)) break;
      }
      return value;
    };
    const close = (pitch: number, channel: number) => {
      const stack = open.get(pitch * 16 + channel);
      const on = stack?.shift();
      if (on && tick > on.tick) notes.push({ pitch, channel, startBeat: on.tick / ticksPerQuarter, lengthBeats: (tick - on.tick) / ticksPerQuarter, velocity: on.velocity });
    };
    while (pos < end) {
      tick += readVarLen();
      let byte = bytes[pos]!;
      if (byte & 0x80) {
        status = byte;
        pos++;
      } else if (!status) throw new MidiParseError('Running status without a status byte.');
      byte = status;
      if (byte === 0xff) {
        const type = bytes[pos++]!;
        const length = readVarLen();
        const data = bytes.subarray(pos, pos + length);
        if (type === 0x03 && !name) name = String.fromCharCode(...data);
        if (type === 0x51 && bpm === null && length === 3) bpm = 60_000_000 / ((data[0]! << 16) | (data[1]! << 8) | data[2]!);
        if (type === 0x58 && timeSignature === null && length >= 2) timeSignature = { numerator: data[0]!, denominator: 2 ** data[1]! };
        pos += length;
        if (type === 0x2f) break;
        status = 0;
      } else if (byte === 0xf0 || byte === 0xf7) {
        pos += readVarLen();
        status = 0;
      } else {
        const kind = byte & 0xf0;
        const channel = byte & 0x0f;
        const a = bytes[pos++]!;
        const b = kind === 0xc0 || kind === 0xd0 ? 0 : bytes[pos++]!;
        if (kind === 0x90 && b > 0) {
          const key = a * 16 + channel;
          open.set(key, [...(open.get(key) ?? []), { tick, velocity: b, channel }]);
        } else if (kind === 0x80 || (kind === 0x90 && b === 0)) {
          close(a, channel);
        }
      }
    }
    pos = end;
    if (notes.length) {
      notes.sort((x, y) => x.startBeat - y.startBeat || x.pitch - y.pitch);
      tracks.push({ name: name || `Track ${tracks.length + 1}`, channel: notes[0]!.channel, notes: notes.map(({ channel: _c, ...n }) => n) });
    }
  }
  return { ticksPerQuarter, bpm, timeSignature, tracks };
}
