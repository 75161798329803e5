import { parentPort, workerData } from 'node:worker_threads';
import type { RenderThreadMessage } from './render-runner';
import { renderGeneration, type RenderInput } from './render-generation';

// Entry point of a render thread (see RenderRunner): one render, then exit.
const post = (message: RenderThreadMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);
void Promise.resolve(renderGeneration(workerData as RenderInput, (stage, percent) => post({ type: 'progress', stage, percent }))).then((output) =>
  // The bytes move to the main thread without a copy.
  post({ type: 'done', output }, [...new Set(output.files.map((f) => f.bytes.buffer as ArrayBuffer))]),
);
