/**
 * The studio's exports (mixdown WAV, stems ZIP, MIDI, .dawproject) and the
 * .dawproject import. Rendering runs in the browser (OfflineAudioContext)
 * from the recordings the studio already decoded for playback.
 */
import { measureLoudness } from '@dawg/music';
import type { Api } from '../api/api';
import type { CreateClip, Project } from '../api/types';
import type { Studio } from '../studio/studio';
import { playableClips } from '../audio/scheduler';
import type { Clip } from '../api/types';
import { beatsPerBar } from '../timeline/grid';
import { type DawprojectModel, metadataXml, parseMetadataTitle, parseProjectXml, projectXml } from './dawproject';
import { exportMidi } from './midi-export';
import { mp3SampleRate, type Mp3Bitrate } from './mp3';
import { renderProject, toWav } from './render';
import { readZip, writeZip } from './zip';

export interface ExportResult {
  fileName: string;
  bytes: Uint8Array;
  mimeType: string;
  /** Shown to the musician: length, loudness. */
  summary: string;
}

const safe = (name: string) => name.replace(/[\\/:*?"<>|\0]+/g, '_').trim() || 'Untitled';

/** The clips heard: of a recorded region's takes, only the active one. */
function heardClips(studio: Studio): Clip[] {
  const heard = new Set(playableClips(studio.state).map((c) => c.id));
  return studio.state.clips.filter((c) => heard.has(c.id));
}

/** Beats 0 to the end of the last clip heard. */
function songEnd(studio: Studio): number {
  return heardClips(studio).reduce((end, c) => Math.max(end, c.startBeat + c.lengthBeats), 0);
}

async function decodedProject(studio: Studio) {
  const project = studio.schedProject();
  await studio.engine.loadBuffers(project.clips.flatMap((c) => (c.audioFileId ? [c.audioFileId] : [])));
  return project;
}

/** The whole song through the mixer, and what to tell the musician about it (length, loudness). */
async function renderMixdown(studio: Studio, sampleRate: number): Promise<{ buffer: AudioBuffer; summary: string }> {
  const end = songEnd(studio);
  if (end <= 0) throw new Error('There is nothing on the timeline to export yet.');
  const project = await decodedProject(studio);
  const buffer = await renderProject(project, studio.engine.decodedBuffers, { sampleRate, endBeat: end, masterDb: studio.state.masterDb });
  const channels = [buffer.getChannelData(0), buffer.getChannelData(1)];
  const loudness = measureLoudness({ sampleRate: buffer.sampleRate, channels }).integratedLufs;
  return { buffer, summary: `${buffer.duration.toFixed(1)} s, ${Number.isFinite(loudness) ? `${loudness.toFixed(1)} LUFS integrated` : 'silent'}` };
}

export async function exportMixdown(studio: Studio): Promise<ExportResult> {
  const { buffer, summary } = await renderMixdown(studio, studio.state.project!.sampleRate);
  return { fileName: `${safe(studio.state.project!.name)}.wav`, bytes: toWav(buffer), mimeType: 'audio/wav', summary };
}

/** The mixdown as a constant-bitrate MP3, encoded in a Worker; `onProgress` follows the encoding. */
export async function exportMixdownMp3(studio: Studio, kbps: Mp3Bitrate, onProgress?: (fraction: number) => void): Promise<ExportResult> {
  const sampleRate = mp3SampleRate(studio.state.project!.sampleRate);
  const [{ buffer, summary }, { encodeMp3InWorker }] = await Promise.all([renderMixdown(studio, sampleRate), import('./mp3-client')]);
  // Copies, moved to the worker (the AudioBuffer keeps its own).
  const channels = Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c).slice());
  const bytes = await encodeMp3InWorker(channels, sampleRate, kbps, onProgress);
  return { fileName: `${safe(studio.state.project!.name)}.mp3`, bytes, mimeType: 'audio/mpeg', summary: `${summary}, ${kbps} kbps` };
}

export async function exportStems(studio: Studio): Promise<ExportResult> {
  const end = songEnd(studio);
  if (end <= 0) throw new Error('There is nothing on the timeline to export yet.');
  const project = await decodedProject(studio);
  const entries = [];
  const used = studio.state.tracks.filter((t) => studio.state.clips.some((c) => c.trackId === t.id));
  for (const [i, track] of used.entries()) {
    const buffer = await renderProject(project, studio.engine.decodedBuffers, { sampleRate: studio.state.project!.sampleRate, endBeat: end, onlyTrackId: track.id });
    entries.push({ name: `${String(i + 1).padStart(2, '0')} ${safe(track.name)}.wav`, data: toWav(buffer) });
  }
  return { fileName: `${safe(studio.state.project!.name)} stems.zip`, bytes: writeZip(entries), mimeType: 'application/zip', summary: `${entries.length} stems` };
}

export function exportMidiFile(studio: Studio): ExportResult {
  const s = studio.state;
  const midiTracks = s.tracks.filter((t) => t.kind === 'midi');
  if (!midiTracks.length) throw new Error('This project has no MIDI tracks to export.');
  const bytes = exportMidi({ bpm: s.project!.bpm, timeSignature: s.project!.timeSignature, tracks: s.tracks, clips: s.clips, markers: s.markers });
  return { fileName: `${safe(s.project!.name)}.mid`, bytes, mimeType: 'audio/midi', summary: `${midiTracks.length} MIDI track${midiTracks.length === 1 ? '' : 's'}` };
}

export async function exportDawproject(studio: Studio): Promise<ExportResult> {
  const s = studio.state;
  // The model has no takes: what is heard goes out (a region's active take).
  const clips = heardClips(studio);
  const audioIds = [...new Set(clips.flatMap((c) => (c.audioFileId ? [c.audioFileId] : [])))];
  const paths = new Map<string, string>();
  const files = [];
  for (const id of audioIds) {
    const ext = /\.(\w{2,5})$/.exec(s.audio[id]?.fileName ?? '')?.[1]?.toLowerCase() ?? 'wav';
    const path = `audio/${id}.${ext}`;
    paths.set(id, path);
    files.push({ name: path, data: new Uint8Array(await studio.api.audioContent(id)) });
  }
  const model: DawprojectModel = {
    name: s.project!.name,
    bpm: s.project!.bpm,
    timeSignature: s.project!.timeSignature,
    tracks: s.tracks.map((t) => ({ id: t.id, name: t.name, kind: t.kind, color: t.color, volumeDb: t.volumeDb, pan: t.pan, mute: t.mute, solo: t.solo })),
    clips: clips.map((c) => ({
      trackId: c.trackId,
      name: c.name,
      startBeat: c.startBeat,
      lengthBeats: c.lengthBeats,
      sourceOffsetSeconds: c.sourceOffsetSeconds,
      fadeInSeconds: c.fadeInSeconds,
      fadeOutSeconds: c.fadeOutSeconds,
      audioPath: c.audioFileId ? paths.get(c.audioFileId)! : null,
      audioSeconds: c.audioFileId ? (s.audio[c.audioFileId]?.durationSeconds ?? null) : null,
      notes: c.notes,
    })),
    markers: s.markers.map((m) => ({ name: m.name, beat: m.beat, color: m.color })),
  };
  const text = new TextEncoder();
  const bytes = writeZip([{ name: 'project.xml', data: text.encode(projectXml(model)) }, { name: 'metadata.xml', data: text.encode(metadataXml(model.name)) }, ...files]);
  return { fileName: `${safe(model.name)}.dawproject`, bytes, mimeType: 'application/zip', summary: `${model.tracks.length} tracks, ${model.clips.length} clips, ${files.length} recordings` };
}

/** Offers bytes as a download. */
export function download(result: ExportResult): void {
  const url = URL.createObjectURL(new Blob([result.bytes as Uint8Array<ArrayBuffer>], { type: result.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = result.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const TIME_DENOMINATORS = [1, 2, 4, 8, 16, 32] as const;

/**
 * Creates a project from a .dawproject file: the recordings are uploaded,
 * then tracks, clips and markers created as the studio would. Answers the
 * new project.
 */
export async function importDawproject(api: Api, file: File, onProgress?: (text: string) => void): Promise<Project> {
  const entries = await readZip(new Uint8Array(await file.arrayBuffer()));
  const byName = new Map(entries.map((e) => [e.name, e.data]));
  const projectEntry = byName.get('project.xml');
  if (!projectEntry) throw new Error(`${file.name} has no project.xml: it is not a .dawproject file.`);
  const decoder = new TextDecoder();
  const model = parseProjectXml(decoder.decode(projectEntry));
  const metadata = byName.get('metadata.xml');
  const title = (metadata && parseMetadataTitle(decoder.decode(metadata))) || file.name.replace(/\.dawproject$/i, '');
  const denominator = TIME_DENOMINATORS.find((d) => d === model.timeSignature.denominator) ?? 4;
  const project = await api.createProject({
    name: title.slice(0, 120),
    bpm: Math.min(400, Math.max(20, model.bpm)),
    timeSignature: { numerator: Math.min(32, Math.max(1, Math.round(model.timeSignature.numerator))), denominator },
  });
  const audioIds = new Map<string, string>();
  const paths = [...new Set(model.clips.flatMap((c) => (c.audioPath ? [c.audioPath] : [])))];
  for (const [i, path] of paths.entries()) {
    const data = byName.get(path) ?? byName.get(path.replace(/^\.?\//, ''));
    if (!data) continue;
    onProgress?.(`Uploading recording ${i + 1} of ${paths.length}`);
    const audio = await api.uploadAudio(new Blob([data as Uint8Array<ArrayBuffer>]), path.split('/').at(-1)!, project.id);
    audioIds.set(path, audio.id);
  }
  onProgress?.('Creating tracks and clips');
  const trackIds = new Map<string, string>();
  for (const track of model.tracks) {
    const created = await api.createTrack(project.id, { name: track.name.slice(0, 120), kind: track.kind, volumeDb: Math.max(-96, Math.min(12, track.volumeDb)), pan: track.pan, mute: track.mute, solo: track.solo, color: track.color });
    trackIds.set(track.id, created.id);
  }
  const bar = beatsPerBar({ numerator: project.timeSignature.numerator, denominator: project.timeSignature.denominator });
  for (const clip of model.clips) {
    const trackId = trackIds.get(clip.trackId);
    const track = model.tracks.find((t) => t.id === clip.trackId);
    if (!trackId || !track || clip.lengthBeats <= 0) continue;
    const audioFileId = clip.audioPath ? audioIds.get(clip.audioPath) : undefined;
    if (track.kind === 'audio' && !audioFileId) continue;
    const body: CreateClip = {
      trackId,
      name: clip.name.slice(0, 120),
      startBeat: Math.max(0, clip.startBeat),
      lengthBeats: clip.lengthBeats || bar,
      ...(audioFileId
        ? { audioFileId, sourceOffsetSeconds: Math.max(0, clip.sourceOffsetSeconds), fadeInSeconds: clip.fadeInSeconds, fadeOutSeconds: clip.fadeOutSeconds }
        : { notes: (clip.notes ?? []).slice(0, 20_000) }),
    };
    await api.createClip(project.id, body);
  }
  for (const marker of model.markers) await api.createMarker(project.id, { name: marker.name.slice(0, 120) || 'Marker', beat: Math.max(0, marker.beat), kind: 'custom', color: marker.color });
  return project;
}
