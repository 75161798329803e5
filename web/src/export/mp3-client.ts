/**
 * Runs the MP3 encoder in a Worker (a module worker bundled by Vite), so the
 * studio stays responsive while a song encodes. Loaded on demand with the
 * encoder, which is not part of the main bundle.
 */
import type { Mp3Bitrate } from './mp3';
import type { Mp3Job, Mp3WorkerMessage } from './mp3.worker';

export function encodeMp3InWorker(channels: Float32Array[], sampleRate: number, kbps: Mp3Bitrate, onProgress?: (fraction: number) => void): Promise<Uint8Array> {
  if (typeof Worker === 'undefined') {
    // No workers (an old embedded browser): encode here, the page waits.
    return import('./mp3').then(({ encodeMp3 }) => encodeMp3(channels, sampleRate, kbps, onProgress));
  }
  const worker = new Worker(new URL('./mp3.worker.ts', import.meta.url), { type: 'module', name: 'mp3-encoder' });
  return new Promise<Uint8Array>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<Mp3WorkerMessage>) => {
      const message = event.data;
      if (message.kind === 'progress') return onProgress?.(message.fraction);
      worker.terminate();
      if (message.kind === 'done') resolve(message.bytes);
      else reject(new Error(`The MP3 could not be encoded: ${message.message}`));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`The MP3 encoder failed: ${event.message || 'it could not start'}`));
    };
    // The rendered channels are not needed here any more: moved, not copied.
    worker.postMessage({ channels, sampleRate, kbps } satisfies Mp3Job, channels.map((c) => c.buffer));
  });
}
