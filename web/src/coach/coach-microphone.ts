/**
 * The coach's microphone: getUserMedia (raw: no echo cancellation, noise
 * suppression or gain control, which would bend the pitch) into an
 * AudioWorklet that cuts mono frames of the voice service's hop size. Each
 * frame arrives with the time the audio thread took in its newest sample, on
 * the page's clock (performance.now): the page sends its clock to the
 * worklet a few times a second, and the worklet maps its audio clock with it.
 */
import workletUrl from './coach-capture.worklet.js?url';

export interface CapturedFrame {
  samples: Float32Array<ArrayBuffer>;
  /** performance.now() of the frame's newest sample. */
  capturedAt: number;
  /** The mapped capture time came after the frame reached the page (a clock estimate off by a little), so the arrival was used. */
  clamped: boolean;
  /** The audio clock's time just after the frame's newest sample. */
  endTime: number;
}

const loaded = new WeakMap<BaseAudioContext, Promise<void>>();
/** How often the page's clock is sent to the worklet. */
const CLOCK_EVERY_MS = 250;

export class CoachMicrophone {
  private readonly clock: ReturnType<typeof setInterval>;

  private constructor(
    private readonly ctx: AudioContext,
    private readonly stream: MediaStream,
    private readonly source: MediaStreamAudioSourceNode,
    private readonly node: AudioWorkletNode,
  ) {
    const sendClock = () => node.port.postMessage({ type: 'clock', now: performance.now() });
    sendClock();
    this.clock = setInterval(sendClock, CLOCK_EVERY_MS);
  }

  static async open(ctx: AudioContext, frameSamples: number, onFrame: (frame: CapturedFrame) => void): Promise<CoachMicrophone> {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, channelCount: 1 } });
    try {
      let ready = loaded.get(ctx);
      if (!ready) {
        ready = ctx.audioWorklet.addModule(workletUrl);
        loaded.set(ctx, ready);
      }
      await ready;
      const source = ctx.createMediaStreamSource(stream);
      const node = new AudioWorkletNode(ctx, 'dawg-coach-capture', { numberOfInputs: 1, numberOfOutputs: 0, processorOptions: { frameSamples } });
      node.port.onmessage = (event: MessageEvent<{ type: 'frame'; samples: Float32Array<ArrayBuffer>; endTime: number; capturedAt: number | null } | { type: 'stopped' }>) => {
        if (event.data.type !== 'frame') return;
        const received = performance.now();
        const captured = event.data.capturedAt ?? audioTimeToPerformance(ctx, event.data.endTime);
        onFrame({ samples: event.data.samples, endTime: event.data.endTime, capturedAt: Math.min(received, captured), clamped: captured > received });
      };
      source.connect(node);
      return new CoachMicrophone(ctx, stream, source, node);
    } catch (err) {
      for (const track of stream.getTracks()) track.stop();
      throw err;
    }
  }

  get sampleRate(): number {
    return this.ctx.sampleRate;
  }

  /** The input's own latency as the browser reports it (seconds), if it does. */
  get inputLatency(): number {
    const settings = this.stream.getAudioTracks()[0]?.getSettings() as (MediaTrackSettings & { latency?: number }) | undefined;
    return settings?.latency ?? 0;
  }

  close(): void {
    clearInterval(this.clock);
    this.node.port.postMessage('stop');
    this.node.port.onmessage = null;
    this.source.disconnect();
    this.node.disconnect();
    for (const track of this.stream.getTracks()) track.stop();
  }
}

/**
 * Before the worklet has the page's clock: getOutputTimestamp pairs the two
 * clocks at the output (when a sample is heard), which is later than the
 * audio thread's processing by the output latency; the caller clamps it to
 * when the frame reached the page.
 */
export function audioTimeToPerformance(ctx: AudioContext, contextTime: number): number {
  const stamp = ctx.getOutputTimestamp();
  if (stamp.contextTime === undefined || stamp.performanceTime === undefined || stamp.performanceTime === 0) return performance.now();
  return stamp.performanceTime + (contextTime - stamp.contextTime) * 1000;
}
