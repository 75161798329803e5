import { CommandStack, HISTORY_LIMIT, type KeyValueStorage } from './command-stack';
import { type Command, invert } from './commands';

/** A stand-in for the api: objects by id, and every command it ran. */
class FakeBackend {
  objects = new Map<string, Record<string, unknown>>();
  ran: Command[] = [];
  private next = 1;
  fail = false;

  run = async (command: Command): Promise<Map<string, string>> => {
    if (this.fail) throw new Error('offline');
    this.ran.push(command);
    const ids = new Map<string, string>();
    const apply = (c: Command) => {
      if (c.kind === 'clip.create') {
        const id = `clip-${this.next++}`;
        this.objects.set(id, { ...c.clip });
        ids.set(c.clipId, id);
      } else if (c.kind === 'clip.delete') this.objects.delete(ids.get(c.clipId) ?? c.clipId);
      else if (c.kind === 'clip.update') Object.assign(this.objects.get(ids.get(c.clipId) ?? c.clipId)!, c.after);
      else if (c.kind === 'batch') c.commands.forEach(apply);
    };
    apply(command);
    return ids;
  };
}

const memory = (): KeyValueStorage & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
};

describe('the undo stack', () => {
  it('undoes and redoes edits in order, and a new edit clears the redo stack', async () => {
    const backend = new FakeBackend();
    backend.objects.set('c1', { startBeat: 0 });
    const stack = new CommandStack('h', memory(), backend.run);
    await stack.perform({ kind: 'clip.update', label: 'Move clip', clipId: 'c1', before: { startBeat: 0 }, after: { startBeat: 4 } });
    await stack.perform({ kind: 'clip.update', label: 'Move clip', clipId: 'c1', before: { startBeat: 4 }, after: { startBeat: 8 } });
    expect(backend.objects.get('c1')).toEqual({ startBeat: 8 });

    expect(await stack.undo()).toBe(true);
    expect(backend.objects.get('c1')).toEqual({ startBeat: 4 });
    expect(await stack.undo()).toBe(true);
    expect(backend.objects.get('c1')).toEqual({ startBeat: 0 });
    expect(await stack.undo()).toBe(false);
    expect(await stack.redo()).toBe(true);
    expect(backend.objects.get('c1')).toEqual({ startBeat: 4 });
    expect(stack.nextRedo).toBe('Move clip');

    await stack.perform({ kind: 'clip.update', label: 'Trim clip end', clipId: 'c1', before: { lengthBeats: 4 }, after: { lengthBeats: 2 } });
    expect(stack.canRedo).toBe(false);
  });

  it('survives a reload: the history is read back from storage', async () => {
    const storage = memory();
    const backend = new FakeBackend();
    backend.objects.set('c1', { startBeat: 0 });
    const first = new CommandStack('dawg:history:p1', storage, backend.run);
    await first.perform({ kind: 'clip.update', label: 'Move clip', clipId: 'c1', before: { startBeat: 0 }, after: { startBeat: 4 } });

    const reloaded = new CommandStack('dawg:history:p1', storage, backend.run);
    expect(reloaded.nextUndo).toBe('Move clip');
    await reloaded.undo();
    expect(backend.objects.get('c1')).toEqual({ startBeat: 0 });
    expect(new CommandStack('dawg:history:p2', storage, backend.run).canUndo).toBe(false);
  });

  it('follows a re-created object to its new id: delete, undo, then undo the edit before it', async () => {
    const backend = new FakeBackend();
    const stack = new CommandStack('h', null, backend.run);
    await stack.perform({ kind: 'clip.create', label: 'Add clip', clipId: 'new:1', clip: { trackId: 't', startBeat: 0 } });
    const created = [...backend.objects.keys()][0]!;
    await stack.perform({ kind: 'clip.update', label: 'Move clip', clipId: created, before: { startBeat: 0 }, after: { startBeat: 2 } });
    await stack.perform({ kind: 'clip.delete', label: 'Delete clip', clipId: created, clip: { trackId: 't', startBeat: 2 } });
    expect(backend.objects.size).toBe(0);

    await stack.undo(); // re-created under a new id
    const recreated = [...backend.objects.keys()][0]!;
    expect(recreated).not.toBe(created);
    await stack.undo(); // the move applies to the re-created clip
    expect(backend.objects.get(recreated)).toEqual({ trackId: 't', startBeat: 0 });
    await stack.undo(); // and the creation is undone by deleting it
    expect(backend.objects.size).toBe(0);
  });

  it('keeps a command that failed to undo, so it can be tried again', async () => {
    const backend = new FakeBackend();
    backend.objects.set('c1', { gainDb: 0 });
    const stack = new CommandStack('h', null, backend.run);
    await stack.perform({ kind: 'clip.update', label: 'Clip gain', clipId: 'c1', before: { gainDb: 0 }, after: { gainDb: -3 } });
    backend.fail = true;
    await expect(stack.undo()).rejects.toThrow('offline');
    expect(stack.canUndo).toBe(true);
    backend.fail = false;
    await stack.undo();
    expect(backend.objects.get('c1')).toEqual({ gainDb: 0 });
  });

  it('keeps at most HISTORY_LIMIT edits', async () => {
    const backend = new FakeBackend();
    backend.objects.set('c1', { startBeat: 0 });
    const stack = new CommandStack('h', null, backend.run);
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) await stack.perform({ kind: 'clip.update', label: 'Move', clipId: 'c1', before: { startBeat: i }, after: { startBeat: i + 1 } });
    expect(stack.snapshot.undo).toHaveLength(HISTORY_LIMIT);
  });

  it('inverts a batch in reverse order, and a track deletion into re-creating it with its clips', () => {
    const batch: Command = {
      kind: 'batch',
      label: 'Split clip',
      commands: [
        { kind: 'clip.update', label: 'Split clip', clipId: 'c1', before: { lengthBeats: 8 }, after: { lengthBeats: 4 } },
        { kind: 'clip.create', label: 'Split clip', clipId: 'new:2', clip: { startBeat: 4 } },
      ],
    };
    const undo = invert(batch);
    expect(undo.kind === 'batch' && undo.commands.map((c) => c.kind)).toEqual(['clip.delete', 'clip.update']);
    const restore = invert({ kind: 'track.delete', label: 'Delete track', trackId: 't1', track: { name: 'Drums' }, clips: [{ clipId: 'c1', clip: { trackId: 't1' } }] });
    expect(restore.kind === 'batch' && restore.commands.map((c) => c.kind)).toEqual(['track.create', 'clip.create']);
  });

  it('undoes a recorded take and its take choice together, and redoes them with the ids the api gave the second time', async () => {
    // The api's side of takes: groups with an active take; a new take becomes the active one.
    const groups = new Map<string, { active: string | null }>();
    const takes = new Map<string, string>();
    let next = 1;
    const run = async (command: Command, ids = new Map<string, string>()): Promise<Map<string, string>> => {
      const id = (x: string) => ids.get(x) ?? x;
      if (command.kind === 'batch') for (const c of command.commands) await run(c, ids);
      else if (command.kind === 'take.create') {
        ids.set(command.takeGroupId, `group-${next++}`);
        groups.set(ids.get(command.takeGroupId)!, { active: null });
      } else if (command.kind === 'take.delete') groups.delete(id(command.takeGroupId));
      else if (command.kind === 'take.select') groups.get(id(command.takeGroupId))!.active = command.after && id(command.after);
      else if (command.kind === 'clip.create') {
        const clipId = `clip-${next++}`;
        ids.set(command.clipId, clipId);
        const group = id(command.clip.takeGroupId as string);
        takes.set(clipId, group);
        groups.get(group)!.active = clipId;
      } else if (command.kind === 'clip.delete') takes.delete(id(command.clipId));
      return ids;
    };
    const stack = new CommandStack('h', memory(), (c) => run(c));
    await stack.perform({
      kind: 'batch',
      label: 'Record take',
      commands: [
        { kind: 'take.create', label: 'Record take', takeGroupId: 'new:g', group: { trackId: 't1', startBeat: 0, lengthBeats: 4 } },
        { kind: 'clip.create', label: 'Record take', clipId: 'new:1', clip: { trackId: 't1', takeGroupId: 'new:g' } },
      ],
    });
    expect([...groups]).toEqual([['group-1', { active: 'clip-2' }]]);
    await stack.perform({
      kind: 'batch',
      label: 'Record take',
      commands: [
        { kind: 'clip.create', label: 'Record take', clipId: 'new:2', clip: { trackId: 't1', takeGroupId: 'group-1' } },
        { kind: 'take.select', label: 'Record take', takeGroupId: 'group-1', before: 'clip-2', after: 'new:2' },
      ],
    });
    await stack.perform({ kind: 'take.select', label: 'Choose take', takeGroupId: 'group-1', before: 'clip-3', after: 'clip-2' });
    expect(groups.get('group-1')).toEqual({ active: 'clip-2' });

    await stack.undo();
    expect(groups.get('group-1')).toEqual({ active: 'clip-3' });
    await stack.undo();
    expect(groups.get('group-1')).toEqual({ active: 'clip-2' });
    expect([...takes.keys()]).toEqual(['clip-2']);
    await stack.undo();
    expect(groups.size).toBe(0);

    // Redone, everything is re-created under new ids, and the later edits follow them.
    await stack.redo();
    await stack.redo();
    await stack.redo();
    expect([...groups]).toEqual([['group-4', { active: 'clip-5' }]]);
    expect([...takes]).toEqual([
      ['clip-5', 'group-4'],
      ['clip-6', 'group-4'],
    ]);
    expect(stack.snapshot.undo.at(-1)).toEqual({ kind: 'take.select', label: 'Choose take', takeGroupId: 'group-4', before: 'clip-6', after: 'clip-5' });
  });
});
