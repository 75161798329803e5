import fc from 'fast-check';
import {
  concat,
  encodeFlac,
  encodeMp3,
  encodeOggFlac,
  encodeOggOpus,
  encodeOggVorbisSilence,
  encodeWav,
  encodeWebmOpus,
  id3Tag,
  le,
  riffChunk,
  ascii,
  sine,
} from './__fixtures__/encoders';
import { AudioFormatError } from './errors';
import { readMpegFrameHeader } from './formats/mp3';
import { probeAudio } from './probe';

/** Asserts that `run` throws AudioFormatError, optionally with `reason`. */
function expectFormatError(run: () => unknown, reason?: string): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(AudioFormatError);
  if (reason) expect((thrown as AudioFormatError).reason).toBe(reason);
}

describe('probeAudio', () => {
  describe('WAV', () => {
    const stereo = sine(440, 44100, 1.5, 0.5, 2);
    it.each([
      ['8-bit PCM', { encoding: 'pcm', bits: 8 }, 'pcm_u8', 8],
      ['16-bit PCM', { encoding: 'pcm', bits: 16 }, 'pcm_s16le', 16],
      ['24-bit PCM', { encoding: 'pcm', bits: 24 }, 'pcm_s24le', 24],
      ['32-bit PCM', { encoding: 'pcm', bits: 32 }, 'pcm_s32le', 32],
      ['32-bit float', { encoding: 'float', bits: 32 }, 'pcm_f32le', 32],
      ['64-bit float', { encoding: 'float', bits: 64 }, 'pcm_f64le', 64],
      ['24-bit WAVE_FORMAT_EXTENSIBLE', { encoding: 'pcm', bits: 24, extensible: true }, 'pcm_s24le', 24],
      ['float WAVE_FORMAT_EXTENSIBLE', { encoding: 'float', bits: 32, extensible: true }, 'pcm_f32le', 32],
      ['RF64', { encoding: 'pcm', bits: 16, rf64: true }, 'pcm_s16le', 16],
      ['an odd-sized chunk before fmt', { encoding: 'pcm', bits: 16, oddChunk: true }, 'pcm_s16le', 16],
    ] as const)('reads %s exactly', (_name, options, codec, bits) => {
      const info = probeAudio(encodeWav(stereo, { sampleRate: 44100, ...options }));
      expect(info).toEqual({
        format: 'wav',
        mimeType: 'audio/wav',
        codec,
        durationSeconds: 1.5,
        sampleRate: 44100,
        channels: 2,
        bitsPerSample: bits,
      });
    });

    it('refuses a data chunk that claims more bytes than the file has', () => {
      const wav = encodeWav(stereo, { sampleRate: 44100, encoding: 'pcm', bits: 16 });
      expectFormatError(() => probeAudio(wav.subarray(0, wav.length - 100)), 'truncated');
    });

    it('refuses a header cut short, and a file without a data chunk', () => {
      const wav = encodeWav(stereo, { sampleRate: 44100, encoding: 'pcm', bits: 16 });
      expectFormatError(() => probeAudio(wav.subarray(0, 30)), 'truncated');
      expectFormatError(() => probeAudio(wav.subarray(0, 44)), 'truncated');
    });

    it('refuses compressed WAV codecs it cannot decode', () => {
      const adpcm = concat([ascii('RIFF'), le(36, 4), ascii('WAVE'), riffChunk('fmt ', concat([le(2, 2), le(1, 2), le(8000, 4), le(4000, 4), le(256, 2), le(4, 2)])), riffChunk('data', new Uint8Array(256))]);
      expectFormatError(() => probeAudio(adpcm), 'unsupported_codec');
    });

    it('refuses a block align that does not match the sample layout', () => {
      const wav = encodeWav(stereo, { sampleRate: 44100, encoding: 'pcm', bits: 16 });
      wav.set(le(3, 2), 32); // blockAlign field of the canonical fmt chunk
      expectFormatError(() => probeAudio(wav), 'malformed');
    });
  });

  describe('MP3', () => {
    const stereo = sine(440, 44100, 2, 0.5, 2);
    const mp3 = encodeMp3(stereo, 44100, 128);

    it('walks CBR frames for the duration (within one frame of encoder padding, 0.1 s)', () => {
      const info = probeAudio(mp3);
      expect(info).toMatchObject({ format: 'mp3', mimeType: 'audio/mpeg', codec: 'mp3', sampleRate: 44100, channels: 2 });
      expect(info.durationSeconds).toBeGreaterThanOrEqual(2);
      expect(info.durationSeconds).toBeLessThan(2.1);
    });

    it('skips an ID3v2 tag', () => {
      expect(probeAudio(concat([id3Tag(50_000), mp3])).durationSeconds).toBeCloseTo(probeAudio(mp3).durationSeconds, 6);
    });

    it('reads mono and MPEG-2 (22.05 kHz, 576-sample frames)', () => {
      const info = probeAudio(encodeMp3(sine(440, 22050, 1, 0.5), 22050, 64));
      expect(info).toMatchObject({ sampleRate: 22050, channels: 1, codec: 'mp3' });
      expect(info.durationSeconds).toBeGreaterThanOrEqual(1);
      expect(info.durationSeconds).toBeLessThan(1.1);
    });

    it('takes the frame count of a Xing header instead of walking (VBR files)', () => {
      const header = readMpegFrameHeader(mp3, 0)!;
      const xing = new Uint8Array(header.frameLength);
      xing.set(mp3.subarray(0, 4));
      xing.set(concat([ascii('Xing'), Uint8Array.of(0, 0, 0, 1), Uint8Array.of(0, 0, 0x10, 0)]), 4 + 32); // 4096 frames
      const info = probeAudio(concat([xing, mp3]));
      expect(info.durationSeconds).toBeCloseTo((4096 * 1152) / 44100, 6);
    });

    it('takes the frame count of a VBRI header', () => {
      const header = readMpegFrameHeader(mp3, 0)!;
      const vbri = new Uint8Array(header.frameLength);
      vbri.set(mp3.subarray(0, 4));
      vbri.set(concat([ascii('VBRI'), new Uint8Array(10), Uint8Array.of(0, 0, 0x01, 0)]), 4 + 32); // 256 frames
      expect(probeAudio(concat([vbri, mp3])).durationSeconds).toBeCloseTo((256 * 1152) / 44100, 6);
    });

    it('refuses an ID3 tag with no audio after it', () => {
      expectFormatError(() => probeAudio(id3Tag(1000)));
      expectFormatError(() => probeAudio(concat([id3Tag(1000), new Uint8Array(5000)])), 'malformed');
    });
  });

  describe('FLAC', () => {
    const planes = sine(440, 48000, 1.25, 0.5, 2);
    it('reads STREAMINFO', () => {
      expect(probeAudio(encodeFlac(planes, 48000))).toEqual({
        format: 'flac',
        mimeType: 'audio/flac',
        codec: 'flac',
        durationSeconds: 1.25,
        sampleRate: 48000,
        channels: 2,
        bitsPerSample: 16,
      });
    });

    it('finds the length from the last frame header when STREAMINFO does not record it', () => {
      expect(probeAudio(encodeFlac(planes, 48000, { unknownLength: true })).durationSeconds).toBe(1.25);
    });

    it('refuses a truncated STREAMINFO and metadata without audio', () => {
      const flac = encodeFlac(planes, 48000);
      expectFormatError(() => probeAudio(flac.subarray(0, 20)), 'truncated');
      expectFormatError(() => probeAudio(flac.subarray(0, 42)), 'truncated');
    });

    it('refuses a 0 Hz sample rate', () => {
      const flac = encodeFlac(planes, 48000);
      flac.set([0, 0, 0x0], 18);
      flac[20]! &= 0x0f;
      expectFormatError(() => probeAudio(flac), 'malformed');
    });
  });

  describe('Ogg', () => {
    it('reads Opus: 48 kHz, duration from the last granule minus pre-skip', () => {
      const info = probeAudio(encodeOggOpus(sine(440, 48000, 1, 0.5, 2)));
      expect(info).toEqual({ format: 'ogg', mimeType: 'audio/ogg', codec: 'opus', durationSeconds: 1, sampleRate: 48000, channels: 2 });
    });

    it('reads Vorbis from its identification header', () => {
      const info = probeAudio(encodeOggVorbisSilence(44100, 2, 101));
      expect(info).toEqual({ format: 'ogg', mimeType: 'audio/ogg', codec: 'vorbis', durationSeconds: (100 * 128) / 44100, sampleRate: 44100, channels: 2 });
    });

    it('reads FLAC in Ogg', () => {
      const info = probeAudio(encodeOggFlac(sine(440, 44100, 0.5, 0.5), 44100));
      expect(info).toEqual({ format: 'ogg', mimeType: 'audio/ogg', codec: 'flac', durationSeconds: 0.5, sampleRate: 44100, channels: 1, bitsPerSample: 16 });
    });

    it('refuses a page whose CRC does not match', () => {
      const ogg = encodeOggOpus(sine(440, 48000, 0.2, 0.5));
      ogg[30]! ^= 0xff; // inside the OpusHead packet
      expectFormatError(() => probeAudio(ogg), 'malformed');
    });

    it('uses the last complete page of a truncated file', () => {
      const ogg = encodeOggOpus(sine(440, 48000, 1, 0.5));
      const info = probeAudio(ogg.subarray(0, ogg.length - 10));
      expect(info.durationSeconds).toBeGreaterThan(0.5);
      expect(info.durationSeconds).toBeLessThan(1);
    });

    it('refuses a file cut inside its headers', () => {
      expectFormatError(() => probeAudio(encodeOggOpus(sine(440, 48000, 0.2, 0.5)).subarray(0, 40)), 'truncated');
    });
  });

  describe('WebM', () => {
    const planes = sine(440, 48000, 1, 0.5, 2);
    it('reads Info/Duration × TimecodeScale and the audio track', () => {
      expect(probeAudio(encodeWebmOpus(planes))).toEqual({
        format: 'webm',
        mimeType: 'audio/webm',
        codec: 'opus',
        durationSeconds: 1,
        sampleRate: 48000,
        channels: 2,
      });
    });

    it('derives the duration from the last block of a MediaRecorder-style file (unknown sizes, no Duration; within 30 ms)', () => {
      const info = probeAudio(encodeWebmOpus(planes, { live: true }));
      expect(info.durationSeconds).toBeGreaterThan(1);
      expect(info.durationSeconds).toBeLessThan(1.03);
    });

    it('refuses codecs WebM does not allow, and truncated files', () => {
      expectFormatError(() => probeAudio(encodeWebmOpus(planes, { codecId: 'A_AAC' })), 'unsupported_codec');
      const webm = encodeWebmOpus(planes);
      expectFormatError(() => probeAudio(webm.subarray(0, webm.length - 1)), 'truncated');
      expectFormatError(() => probeAudio(webm.subarray(0, 60)), 'truncated');
    });
  });

  it('refuses bytes that are not audio', () => {
    expectFormatError(() => probeAudio(ascii('#!/usr/bin/env node\n')), 'unrecognised_format');
  });

  describe('on arbitrary input', () => {
    const isExpected = (run: () => unknown): boolean => {
      try {
        run();
        return true;
      } catch (error) {
        if (error instanceof AudioFormatError) return true;
        throw error;
      }
    };

    it('returns or throws AudioFormatError for random bytes', () => {
      fc.assert(fc.property(fc.uint8Array({ maxLength: 8192 }), (bytes) => isExpected(() => probeAudio(bytes))), { numRuns: 2000 });
    });

    // Random bytes rarely get past the magic numbers; damaged real files reach deep into every parser.
    const valid = [
      encodeWav(sine(440, 8000, 0.05, 0.5, 2), { sampleRate: 8000, encoding: 'pcm', bits: 16, extensible: true }),
      encodeWav(sine(440, 8000, 0.05, 0.5), { sampleRate: 8000, encoding: 'float', bits: 32, rf64: true }),
      encodeMp3(sine(440, 8000, 0.3, 0.5), 8000, 32),
      concat([id3Tag(20), encodeMp3(sine(440, 8000, 0.3, 0.5), 8000, 32)]),
      encodeFlac(sine(440, 8000, 0.6, 0.5), 8000, { unknownLength: true }),
      encodeOggFlac(sine(440, 8000, 0.6, 0.5), 8000),
      encodeOggOpus(sine(440, 48000, 0.1, 0.5)),
      encodeOggVorbisSilence(8000, 1, 5),
      encodeWebmOpus(sine(440, 48000, 0.1, 0.5)),
      encodeWebmOpus(sine(440, 48000, 0.1, 0.5), { live: true }),
    ];

    it('returns or throws AudioFormatError for damaged and truncated real files', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...valid),
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
          fc.option(fc.nat()),
          (file, edits, cut) => {
            const bytes = file.slice(0, cut === null ? file.length : cut % (file.length + 1));
            for (const [at, value] of edits) if (bytes.length) bytes[at % bytes.length] = value;
            return isExpected(() => probeAudio(bytes));
          },
        ),
        { numRuns: 3000 },
      );
    });
  });
});
