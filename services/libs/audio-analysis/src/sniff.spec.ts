import fc from 'fast-check';
import {
  ascii,
  concat,
  encodeFlac,
  encodeMp3,
  encodeOggFlac,
  encodeOggOpus,
  encodeOggVorbisSilence,
  encodeWav,
  encodeWebmOpus,
  id3Tag,
  oggPage,
  sine,
} from './__fixtures__/encoders';
import { SNIFF_BYTES, sniffAudio, sniffAudioFormat } from './sniff';

const tone = sine(440, 44100, 0.2, 0.5, 2);

describe('sniffAudioFormat', () => {
  it.each([
    ['RIFF/WAVE', () => encodeWav(tone, { sampleRate: 44100, encoding: 'pcm', bits: 16 }), 'wav', 'audio/wav'],
    ['RF64/WAVE', () => encodeWav(tone, { sampleRate: 44100, encoding: 'pcm', bits: 16, rf64: true }), 'wav', 'audio/wav'],
    ['MP3 with frame sync', () => encodeMp3(tone, 44100), 'mp3', 'audio/mpeg'],
    ['MP3 behind an ID3v2 tag larger than the head', () => concat([id3Tag(10_000), encodeMp3(tone, 44100)]), 'mp3', 'audio/mpeg'],
    ['FLAC', () => encodeFlac(tone, 44100), 'flac', 'audio/flac'],
    ['FLAC behind an ID3v2 tag', () => concat([id3Tag(100), encodeFlac(tone, 44100)]), 'flac', 'audio/flac'],
    ['Ogg FLAC', () => encodeOggFlac(tone, 44100), 'ogg', 'audio/ogg'],
    ['Ogg Opus', () => encodeOggOpus(sine(440, 48000, 0.2, 0.5)), 'ogg', 'audio/ogg'],
    ['Ogg Vorbis', () => encodeOggVorbisSilence(44100, 2, 10), 'ogg', 'audio/ogg'],
    ['WebM', () => encodeWebmOpus(sine(440, 48000, 0.2, 0.5)), 'webm', 'audio/webm'],
  ])('recognises %s from its first bytes', (_name, make, format, mimeType) => {
    const head = make().subarray(0, SNIFF_BYTES);
    expect(sniffAudioFormat(head)).toBe(format);
    expect(sniffAudio(head)?.mimeType).toBe(mimeType);
  });

  it('reports the codec inside an Ogg file', () => {
    expect(sniffAudio(encodeOggOpus(sine(440, 48000, 0.1, 0.5)))?.codec).toBe('opus');
    expect(sniffAudio(encodeOggVorbisSilence(44100, 1, 4))?.codec).toBe('vorbis');
    expect(sniffAudio(encodeOggFlac(tone, 44100))?.codec).toBe('flac');
  });

  const pe = new Uint8Array(512);
  pe.set(ascii('MZ'));
  pe.set(ascii('PE\0\0'), 0x80);
  it.each([
    ['an ELF executable', concat([Uint8Array.of(0x7f), ascii('ELF'), Uint8Array.of(2, 1, 1, 0), new Uint8Array(200)])],
    ['a PE executable', pe],
    ['a shebang script', ascii('#!/bin/sh\nrm -rf / # RIFF WAVE fLaC OggS ID3\n')],
    ['a ZIP archive', concat([ascii('PK\x03\x04'), new Uint8Array(100)])],
    ['a PNG image', concat([Uint8Array.of(0x89), ascii('PNG\r\n\x1a\n'), new Uint8Array(100)])],
    ['a text file', ascii('Verse 1: these are my lyrics, not a song file.\n'.repeat(20))],
    ['a text file starting with ID3', ascii('ID3 tags are how MP3 files store titles.\n')],
    ['a Matroska (non-WebM) EBML file', Uint8Array.of(0x1a, 0x45, 0xdf, 0xa3, 0x88, 0x42, 0x82, 0x85, ...ascii('matro'), 0, 0)],
    ['an Ogg Theora-only file', oggPage({ packets: [concat([Uint8Array.of(0x80), ascii('theora'), new Uint8Array(35)])], granule: 0, sequence: 0, bos: true })],
    ['a lone MPEG sync word followed by garbage', Uint8Array.of(0xff, 0xfb, 0x90, 0x64, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13)],
    ['an empty file', new Uint8Array(0)],
  ])('rejects %s', (_name, bytes) => {
    expect(sniffAudioFormat(bytes)).toBeUndefined();
  });

  it('never throws and only ever names a known format, for arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: SNIFF_BYTES }), (bytes) => {
        const format = sniffAudioFormat(bytes);
        expect([undefined, 'wav', 'mp3', 'flac', 'ogg', 'webm']).toContain(format);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects random bytes (no false positives in 2000 random 4 KiB heads)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: SNIFF_BYTES, maxLength: SNIFF_BYTES }), (bytes) => sniffAudioFormat(bytes) === undefined),
      { numRuns: 2000 },
    );
  });
});
