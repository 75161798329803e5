/**
 * What the assistant's tool calls do to the open studio. The tools act
 * through the api, so their changes reach the studio as the project room's
 * events (`track:updated`, `project:updated`), like a collaborator's; if one
 * has not shown up shortly after the tool reported it, the studio reloads.
 * A generate tool only queues a job: when that job finishes, its audio goes
 * onto the timeline as a new track, one undoable edit, as if added from the
 * generate panel.
 */
import type { GenerationAccepted, GenerationKind } from '@dawg/contracts';
import type { Api } from '../api/api';
import { describeError } from '../api/errors';
import { createStore } from '../state/store';
import type { Studio } from '../studio/studio';
import { addGenerationToProject } from './add-to-project';
import { generationTracker } from './generation';

export const GENERATE_TOOLS: Record<string, GenerationKind> = {
  generate_beat: 'beat',
  generate_melody: 'melody',
  generate_chords: 'chords',
  generate_arrangement: 'arrangement',
  generate_lyrics: 'lyrics',
  mix_and_master: 'automix',
  master: 'master',
};
const ADDABLE: ReadonlySet<GenerationKind> = new Set(['beat', 'melody', 'chords', 'arrangement']);

/** Per job: what became of the assistant's generation on this timeline. */
export type AdditionStatus = { state: 'waiting' } | { state: 'adding' } | { state: 'added'; trackIds: string[] } | { state: 'failed'; error: string };
export const additions = createStore<Record<string, AdditionStatus>>({});
const setAddition = (jobId: string, status: AdditionStatus) => additions.set({ [jobId]: status });

/** How long the project room's event may take before the studio reads the project again. */
const EVENT_GRACE_MS = 1_500;

export function applyToolEffect(studio: Studio, api: Api, tool: { name: string; args?: Record<string, unknown>; result?: unknown }): void {
  const kind = GENERATE_TOOLS[tool.name];
  if (kind) {
    const job = tool.result as Partial<GenerationAccepted> | undefined;
    if (!job?.jobId) return;
    const jobId = job.jobId;
    const tracker = generationTracker(api);
    tracker.follow(jobId, kind, job.seed ?? 0);
    if (!ADDABLE.has(kind) || additions.get()[jobId]) return;
    void addWhenDone(studio, api, jobId, tool.args ?? {});
    return;
  }
  setTimeout(() => {
    if (!reflected(studio, tool.name, tool.result)) void studio.load();
  }, EVENT_GRACE_MS);
}

export const canAddToTimeline = (kind: GenerationKind) => ADDABLE.has(kind);

/**
 * Waits for an assistant's generation and adds its audio to the timeline (one undoable edit); also what the card's
 * "Add to timeline" button does for a generation from an earlier visit, or after a failed attempt.
 */
export async function addWhenDone(studio: Studio, api: Api, jobId: string, args: Record<string, unknown>): Promise<void> {
  setAddition(jobId, { state: 'waiting' });
  const done = await generationTracker(api).finished(jobId);
  if (done.state !== 'succeeded') {
    setAddition(jobId, { state: 'failed', error: done.error ?? 'the job did not finish' });
    return;
  }
  setAddition(jobId, { state: 'adding' });
  try {
    const added = await addGenerationToProject(studio, api, done, {
      mode: 'audio',
      ...(typeof args.genre === 'string' ? { genre: args.genre } : {}),
      ...(typeof args.bpm === 'number' ? { bpm: args.bpm } : {}),
      ...(typeof args.bars === 'number' ? { bars: args.bars } : {}),
      // An empty project takes the generation's tempo, so the new clip sits on the grid.
      matchTempo: studio.state.clips.length === 0,
    });
    setAddition(jobId, added ? { state: 'added', trackIds: added.trackIds } : { state: 'failed', error: 'the studio could not add it' });
  } catch (err) {
    setAddition(jobId, { state: 'failed', error: describeError(err) });
  }
}

/** Whether the studio already shows what a DAW tool did (unknown tools count as shown). */
export function reflected(studio: Pick<Studio, 'state'>, name: string, result: unknown): boolean {
  const s = studio.state;
  const r = (result ?? {}) as Record<string, unknown>;
  switch (name) {
    case 'create_track':
    case 'rename_track':
    case 'update_track': {
      const track = s.tracks.find((t) => t.id === r.id);
      return track !== undefined && track.version >= Number(r.version ?? 0);
    }
    case 'delete_track':
      return !s.tracks.some((t) => t.id === r.deleted);
    case 'set_tempo':
      return s.project?.bpm === r.bpm;
    case 'set_key': {
      const key = r.key as { tonic?: string; scale?: string } | null | undefined;
      return s.project?.key?.tonic === key?.tonic && s.project?.key?.scale === key?.scale;
    }
    case 'add_marker':
      return s.markers.some((m) => m.id === r.id);
    default:
      return true;
  }
}
