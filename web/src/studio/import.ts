/**
 * Files dropped on the timeline: recordings are uploaded (with progress) and
 * placed where they were dropped; MIDI files become MIDI clips. Each
 * placement is an undoable edit like any other.
 */
import { describeError } from '../api/errors';
import { readMidi } from '../midi/midi-file';
import { beatsPerBar, roundBeats, secondsToBeats } from '../timeline/grid';
import type { Studio } from './studio';

export interface DropTarget {
  trackId: string | null;
  beat: number;
}

const isMidiFile = (file: File) => /\.(mid|midi)$/i.test(file.name) || file.type === 'audio/midi' || file.type === 'audio/x-midi';
const baseName = (name: string) => name.replace(/\.[^.]+$/, '').slice(0, 120) || 'Clip';

export async function importFiles(studio: Studio, files: File[], target: DropTarget): Promise<void> {
  if (!studio.canEdit) {
    studio.toast('error', 'You can view this project but not change it.');
    return;
  }
  let beat = target.beat;
  for (const file of files) {
    const placed = isMidiFile(file) ? await importMidi(studio, file, { ...target, beat }) : await importAudio(studio, file, { ...target, beat });
    // Several files dropped at once go one after another.
    if (placed) beat = placed;
  }
}

/** Answers the beat where the placed clip ends, or null. */
async function importAudio(studio: Studio, file: File, target: DropTarget): Promise<number | null> {
  const uploadId = `${Date.now()}-${file.name}`;
  const setUpload = (patch: { progress?: number; error?: string } | null) =>
    studio.store.set((s) => ({
      uploads: patch === null ? s.uploads.filter((u) => u.id !== uploadId) : s.uploads.some((u) => u.id === uploadId) ? s.uploads.map((u) => (u.id === uploadId ? { ...u, ...patch } : u)) : [...s.uploads, { id: uploadId, name: file.name, progress: 0, ...patch }],
    }));
  setUpload({ progress: 0 });
  try {
    const audio = await studio.api.uploadAudio(file, file.name, studio.projectId, (progress) => setUpload({ progress }));
    studio.store.set((s) => ({ audio: { ...s.audio, [audio.id]: { id: audio.id, fileName: audio.fileName, durationSeconds: audio.durationSeconds } } }));
    setUpload(null);
    const track = studio.state.tracks.find((t) => t.id === target.trackId);
    const trackId = track?.kind === 'audio' ? track.id : await studio.addTrack('audio', baseName(file.name));
    if (!trackId) return null;
    const bpm = studio.state.project?.bpm ?? 120;
    const lengthBeats = roundBeats(Math.max(0.25, secondsToBeats(audio.durationSeconds ?? 1, bpm)));
    await studio.placeClip({ trackId, name: baseName(file.name), startBeat: target.beat, lengthBeats, audioFileId: audio.id }, 'Add recording');
    return target.beat + lengthBeats;
  } catch (err) {
    setUpload({ error: describeError(err) });
    setTimeout(() => setUpload(null), 8000);
    return null;
  }
}

async function importMidi(studio: Studio, file: File, target: DropTarget): Promise<number | null> {
  try {
    const midi = readMidi(new Uint8Array(await file.arrayBuffer()));
    if (!midi.tracks.length) {
      studio.toast('info', `${file.name} has no notes.`);
      return null;
    }
    const ts = studio.state.project?.timeSignature ?? { numerator: 4, denominator: 4 };
    const bar = beatsPerBar(ts);
    let end = target.beat;
    const dropTrack = studio.state.tracks.find((t) => t.id === target.trackId && t.kind === 'midi');
    for (const [i, part] of midi.tracks.entries()) {
      const trackId = i === 0 && dropTrack ? dropTrack.id : await studio.addTrack('midi', part.name.slice(0, 120));
      if (!trackId) return null;
      const last = part.notes.reduce((e, n) => Math.max(e, n.startBeat + n.lengthBeats), 0);
      const lengthBeats = Math.max(bar, Math.ceil(last / bar) * bar);
      const notes = part.notes.slice(0, 20_000).map((n) => ({
        pitch: n.pitch,
        startBeat: roundBeats(n.startBeat),
        lengthBeats: roundBeats(Math.max(1 / 64, n.lengthBeats)),
        velocity: Math.min(127, Math.max(1, n.velocity)),
      }));
      await studio.placeClip({ trackId, name: part.name.slice(0, 120) || baseName(file.name), startBeat: target.beat, lengthBeats, notes }, 'Import MIDI');
      end = Math.max(end, target.beat + lengthBeats);
    }
    return end;
  } catch (err) {
    studio.toast('error', `${file.name}: ${describeError(err)}`);
    return null;
  }
}
