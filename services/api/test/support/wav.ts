/** A 16-bit PCM WAV of a sine, built byte by byte: test audio needs no downloaded fixtures. */
export function sineWav({ seconds, sampleRate = 44_100, channels = 1, frequency = 440, amplitude = 0.5 }: { seconds: number; sampleRate?: number; channels?: number; frequency?: number; amplitude?: number }): Buffer {
  const frames = Math.round(seconds * sampleRate);
  const dataBytes = frames * channels * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(channels, 22);
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * channels * 2, 28);
  wav.writeUInt16LE(channels * 2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < frames; i++) {
    const sample = Math.round(Math.sin((2 * Math.PI * frequency * i) / sampleRate) * amplitude * 32767);
    for (let c = 0; c < channels; c++) wav.writeInt16LE(sample, 44 + (i * channels + c) * 2);
  }
  return wav;
}

/** The start of a Linux executable: what a renamed binary looks like to the sniffer. */
export function elfExecutable(size = 4096): Buffer {
  const bytes = Buffer.alloc(size, 0x90);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]).copy(bytes, 0);
  return bytes;
}
