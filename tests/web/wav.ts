/** A mono 16-bit PCM WAV of a plucked sine (a decaying note every half second): something to see and hear. */
export function sineWav(options: { seconds: number; frequency: number; sampleRate?: number }): Buffer {
  const rate = options.sampleRate ?? 44_100;
  const frames = Math.round(options.seconds * rate);
  const wav = Buffer.alloc(44 + frames * 2);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + frames * 2, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(frames * 2, 40);
  for (let i = 0; i < frames; i++) {
    const t = i / rate;
    const envelope = Math.exp(-(t % 0.5) * 6);
    wav.writeInt16LE(Math.round(Math.sin(2 * Math.PI * options.frequency * t) * envelope * 0.6 * 32767), 44 + i * 2);
  }
  return wav;
}

/** The format and length of a PCM WAV file (the chunks are walked, so extra chunks are fine). */
export function readWav(bytes: Buffer): { channels: number; sampleRate: number; bitsPerSample: number; seconds: number } {
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a WAV file');
  let at = 12;
  let format: { channels: number; sampleRate: number; bitsPerSample: number } | undefined;
  while (at + 8 <= bytes.length) {
    const id = bytes.toString('ascii', at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    if (id === 'fmt ') format = { channels: bytes.readUInt16LE(at + 10), sampleRate: bytes.readUInt32LE(at + 12), bitsPerSample: bytes.readUInt16LE(at + 22) };
    if (id === 'data' && format) return { ...format, seconds: size / (format.channels * (format.bitsPerSample / 8)) / format.sampleRate };
    at += 8 + size + (size % 2);
  }
  throw new Error('WAV without fmt and data chunks');
}
