/**
 * The transport: plays the project through the Web Audio API. A timer looks
 * ahead (LOOKAHEAD seconds) and hands the scheduler's events for the coming
 * stretch to the audio clock, so timing is the audio clock's (sample
 * accurate), never the timer's. Loops are chains of segments; mixer changes
 * act on the channels live; edits while playing re-schedule from where the
 * playhead is.
 */
import { kWeightingCoefficients } from '@dawg/music';
import { secondsPerBeat } from '../timeline/grid';
import { applyTrack, type Channel, createChannel, scheduleEvents } from './graph';
import { blockLoudness, gatedLoudness, meanSquare, peakDb } from './loudness';
import { dbToGain, eventsInWindow, playbackSegments, positionAt, type SchedProject, type Segment } from './scheduler';
import { playClick } from './synth';

export const LOOKAHEAD_SECONDS = 0.2;
const TICK_MS = 25;

export interface Loop {
  startBeat: number;
  endBeat: number;
}

export interface Meters {
  tracks: Record<string, number>;
  masterPeakDb: [number, number];
  momentaryLufs: number;
  integratedLufs: number;
}

interface Playing {
  segments: Segment[];
  /** Per segment index: the beat scheduled up to. */
  scheduledTo: number[];
  loop: Loop | null;
  started: Set<AudioScheduledSourceNode>;
}

export class AudioEngine {
  private ctx: AudioContext | null = null;
  private masterGain!: GainNode;
  private masterMeters!: [AnalyserNode, AnalyserNode];
  private loudnessMeters!: [AnalyserNode, AnalyserNode];
  private readonly channels = new Map<string, Channel>();
  private readonly buffers = new Map<string, AudioBuffer>();
  private readonly loading = new Map<string, Promise<AudioBuffer | null>>();
  private playing: Playing | null = null;
  /** Where the current playback began: its first beat and the context time it sounded. */
  private origin: { fromBeat: number; startTime: number } | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private stoppedAt = 0;
  private loudnessBlocks: number[] = [];
  private lastBlockAt = 0;
  metronome = false;
  private masterDb = 0;

  constructor(
    private readonly project: () => SchedProject,
    private readonly fetchAudio: (audioFileId: string) => Promise<ArrayBuffer>,
  ) {}

  get isPlaying(): boolean {
    return this.playing !== null;
  }
  get context(): AudioContext | null {
    return this.ctx;
  }

  /** The playhead in beats. */
  get position(): number {
    if (!this.playing || !this.ctx) return this.stoppedAt;
    return positionAt(this.playing.segments, this.ctx.currentTime - this.outputLatency(), this.project().bpm);
  }

  /** Where the current playback began (for placing a recorded take), or null when stopped. */
  get playbackOrigin(): { fromBeat: number; startTime: number } | null {
    return this.playing ? this.origin : null;
  }

  /** Seconds from scheduling a sound to hearing it (the output's latency as the browser reports it). */
  outputLatency(): number {
    const ctx = this.ctx as (AudioContext & { outputLatency?: number }) | null;
    return ctx ? (ctx.outputLatency ?? 0) + ctx.baseLatency : 0;
  }

  /** Creates (or resumes) the AudioContext: call from a click or key press, as browsers require. */
  async start(): Promise<AudioContext> {
    if (!this.ctx) {
      const ctx = new AudioContext({ latencyHint: 'interactive' });
      this.masterGain = ctx.createGain();
      this.masterGain.gain.value = dbToGain(this.masterDb);
      this.masterGain.connect(ctx.destination);
      this.masterMeters = this.stereoTap(ctx, this.masterGain, false);
      this.loudnessMeters = this.stereoTap(ctx, this.masterGain, true);
      this.ctx = ctx;
    }
    if (this.ctx.state !== 'running') await this.ctx.resume();
    this.syncChannels();
    return this.ctx;
  }

  /** The master fader (this browser only: the project has no master level of its own). */
  setMasterGain(db: number): void {
    this.masterDb = db;
    if (this.ctx) this.masterGain.gain.setTargetAtTime(dbToGain(db), this.ctx.currentTime, 0.01);
  }

  /** Creates and updates the channels for the project's tracks (fader, pan, mute, solo). */
  syncChannels(): void {
    const ctx = this.ctx;
    if (!ctx) return;
    const { tracks } = this.project();
    const ids = new Set(tracks.map((t) => t.id));
    for (const [id, channel] of this.channels) {
      if (!ids.has(id)) {
        channel.panner.disconnect();
        this.channels.delete(id);
      }
    }
    for (const track of tracks) {
      let channel = this.channels.get(track.id);
      if (!channel) {
        channel = createChannel(ctx, this.masterGain);
        this.channels.set(track.id, channel);
      }
      applyTrack(ctx, channel, track, tracks);
    }
  }

  /** Decodes the recordings the project uses (once each). */
  async loadBuffers(audioFileIds: Iterable<string>): Promise<void> {
    const ctx = this.ctx ?? (await this.start());
    await Promise.all(
      [...new Set(audioFileIds)].map((id) => {
        if (this.buffers.has(id)) return undefined;
        let pending = this.loading.get(id);
        if (!pending) {
          pending = this.fetchAudio(id)
            .then((bytes) => ctx.decodeAudioData(bytes))
            .then((buffer) => {
              this.buffers.set(id, buffer);
              return buffer;
            })
            .catch(() => null)
            .finally(() => this.loading.delete(id));
          this.loading.set(id, pending);
        }
        return pending;
      }),
    );
  }

  /** The decoded recordings (for the offline mixdown). */
  get decodedBuffers(): ReadonlyMap<string, AudioBuffer> {
    return this.buffers;
  }

  hasBuffer(audioFileId: string): boolean {
    return this.buffers.has(audioFileId);
  }

  async play(fromBeat: number, loop: Loop | null): Promise<void> {
    const ctx = await this.start();
    this.halt();
    const project = this.project();
    await this.loadBuffers(project.clips.flatMap((c) => (c.audioFileId ? [c.audioFileId] : [])));
    const startTime = ctx.currentTime + 0.05;
    const segments = playbackSegments(fromBeat, startTime, project.bpm, loop, startTime + LOOKAHEAD_SECONDS * 2);
    this.playing = { segments, scheduledTo: segments.map((s) => s.fromBeat), loop, started: new Set() };
    this.origin = { fromBeat, startTime };
    this.loudnessBlocks = [];
    this.tick();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  /** Pauses; the playhead stays where it is. */
  pause(): number {
    const position = this.position;
    this.halt();
    this.stoppedAt = position;
    return position;
  }

  /** Moves the playhead (continuing to play from there if playing). */
  seek(beat: number): void {
    const playing = this.playing;
    this.stoppedAt = Math.max(0, beat);
    if (playing) void this.play(this.stoppedAt, playing.loop);
  }

  /** After an edit while playing: schedule again from the playhead so the change is heard. */
  reschedule(loop?: Loop | null): void {
    if (!this.playing) return;
    const position = this.position;
    void this.play(position, loop === undefined ? this.playing.loop : loop);
  }

  meters(): Meters {
    const tracks: Record<string, number> = {};
    if (!this.ctx) return { tracks, masterPeakDb: [-Infinity, -Infinity], momentaryLufs: -Infinity, integratedLufs: -Infinity };
    const buffer = new Float32Array(2048);
    for (const [id, channel] of this.channels) {
      channel.meter.getFloatTimeDomainData(buffer);
      tracks[id] = peakDb(buffer);
    }
    const masterPeakDb = this.masterMeters.map((m) => {
      m.getFloatTimeDomainData(buffer);
      return peakDb(buffer);
    }) as [number, number];
    const window = Math.round(this.ctx.sampleRate * 0.4);
    const big = new Float32Array(this.loudnessMeters[0].fftSize);
    const squares = this.loudnessMeters.map((m) => {
      m.getFloatTimeDomainData(big);
      return meanSquare(big, window);
    });
    const momentaryLufs = blockLoudness(squares);
    // Gating blocks every 100 ms while playing (75 % overlap, as BS.1770 specifies).
    if (this.playing && this.ctx.currentTime - this.lastBlockAt >= 0.1) {
      this.lastBlockAt = this.ctx.currentTime;
      this.loudnessBlocks.push(squares[0]! + squares[1]!);
    }
    return { tracks, masterPeakDb, momentaryLufs, integratedLufs: gatedLoudness(this.loudnessBlocks) };
  }

  async close(): Promise<void> {
    this.halt();
    await this.ctx?.close().catch(() => undefined);
    this.ctx = null;
    this.channels.clear();
  }

  private tick(): void {
    const ctx = this.ctx;
    const playing = this.playing;
    if (!ctx || !playing) return;
    const project = this.project();
    const spb = secondsPerBeat(project.bpm);
    const horizon = ctx.currentTime + LOOKAHEAD_SECONDS;
    // A loop keeps going: add passes as the horizon nears the last one's end.
    const last = playing.segments.at(-1)!;
    if (playing.loop && last.toBeat !== Infinity && last.startTime + (last.toBeat - last.fromBeat) * spb < horizon + LOOKAHEAD_SECONDS) {
      const next = playbackSegments(playing.loop.startBeat, last.startTime + (last.toBeat - last.fromBeat) * spb, project.bpm, playing.loop, horizon + LOOKAHEAD_SECONDS * 2);
      for (const s of next) {
        playing.segments.push(s);
        playing.scheduledTo.push(s.fromBeat);
      }
    }
    playing.segments.forEach((segment, i) => {
      if (segment.startTime > horizon || playing.scheduledTo[i]! >= segment.toBeat) return;
      const until = Math.min(segment.toBeat, segment.fromBeat + (horizon - segment.startTime) / spb);
      const from = playing.scheduledTo[i]!;
      if (until <= from) return;
      const events = eventsInWindow(project, segment, from, until, { metronome: this.metronome });
      playing.scheduledTo[i] = until;
      for (const node of scheduleEvents(ctx, events, this.channels, this.buffers, (when, accent) => playClick(ctx, this.masterGain, when, accent))) {
        playing.started.add(node);
        node.onended = () => playing.started.delete(node);
      }
    });
    // Forget passes that are over (long loops would otherwise grow the list forever).
    while (playing.segments.length > 2 && playing.scheduledTo[0]! >= playing.segments[0]!.toBeat && playing.segments[1]!.startTime < ctx.currentTime) {
      playing.segments.shift();
      playing.scheduledTo.shift();
    }
  }

  private halt(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (!this.playing) return;
    for (const node of this.playing.started) {
      try {
        node.stop();
      } catch {
        // Not started yet or already stopped.
      }
    }
    this.playing = null;
  }

  /** Two analysers on the left and right of `source`; K-weighted (BS.1770's two filters) for loudness. */
  private stereoTap(ctx: AudioContext, source: AudioNode, kWeighted: boolean): [AnalyserNode, AnalyserNode] {
    let node: AudioNode = source;
    if (kWeighted) {
      // BS.1770's two filters with the exact coefficients for this sample rate (from @dawg/music).
      const { shelf, highPass } = kWeightingCoefficients(ctx.sampleRate);
      const stage1 = ctx.createIIRFilter([shelf.b0, shelf.b1, shelf.b2], [1, shelf.a1, shelf.a2]);
      const stage2 = ctx.createIIRFilter([highPass.b0, highPass.b1, highPass.b2], [1, highPass.a1, highPass.a2]);
      source.connect(stage1).connect(stage2);
      node = stage2;
    }
    const splitter = ctx.createChannelSplitter(2);
    node.connect(splitter);
    const make = (index: number) => {
      const analyser = ctx.createAnalyser();
      analyser.fftSize = kWeighted ? 32768 : 2048;
      splitter.connect(analyser, index);
      return analyser;
    };
    return [make(0), make(1)];
  }
}
