/**
 * Listening to a generation before it goes on the timeline: its WAV decoded
 * in the studio's AudioContext and played once, beside (not through) the
 * project's channels, so the song's faders and mutes do not colour it.
 */
import type { Api } from '../api/api';
import type { AudioEngine } from '../audio/engine';
import { createStore } from '../state/store';
import { generationFile } from './generation';

export interface PreviewState {
  /** `${jobId}/${file}` playing now, or loading. */
  playing: string | null;
  loading: string | null;
  error: string | null;
}

export class GenerationPreview {
  readonly store = createStore<PreviewState>({ playing: null, loading: null, error: null });
  private source: AudioBufferSourceNode | null = null;
  private readonly buffers = new Map<string, AudioBuffer>();

  constructor(
    private readonly api: Api,
    private readonly engine: AudioEngine,
  ) {}

  async toggle(jobId: string, file: string): Promise<void> {
    const id = `${jobId}/${file}`;
    if (this.store.get().playing === id) {
      this.stop();
      return;
    }
    this.stop();
    this.store.set({ loading: id, error: null });
    try {
      // Started from the click, as browsers require, before any awaited download.
      const ctx = await this.engine.start();
      let buffer = this.buffers.get(id);
      if (!buffer) {
        buffer = await ctx.decodeAudioData(await generationFile(this.api, jobId, file));
        this.buffers.set(id, buffer);
      }
      if (this.store.get().loading !== id) return;
      const source = ctx.createBufferSource();
      source.buffer = buffer;
      source.connect(ctx.destination);
      source.onended = () => {
        if (this.source === source) {
          this.source = null;
          this.store.set({ playing: null });
        }
      };
      source.start();
      this.source = source;
      this.store.set({ playing: id, loading: null });
    } catch (err) {
      this.store.set({ loading: null, error: err instanceof Error ? err.message : String(err) });
    }
  }

  stop(): void {
    const source = this.source;
    this.source = null;
    if (source) {
      source.onended = null;
      try {
        source.stop();
      } catch {
        // Already ended.
      }
    }
    this.store.set({ playing: null, loading: null });
  }
}

const previews = new WeakMap<AudioEngine, GenerationPreview>();

export function generationPreview(api: Api, engine: AudioEngine): GenerationPreview {
  let preview = previews.get(engine);
  if (!preview) {
    preview = new GenerationPreview(api, engine);
    previews.set(engine, preview);
  }
  return preview;
}
