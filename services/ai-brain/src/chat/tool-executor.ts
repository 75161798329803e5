import { Injectable } from '@nestjs/common';
import type { GenerationAccepted, Marker, Project, ProjectDocument, Track } from '@dawg/contracts';
import { parseToolArguments } from '@dawg/assistant';
import { ApiCallError, type ApiClient } from '@dawg/platform';
import { OPERATOR_TOOLS } from './operator-tools';

/** What one tool call did, for the model (result), the card (summary) and the log (status). */
export interface ToolOutcome {
  status: 'ok' | 'error';
  summary: string;
  result: unknown;
}

export interface ToolContext {
  api: ApiClient;
  /** The conversation's project; DAW tools need one. */
  projectId: string | null;
}

const BEATS_PER_BAR = 4;
const OPERATOR_TOOL_NAMES = new Set(OPERATOR_TOOLS.map((t) => t.name));
const COMPOSE_TOOLS: Record<string, 'beat' | 'melody' | 'chords' | 'arrangement'> = {
  generate_beat: 'beat',
  generate_melody: 'melody',
  generate_chords: 'chords',
  generate_arrangement: 'arrangement',
};

/**
 * Runs the assistant's tools against the api with the user's own token.
 * Every provider (the LLMs and the offline one) calls the same tools with
 * the same arguments, validated by @dawg/assistant's schemas here, so a
 * model cannot reach anything the tools do not describe. Failures become
 * results the model can explain ("No track named Drums"), never exceptions.
 */
@Injectable()
export class ToolExecutor {
  /** The card's line while the tool runs. */
  describe(name: string, args: Record<string, unknown>): string {
    const a = args as Record<string, string | number | boolean | undefined>;
    switch (name) {
      case 'get_project_state':
        return 'Reading the project';
      case 'create_track':
        return `Creating track ${a.name}`;
      case 'rename_track':
        return `Renaming ${a.track} to ${a.name}`;
      case 'delete_track':
        return `Deleting track ${a.track}`;
      case 'update_track':
        return `Updating ${a.track}`;
      case 'set_tempo':
        return `Setting the tempo to ${a.bpm} BPM`;
      case 'set_key':
        return `Setting the key to ${a.tonic} ${a.scale}`;
      case 'add_marker':
        return `Adding marker ${a.name} at bar ${a.bar}`;
      case 'generate_lyrics':
        return `Writing ${a.mood} lyrics`;
      case 'mix_and_master':
        return 'Mixing and mastering the project';
      case 'master':
        return 'Mastering';
      case 'ops_health':
        return 'Checking every service';
      case 'ops_metrics':
        return 'Reading platform metrics';
      case 'generation_dead_letters':
        return 'Reading failed generation jobs';
      default:
        if (COMPOSE_TOOLS[name]) return `Generating ${a.genre} ${COMPOSE_TOOLS[name]}, ${a.bpm} BPM`;
        return `Running ${name}`;
    }
  }

  async run(name: string, rawArgs: Record<string, unknown>, ctx: ToolContext): Promise<ToolOutcome> {
    if (OPERATOR_TOOL_NAMES.has(name)) return this.guarded(() => this.operator(name, rawArgs, ctx.api));
    let args: Record<string, unknown>;
    try {
      args = parseToolArguments(name, rawArgs) as Record<string, unknown>;
    } catch (err) {
      return { status: 'error', summary: (err as Error).message, result: { error: { code: 'INVALID_ARGUMENTS', message: (err as Error).message } } };
    }
    return this.guarded(() => this.dispatch(name, args, ctx));
  }

  private async guarded(run: () => Promise<ToolOutcome>): Promise<ToolOutcome> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof ApiCallError) {
        return { status: 'error', summary: err.message, result: { error: { status: err.status, code: err.code, message: err.message, details: err.details } } };
      }
      if (err instanceof ToolRefusal) return { status: 'error', summary: err.message, result: { error: { code: err.code, message: err.message, ...err.extra } } };
      throw err;
    }
  }

  /** The operator console's read-only tools; the api's ops routes check that the user is an admin. */
  private async operator(name: string, args: Record<string, unknown>, api: ApiClient): Promise<ToolOutcome> {
    if (name === 'ops_health') {
      const health = await api.get<{ status: string; services: Array<{ name: string; status: string }> }>('/ops/health');
      return ok(`Platform ${health.status}: ${health.services.map((s) => `${s.name} ${s.status}`).join(', ')}`, health);
    }
    if (name === 'ops_metrics') {
      const days = Number.isInteger(args.days) ? Number(args.days) : 7;
      return ok(`Read the platform metrics for ${days} days`, await api.get(`/ops/metrics?days=${days}`));
    }
    const letters = await api.get<{ total: number }>('/ops/generation/failed?pageSize=20');
    return ok(`${letters.total} generation jobs failed for good`, letters);
  }

  private async dispatch(name: string, args: Record<string, unknown>, ctx: ToolContext): Promise<ToolOutcome> {
    const { api } = ctx;
    const compose = COMPOSE_TOOLS[name];
    if (compose) {
      const job = await api.post<GenerationAccepted>(`/generate/${compose}`, { ...args, ...(ctx.projectId ? { projectId: ctx.projectId } : {}) });
      const a = args as { genre: string; bpm: number; key?: string; scale?: string; bars?: number };
      const key = a.key ? ` in ${a.key}${a.scale ? ` ${a.scale}` : ''}` : '';
      return ok(`Generating ${a.genre} ${compose}, ${a.bpm} BPM${key}${a.bars ? `, ${a.bars} bars` : ''}`, job);
    }
    if (name === 'generate_lyrics') {
      const job = await api.post<GenerationAccepted>('/generate/lyrics', { ...args, ...(ctx.projectId ? { projectId: ctx.projectId } : {}) });
      return ok(`Writing ${String(args.mood)} ${String(args.genre)} lyrics`, job);
    }

    const projectId = ctx.projectId;
    if (!projectId) throw new ToolRefusal('NO_PROJECT', 'This conversation is not about a project; open one to change it.');
    const base = `/projects/${projectId}`;
    switch (name) {
      case 'get_project_state': {
        const doc = await api.get<ProjectDocument>(`${base}/export`);
        return ok('Read the project', projectState(doc));
      }
      case 'create_track': {
        const track = await api.post<Track>(`${base}/tracks`, { name: args.name, kind: args.kind });
        return ok(`Created track ${track.name}`, track);
      }
      case 'rename_track': {
        const track = await this.track(api, base, String(args.track));
        const renamed = await api.patch<Track>(`${base}/tracks/${track.id}`, { name: args.name, version: track.version });
        return ok(`Renamed ${track.name} to ${renamed.name}`, renamed);
      }
      case 'delete_track': {
        const track = await this.track(api, base, String(args.track));
        await api.delete(`${base}/tracks/${track.id}?version=${track.version}`);
        return ok(`Deleted track ${track.name}`, { deleted: track.id, name: track.name });
      }
      case 'update_track': {
        const track = await this.track(api, base, String(args.track));
        const { mute, solo, volumeDb, pan } = args as { mute?: boolean; solo?: boolean; volumeDb?: number; pan?: number };
        const changes = { ...(mute === undefined ? {} : { mute }), ...(solo === undefined ? {} : { solo }), ...(volumeDb === undefined ? {} : { volumeDb }), ...(pan === undefined ? {} : { pan }) };
        const updated = await api.patch<Track>(`${base}/tracks/${track.id}`, { ...changes, version: track.version });
        return ok(`Updated ${track.name}: ${describeChanges(changes)}`, updated);
      }
      case 'set_tempo': {
        const project = await api.get<Project>(base);
        const updated = await api.patch<Project>(base, { bpm: args.bpm, version: project.version });
        return ok(`Set the tempo to ${updated.bpm} BPM`, { bpm: updated.bpm });
      }
      case 'set_key': {
        const project = await api.get<Project>(base);
        const updated = await api.patch<Project>(base, { key: { tonic: args.tonic, scale: args.scale }, version: project.version });
        return ok(`Set the key to ${updated.key?.tonic} ${updated.key?.scale}`, { key: updated.key });
      }
      case 'add_marker': {
        const marker = await api.post<Marker>(`${base}/markers`, { name: args.name, beat: (Number(args.bar) - 1) * BEATS_PER_BAR, ...(args.kind ? { kind: args.kind } : {}) });
        return ok(`Added marker ${marker.name} at bar ${args.bar}`, marker);
      }
      case 'mix_and_master': {
        const job = await api.post<GenerationAccepted>('/generate/automix', { projectId, ...(args.targetLufs === undefined ? {} : { targetLufs: args.targetLufs }) });
        return ok('Mixing and mastering the project’s tracks', job);
      }
      case 'master': {
        if (typeof args.sourceJobId !== 'string') throw new ToolRefusal('NO_SOURCE', 'Say which generated song to master (its job id), or ask to mix and master the project.');
        const job = await api.post<GenerationAccepted>('/generate/master', { sourceJobId: args.sourceJobId, projectId, ...(args.targetLufs === undefined ? {} : { targetLufs: args.targetLufs }) });
        return ok('Mastering', job);
      }
      default:
        throw new ToolRefusal('UNKNOWN_TOOL', `There is no tool named ${name}.`);
    }
  }

  /** A track by id or by name (case-insensitive); a refusal that lists the tracks otherwise. */
  private async track(api: ApiClient, base: string, ref: string): Promise<Track> {
    const { items } = await api.get<{ items: Track[] }>(`${base}/tracks`);
    const wanted = ref.trim().toLowerCase();
    const found = items.find((t) => t.id === ref) ?? items.find((t) => t.name.toLowerCase() === wanted);
    if (found) return found;
    throw new ToolRefusal('TRACK_NOT_FOUND', `There is no track named "${ref}". Tracks: ${items.map((t) => t.name).join(', ') || 'none yet'}.`, { tracks: items.map((t) => t.name) });
  }
}

class ToolRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

function ok(summary: string, result: unknown): ToolOutcome {
  return { status: 'ok', summary, result };
}

function describeChanges(changes: { mute?: boolean; solo?: boolean; volumeDb?: number; pan?: number }): string {
  const parts: string[] = [];
  if (changes.mute !== undefined) parts.push(changes.mute ? 'muted' : 'unmuted');
  if (changes.solo !== undefined) parts.push(changes.solo ? 'soloed' : 'unsoloed');
  if (changes.volumeDb !== undefined) parts.push(`volume ${changes.volumeDb} dB`);
  if (changes.pan !== undefined) parts.push(`pan ${changes.pan}`);
  return parts.join(', ') || 'no change';
}

/** The project as the assistant needs it: small enough for a prompt. */
export function projectState(doc: ProjectDocument) {
  const { project } = doc;
  return {
    name: project.name,
    bpm: project.bpm,
    key: project.key ?? null,
    timeSignature: project.timeSignature,
    tracks: doc.tracks.map((t) => ({ id: t.id, name: t.name, kind: t.kind, mute: t.mute, solo: t.solo, volumeDb: t.volumeDb, pan: t.pan, clips: doc.clips.filter((c) => c.trackId === t.id).length })),
    markers: doc.markers.map((m) => ({ name: m.name, kind: m.kind, bar: m.beat / BEATS_PER_BAR + 1 })),
  };
}
