import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Injectable } from '@nestjs/common';
import type { GenerationStage } from '@dawg/contracts';
import { renderGeneration, type RenderInput, type RenderOutput } from './render-generation';

/** Messages from render-thread.js. */
export type RenderThreadMessage = { type: 'progress'; stage: GenerationStage; percent: number } | { type: 'done'; output: RenderOutput };

const THREAD_FILE = join(__dirname, 'render-thread.js');

/**
 * Runs one render in a worker thread. Rendering is CPU-bound for seconds;
 * on the main thread it would stall the event loop, so the job's lock could
 * not be renewed (another worker would take the job over) and a timeout or
 * cancellation could not stop it. A thread is terminated on abort, at once.
 */
@Injectable()
export class RenderRunner {
  run(input: RenderInput, options: { signal: AbortSignal; onProgress: (stage: GenerationStage, percent: number) => void }): Promise<RenderOutput> {
    const { signal, onProgress } = options;
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    // Running from TypeScript sources (Jest in-process): there is no compiled thread file, so render here.
    if (!existsSync(THREAD_FILE)) return Promise.resolve().then(() => renderGeneration(input, onProgress));
    return new Promise<RenderOutput>((resolve, reject) => {
      const thread = new Worker(THREAD_FILE, { workerData: input });
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        fn();
      };
      const onAbort = () => settle(() => void thread.terminate().finally(() => reject(signal.reason as Error)));
      signal.addEventListener('abort', onAbort, { once: true });
      thread.on('message', (message: RenderThreadMessage) => {
        if (message.type === 'progress') onProgress(message.stage, message.percent);
        else settle(() => resolve(message.output));
      });
      thread.once('error', (err) => settle(() => reject(err)));
      thread.once('exit', (code) => settle(() => reject(new Error(`the render thread exited with code ${code} before finishing`))));
    });
  }
}
