/// <reference lib="webworker" />
/** Encodes a mixdown to MP3 off the main thread (see mp3.ts); the PCM comes in transferred, the MP3 goes back transferred. */
import { encodeMp3, type Mp3Bitrate } from './mp3';

export interface Mp3Job {
  channels: Float32Array[];
  sampleRate: number;
  kbps: Mp3Bitrate;
}

export type Mp3WorkerMessage = { kind: 'progress'; fraction: number } | { kind: 'done'; bytes: Uint8Array } | { kind: 'error'; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<Mp3Job>) => {
  const { channels, sampleRate, kbps } = event.data;
  try {
    const bytes = encodeMp3(channels, sampleRate, kbps, (fraction) => scope.postMessage({ kind: 'progress', fraction } satisfies Mp3WorkerMessage));
    scope.postMessage({ kind: 'done', bytes } satisfies Mp3WorkerMessage, [bytes.buffer]);
  } catch (err) {
    scope.postMessage({ kind: 'error', message: err instanceof Error ? err.message : String(err) } satisfies Mp3WorkerMessage);
  }
};
