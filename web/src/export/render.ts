/**
 * Offline rendering with OfflineAudioContext: the same scheduler and mixing
 * graph as live playback, run as fast as the machine can, for the WAV
 * mixdown and for stems (one render per track, alone through its fader and
 * pan).
 */
import { encodeWav } from '@dawg/music';
import { createChannel, type Channel, scheduleEvents } from '../audio/graph';
import { dbToGain, eventsInWindow, type SchedProject, trackGain } from '../audio/scheduler';

export interface RenderOptions {
  sampleRate: number;
  /** Renders beats 0..endBeat, plus a tail for releases. */
  endBeat: number;
  tailSeconds?: number;
  /** Master level in dB (the master fader). */
  masterDb?: number;
  /** Only this track, ignoring every track's solo (a stem); muted tracks render silent. */
  onlyTrackId?: string;
}

export async function renderProject(project: SchedProject, buffers: ReadonlyMap<string, AudioBuffer>, options: RenderOptions): Promise<AudioBuffer> {
  const seconds = (options.endBeat * 60) / project.bpm + (options.tailSeconds ?? 1);
  const ctx = new OfflineAudioContext({ numberOfChannels: 2, length: Math.max(1, Math.ceil(seconds * options.sampleRate)), sampleRate: options.sampleRate });
  const master = ctx.createGain();
  master.gain.value = dbToGain(options.masterDb ?? 0);
  master.connect(ctx.destination);
  const tracks = options.onlyTrackId ? project.tracks.filter((t) => t.id === options.onlyTrackId) : project.tracks;
  const channels = new Map<string, Channel>();
  for (const track of tracks) {
    const channel = createChannel(ctx, master);
    channel.fader.gain.value = options.onlyTrackId ? (track.mute ? 0 : dbToGain(track.volumeDb)) : trackGain(track, project.tracks);
    channel.panner.pan.value = track.pan;
    channels.set(track.id, channel);
  }
  const events = eventsInWindow({ ...project, tracks }, { fromBeat: 0, toBeat: options.endBeat, startTime: 0 }, 0, options.endBeat);
  scheduleEvents(ctx, events, channels, buffers);
  return ctx.startRendering();
}

/** A rendered buffer as a 16-bit (dithered) or 24-bit WAV file. */
export function toWav(buffer: AudioBuffer, bitDepth: 16 | 24 = 16): Uint8Array {
  const channels = Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c));
  return encodeWav({ sampleRate: buffer.sampleRate, channels }, { bitDepth });
}
