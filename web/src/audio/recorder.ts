/**
 * Records the microphone through an AudioWorklet (getUserMedia → worklet →
 * main thread), keeping the raw samples for the take and a peak summary
 * for the live waveform. Each batch carries the audio clock's time of its
 * first frame, so the take can be placed against the timeline exactly.
 */
import workletUrl from './recorder.worklet.js?url';

export const LIVE_PEAK_FRAMES = 512;

export interface RecordedTake {
  sampleRate: number;
  channels: Float32Array[];
  /** Context time of the first recorded frame. */
  startTime: number;
  /** The input's own latency as the browser reports it (seconds), if it does. */
  inputLatency: number;
}

const loaded = new WeakSet<BaseAudioContext>();

export class Recorder {
  private readonly chunks: Float32Array[][] = [];
  private frames = 0;
  private firstTime: number | null = null;
  /** Min/max pairs per LIVE_PEAK_FRAMES frames, 16-bit scaled (the layout of the api's peaks). */
  readonly livePeaks: number[] = [];
  private peakMin = 0;
  private peakMax = 0;
  private peakFill = 0;

  private constructor(
    private readonly ctx: AudioContext,
    private readonly stream: MediaStream,
    private readonly source: MediaStreamAudioSourceNode,
    private readonly node: AudioWorkletNode,
  ) {
    node.port.onmessage = (event: MessageEvent<{ type: 'chunk'; time: number; channels: Float32Array[] } | { type: 'stopped' }>) => {
      if (event.data.type === 'chunk') this.add(event.data.time, event.data.channels);
    };
  }

  /** Asks for the microphone (raw: no echo cancellation, noise suppression or gain control) and starts capturing. */
  static async start(ctx: AudioContext): Promise<Recorder> {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
    if (!loaded.has(ctx)) {
      await ctx.audioWorklet.addModule(workletUrl);
      loaded.add(ctx);
    }
    const source = ctx.createMediaStreamSource(stream);
    const channelCount = Math.min(2, stream.getAudioTracks()[0]?.getSettings().channelCount ?? 1) || 1;
    const node = new AudioWorkletNode(ctx, 'dawg-recorder', { numberOfInputs: 1, numberOfOutputs: 0, channelCount, channelCountMode: 'explicit' });
    source.connect(node);
    return new Recorder(ctx, stream, source, node);
  }

  get seconds(): number {
    return this.frames / this.ctx.sampleRate;
  }

  /** Stops capturing and answers the take. */
  async stop(): Promise<RecordedTake> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 500);
      this.node.port.addEventListener('message', (event: MessageEvent<{ type: string }>) => {
        if (event.data.type === 'stopped') {
          clearTimeout(timer);
          // The final chunk arrives before 'stopped'; let its handler run.
          setTimeout(resolve, 0);
        }
      });
      this.node.port.postMessage('stop');
    });
    this.source.disconnect();
    this.node.disconnect();
    for (const track of this.stream.getTracks()) track.stop();
    const channelCount = this.chunks[0]?.length ?? 1;
    const channels = Array.from({ length: channelCount }, (_, c) => {
      const out = new Float32Array(this.frames);
      let at = 0;
      for (const chunk of this.chunks) {
        out.set(chunk[c] ?? chunk[0]!, at);
        at += chunk[0]!.length;
      }
      return out;
    });
    const latency = this.stream.getAudioTracks()[0]?.getSettings() as MediaTrackSettings & { latency?: number };
    return { sampleRate: this.ctx.sampleRate, channels, startTime: this.firstTime ?? this.ctx.currentTime, inputLatency: latency?.latency ?? 0 };
  }

  private add(time: number, channels: Float32Array[]): void {
    if (this.firstTime === null) this.firstTime = time;
    this.chunks.push(channels);
    this.frames += channels[0]!.length;
    const first = channels[0]!;
    for (let i = 0; i < first.length; i++) {
      const v = first[i]!;
      if (v < this.peakMin) this.peakMin = v;
      if (v > this.peakMax) this.peakMax = v;
      if (++this.peakFill === LIVE_PEAK_FRAMES) {
        this.livePeaks.push(Math.round(this.peakMin * 32767), Math.round(this.peakMax * 32767));
        this.peakMin = this.peakMax = 0;
        this.peakFill = 0;
      }
    }
  }
}
