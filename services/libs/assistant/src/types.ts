/**
 * The chat shapes every AI provider speaks, as plain data: ai-brain's
 * providers (the LLMs and the offline one) use these very types.
 */

export interface ToolCall {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

export type ChatMessage =
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  /** `content` is the JSON of the tool's result, or of its error. */
  | { role: 'tool'; toolCallId: string; name: string; content: string };

/** A tool as the LLM vendors take it: `parameters` is a JSON Schema object schema. */
export interface ToolDefinition {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export type TrackKind = 'audio' | 'midi';

export interface ProjectTrack {
  id: string;
  name: string;
  kind: TrackKind;
  mute: boolean;
  solo: boolean;
  volumeDb: number;
  /** -1 hard left … 1 hard right. */
  pan: number;
}

export interface ProjectMarker {
  name: string;
  /** 1-based bar. */
  bar: number;
}

/** What the assistant knows of the open project; tracks are in timeline order. */
export interface ProjectContext {
  name: string;
  bpm: number;
  key?: { tonic: string; scale: string } | null;
  tracks: ProjectTrack[];
  markers: ProjectMarker[];
}

/** A tool call the offline provider wants made; the caller gives it an id. */
export interface PlannedToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

export interface OfflineReply {
  text: string;
  toolCalls: PlannedToolCall[];
}
