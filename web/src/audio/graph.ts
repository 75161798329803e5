/**
 * The mixing graph, the same for live playback and the offline mixdown:
 * a channel per track (clip sum → fader → pan → meter tap) into the master.
 */
import { type AudioClipEvent, type PlaybackEvent, type SchedTrack, trackGain } from './scheduler';
import { playNote } from './synth';

export interface Channel {
  input: GainNode;
  fader: GainNode;
  panner: StereoPannerNode;
  meter: AnalyserNode;
}

export function createChannel(ctx: BaseAudioContext, destination: AudioNode): Channel {
  const input = ctx.createGain();
  const fader = ctx.createGain();
  const panner = ctx.createStereoPanner();
  const meter = ctx.createAnalyser();
  meter.fftSize = 2048;
  input.connect(fader).connect(panner).connect(destination);
  panner.connect(meter);
  return { input, fader, panner, meter };
}

/** Sets a channel to its track's fader, pan, mute and solo (smoothly while playing). */
export function applyTrack(ctx: BaseAudioContext, channel: Channel, track: SchedTrack, tracks: readonly SchedTrack[]): void {
  const gain = trackGain(track, tracks);
  const now = ctx.currentTime;
  channel.fader.gain.cancelScheduledValues(now);
  channel.fader.gain.setTargetAtTime(gain, now, 0.01);
  channel.panner.pan.cancelScheduledValues(now);
  channel.panner.pan.setTargetAtTime(track.pan, now, 0.01);
}

/** Starts one clip's audio: sample-accurate at event.when (or joined late, in sync, if that moment has passed). */
export function startAudio(ctx: BaseAudioContext, event: AudioClipEvent, buffer: AudioBuffer, destination: AudioNode): AudioBufferSourceNode | null {
  const lateness = Math.max(0, ctx.currentTime - event.when);
  if (lateness >= event.duration) return null;
  const source = ctx.createBufferSource();
  source.buffer = buffer;
  const gain = ctx.createGain();
  if (event.envelope.length) {
    gain.gain.setValueAtTime(event.gain * event.envelope[0]![1], event.envelope[0]![0] + lateness);
    for (const [time, level] of event.envelope.slice(1)) gain.gain.linearRampToValueAtTime(event.gain * level, time);
  } else {
    gain.gain.value = event.gain;
  }
  source.connect(gain).connect(destination);
  source.start(event.when + lateness, event.offset + lateness, event.duration - lateness);
  return source;
}

/** Schedules events into the channels; answers the nodes started (to stop them on pause). */
export function scheduleEvents(
  ctx: BaseAudioContext,
  events: readonly PlaybackEvent[],
  channels: ReadonlyMap<string, Channel>,
  buffers: ReadonlyMap<string, AudioBuffer>,
  click?: (when: number, accent: boolean) => AudioScheduledSourceNode,
): AudioScheduledSourceNode[] {
  const started: AudioScheduledSourceNode[] = [];
  for (const event of events) {
    if (event.type === 'click') {
      if (click) started.push(click(event.when, event.accent));
      continue;
    }
    const channel = channels.get(event.trackId);
    if (!channel) continue;
    if (event.type === 'audio') {
      const buffer = buffers.get(event.audioFileId);
      const source = buffer && startAudio(ctx, event, buffer, channel.input);
      if (source) started.push(source);
    } else {
      started.push(...playNote(ctx, channel.input, event));
    }
  }
  return started;
}
