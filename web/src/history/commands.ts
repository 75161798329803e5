/**
 * Every edit in the studio as data: what it changed, from what, to what.
 * Data (not closures) so the undo stack survives a reload, and so that ids
 * can be rewritten when an undo re-creates a deleted object under a new id.
 */

export type Fields = Record<string, unknown>;

export type Command =
  | { kind: 'clip.update'; label: string; clipId: string; before: Fields; after: Fields }
  | { kind: 'clip.create'; label: string; clipId: string; clip: Fields }
  | { kind: 'clip.delete'; label: string; clipId: string; clip: Fields }
  | { kind: 'track.update'; label: string; trackId: string; before: Fields; after: Fields }
  | { kind: 'track.create'; label: string; trackId: string; track: Fields }
  | { kind: 'track.delete'; label: string; trackId: string; track: Fields; clips: Array<{ clipId: string; clip: Fields }> }
  | { kind: 'marker.create'; label: string; markerId: string; marker: Fields }
  | { kind: 'marker.update'; label: string; markerId: string; before: Fields; after: Fields }
  | { kind: 'marker.delete'; label: string; markerId: string; marker: Fields }
  | { kind: 'project.update'; label: string; before: Fields; after: Fields }
  /** A take group: a recorded region whose clips are its takes. */
  | { kind: 'take.create'; label: string; takeGroupId: string; group: Fields }
  | { kind: 'take.delete'; label: string; takeGroupId: string; group: Fields }
  /** Which take of a group is heard (clip ids; null: none). */
  | { kind: 'take.select'; label: string; takeGroupId: string; before: string | null; after: string | null }
  | { kind: 'batch'; label: string; commands: Command[] };

/** Fields that name another object, rewritten with it. */
const REFERENCES = ['trackId', 'takeGroupId'] as const;

/** The command that undoes `command`. */
export function invert(command: Command): Command {
  switch (command.kind) {
    case 'clip.update':
      return { ...command, before: command.after, after: command.before };
    case 'clip.create':
      return { kind: 'clip.delete', label: command.label, clipId: command.clipId, clip: command.clip };
    case 'clip.delete':
      return { kind: 'clip.create', label: command.label, clipId: command.clipId, clip: command.clip };
    case 'track.update':
      return { ...command, before: command.after, after: command.before };
    case 'track.create':
      return { kind: 'track.delete', label: command.label, trackId: command.trackId, track: command.track, clips: [] };
    case 'track.delete':
      // Undoing a track's deletion brings its clips back too: a batch of creations.
      return {
        kind: 'batch',
        label: command.label,
        commands: [
          { kind: 'track.create', label: command.label, trackId: command.trackId, track: command.track },
          ...command.clips.map((c): Command => ({ kind: 'clip.create', label: command.label, clipId: c.clipId, clip: { ...c.clip, trackId: command.trackId } })),
        ],
      };
    case 'marker.create':
      return { kind: 'marker.delete', label: command.label, markerId: command.markerId, marker: command.marker };
    case 'marker.delete':
      return { kind: 'marker.create', label: command.label, markerId: command.markerId, marker: command.marker };
    case 'marker.update':
      return { ...command, before: command.after, after: command.before };
    case 'project.update':
      return { ...command, before: command.after, after: command.before };
    case 'take.create':
      return { kind: 'take.delete', label: command.label, takeGroupId: command.takeGroupId, group: command.group };
    case 'take.delete':
      return { kind: 'take.create', label: command.label, takeGroupId: command.takeGroupId, group: command.group };
    case 'take.select':
      return { ...command, before: command.after, after: command.before };
    case 'batch':
      return { kind: 'batch', label: command.label, commands: command.commands.map(invert).reverse() };
  }
}

/** Replaces ids (old → new) everywhere in a command: object ids and references such as a clip's trackId or take group. */
export function remapIds(command: Command, ids: ReadonlyMap<string, string>): Command {
  if (ids.size === 0) return command;
  const id = (value: string) => ids.get(value) ?? value;
  const fields = (f: Fields): Fields => {
    let out = f;
    for (const key of REFERENCES) if (typeof out[key] === 'string') out = { ...out, [key]: id(out[key]) };
    return out;
  };
  switch (command.kind) {
    case 'clip.update':
      return { ...command, clipId: id(command.clipId), before: fields(command.before), after: fields(command.after) };
    case 'clip.create':
    case 'clip.delete':
      return { ...command, clipId: id(command.clipId), clip: fields(command.clip) };
    case 'track.update':
      return { ...command, trackId: id(command.trackId) };
    case 'track.create':
      return { ...command, trackId: id(command.trackId) };
    case 'track.delete':
      return { ...command, trackId: id(command.trackId), clips: command.clips.map((c) => ({ clipId: id(c.clipId), clip: fields(c.clip) })) };
    case 'marker.create':
    case 'marker.delete':
      return { ...command, markerId: id(command.markerId) };
    case 'marker.update':
      return { ...command, markerId: id(command.markerId) };
    case 'project.update':
      return command;
    case 'take.create':
    case 'take.delete':
      return { ...command, takeGroupId: id(command.takeGroupId), group: fields(command.group) };
    case 'take.select':
      return { ...command, takeGroupId: id(command.takeGroupId), before: command.before && id(command.before), after: command.after && id(command.after) };
    case 'batch':
      return { ...command, commands: command.commands.map((c) => remapIds(c, ids)) };
  }
}
