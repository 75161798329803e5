import { AudioFormatError } from './errors';
import { oggPackets, parseOgg } from './formats/ogg';
import { parseWebm, webmBlocks } from './formats/webm';
import { type PcmSink } from './peak-accumulator';

/**
 * Streaming decoders for the compressed formats, each feeding PCM into a sink a block
 * at a time. The WASM decoders are ESM packages loaded on first use, so sniffing and
 * probing never pay for compiling them.
 */

/** Compressed bytes handed to a streaming decoder per call: bounds the PCM held at once (~16 s of MP3). */
const INPUT_CHUNK = 256 * 1024;

interface DecodedBlock {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
}

/** Lets other work on the event loop run between chunks of a long decode. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Tracks what was decoded, and stops at the stream's declared length (Opus end trimming). */
class DecodeProgress {
  sampleRate = 0;
  frames = 0;

  constructor(
    private readonly sink: PcmSink,
    private readonly maxFrames = Infinity,
  ) {}

  push(block: DecodedBlock): void {
    const frames = Math.min(block.samplesDecoded, this.maxFrames - this.frames);
    if (frames <= 0 || block.channelData.length === 0) return;
    this.sampleRate = block.sampleRate;
    this.sink.write(block.channelData, frames);
    this.frames += frames;
  }

  /** The decoded sample rate; throws when the decoder produced nothing at all. */
  result(what: string): number {
    if (this.frames === 0 || this.sampleRate === 0) throw new AudioFormatError('decode_failed', `${what}: the decoder produced no audio`);
    return this.sampleRate;
  }
}

/** Runs a decode, turning any failure of the third-party decoder into AudioFormatError. */
async function guarded<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AudioFormatError) throw error;
    throw new AudioFormatError('decode_failed', `${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Feeds a whole file in chunks to a decoder that parses its own container. */
async function decodeInChunks(
  bytes: Uint8Array,
  progress: DecodeProgress,
  decoder: { decode(chunk: Uint8Array): Promise<DecodedBlock> | DecodedBlock; flush?: () => Promise<DecodedBlock> },
): Promise<void> {
  for (let at = 0; at < bytes.length; at += INPUT_CHUNK) {
    progress.push(await decoder.decode(bytes.subarray(at, at + INPUT_CHUNK)));
    await yieldToEventLoop();
  }
  if (decoder.flush) progress.push(await decoder.flush());
}

/** Decodes MP3 (and MPEG layer I/II) with mpg123; returns the sample rate. */
export function decodeMpeg(bytes: Uint8Array, sink: PcmSink): Promise<number> {
  return guarded('MP3', async () => {
    const { MPEGDecoder } = await import('mpg123-decoder');
    const decoder = new MPEGDecoder();
    await decoder.ready;
    try {
      const progress = new DecodeProgress(sink);
      await decodeInChunks(bytes, progress, decoder);
      return progress.result('MP3');
    } finally {
      decoder.free();
    }
  });
}

/** Decodes native FLAC or Ogg FLAC with libFLAC. */
export function decodeFlac(bytes: Uint8Array, sink: PcmSink): Promise<number> {
  return guarded('FLAC', async () => {
    const { FLACDecoder } = await import('@wasm-audio-decoders/flac');
    const decoder = new FLACDecoder();
    await decoder.ready;
    try {
      const progress = new DecodeProgress(sink);
      await decodeInChunks(bytes, progress, decoder);
      return progress.result('FLAC');
    } finally {
      decoder.free();
    }
  });
}

/** Decodes an Ogg file's Vorbis, Opus or FLAC stream. */
export function decodeOgg(bytes: Uint8Array, sink: PcmSink): Promise<number> {
  const ogg = parseOgg(bytes);
  if (ogg.stream.codec === 'flac') return decodeFlac(bytes, sink);
  if (ogg.stream.codec === 'vorbis') {
    return guarded('Ogg Vorbis', async () => {
      const { OggVorbisDecoder } = await import('@wasm-audio-decoders/ogg-vorbis');
      const decoder = new OggVorbisDecoder();
      await decoder.ready;
      try {
        const progress = new DecodeProgress(sink);
        await decodeInChunks(bytes, progress, decoder);
        return progress.result('Ogg Vorbis');
      } finally {
        decoder.free();
      }
    });
  }
  // Opus: the packets come from our own Ogg reader (so multiplexed files work), and
  // the end is trimmed to the last granule position as RFC 7845 requires.
  const head = ogg.opusHead!;
  const packets = oggPackets(bytes, ogg.stream.serial);
  packets.next(); // OpusHead
  packets.next(); // OpusTags
  return decodeOpusPackets(packets, head, sink, ogg.totalSamples, 'Ogg Opus');
}

/** Decodes the Opus track of a WebM file. WebM/Vorbis is not decoded (see README in the report). */
export function decodeWebm(bytes: Uint8Array, sink: PcmSink): Promise<number> | undefined {
  const layout = parseWebm(bytes);
  if (layout.track.codec !== 'opus') return undefined;
  const head = layout.opusHead ?? {
    channels: layout.track.channels,
    preSkip: 0,
    mappingFamily: 0,
    streamCount: 1,
    coupledStreamCount: layout.track.channels - 1,
    channelMapping: layout.track.channels === 1 ? [0] : [0, 1],
  };
  if (!layout.opusHead && layout.track.channels > 2) {
    throw new AudioFormatError('malformed', 'WebM Opus track with more than 2 channels has no OpusHead');
  }
  return decodeOpusPackets(
    (function* () {
      for (const block of webmBlocks(bytes, layout)) yield* block.frames;
    })(),
    head,
    sink,
    Infinity,
    'WebM Opus',
  );
}

interface OpusHeadLike {
  channels: number;
  preSkip: number;
  streamCount: number;
  coupledStreamCount: number;
  channelMapping: number[];
}

/** Packets decoded between yields to the event loop (~20 s of 20 ms packets). */
const OPUS_PACKETS_PER_SLICE = 1000;

function decodeOpusPackets(
  packets: Iterator<Uint8Array>,
  head: OpusHeadLike,
  sink: PcmSink,
  maxFrames: number,
  what: string,
): Promise<number> {
  return guarded(what, async () => {
    const { OpusDecoder } = await import('opus-decoder');
    const decoder = new OpusDecoder({
      channels: head.channels,
      preSkip: head.preSkip,
      streamCount: head.streamCount,
      coupledStreamCount: head.coupledStreamCount,
      channelMappingTable: head.channelMapping,
    });
    await decoder.ready;
    try {
      const progress = new DecodeProgress(sink, maxFrames);
      let count = 0;
      for (let next = packets.next(); !next.done; next = packets.next()) {
        if (next.value.length > 0) progress.push(decoder.decodeFrame(next.value));
        if (++count % OPUS_PACKETS_PER_SLICE === 0) await yieldToEventLoop();
      }
      return progress.result(what);
    } finally {
      decoder.free();
    }
  });
}
