/**
 * Undo and redo as two stacks of commands, kept in localStorage per project
 * so a reload (or a crash) does not lose the history. Running a command is
 * the executor's job (the studio, through the api); the stack only decides
 * what runs and keeps the ids straight: re-creating a deleted clip gives it
 * a new id, and every command that names the old one is rewritten.
 */
import { type Command, invert, remapIds } from './commands';

/** Runs a command against the api; answers old id → new id for objects it (re)created. */
export type Executor = (command: Command) => Promise<ReadonlyMap<string, string>>;

export interface HistoryState {
  undo: Command[];
  redo: Command[];
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const HISTORY_LIMIT = 200;
const STORAGE_VERSION = 1;

export class CommandStack {
  private state: HistoryState;
  private readonly listeners = new Set<() => void>();
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly storageKey: string,
    private readonly storage: KeyValueStorage | null,
    private readonly execute: Executor,
  ) {
    this.state = this.load();
  }

  get canUndo(): boolean {
    return this.state.undo.length > 0;
  }
  get canRedo(): boolean {
    return this.state.redo.length > 0;
  }
  get snapshot(): HistoryState {
    return this.state;
  }
  /** Labels for the buttons' titles: "Undo Move clip". */
  get nextUndo(): string | undefined {
    return this.state.undo.at(-1)?.label;
  }
  get nextRedo(): string | undefined {
    return this.state.redo.at(-1)?.label;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs a new edit; on success it becomes the next undo, and the redo stack is cleared. */
  perform(command: Command): Promise<void> {
    return this.serial(async () => {
      const ids = await this.execute(command);
      const done = remapIds(command, ids);
      this.commit({ undo: [...this.remapAll(this.state.undo, ids), done].slice(-HISTORY_LIMIT), redo: [] });
    });
  }

  /** Undoes the last edit. Answers false when there is none. A failing undo stays on the stack. */
  undo(): Promise<boolean> {
    return this.serial(async () => {
      const command = this.state.undo.at(-1);
      if (!command) return false;
      const ids = await this.execute(invert(command));
      const undo = this.remapAll(this.state.undo.slice(0, -1), ids);
      const redo = this.remapAll([...this.state.redo, command], ids);
      this.commit({ undo, redo });
      return true;
    });
  }

  redo(): Promise<boolean> {
    return this.serial(async () => {
      const command = this.state.redo.at(-1);
      if (!command) return false;
      const ids = await this.execute(command);
      const redo = this.remapAll(this.state.redo.slice(0, -1), ids);
      const undo = this.remapAll([...this.state.undo, command], ids);
      this.commit({ undo, redo });
      return true;
    });
  }

  /** Forgets the history (e.g. when an edit could not be undone because someone else changed the object). */
  drop(which: 'undo' | 'redo'): void {
    this.commit({ ...this.state, [which]: this.state[which].slice(0, -1) });
  }

  clear(): void {
    this.commit({ undo: [], redo: [] });
  }

  private remapAll(commands: Command[], ids: ReadonlyMap<string, string>): Command[] {
    return ids.size ? commands.map((c) => remapIds(c, ids)) : commands;
  }

  /** One command at a time: a second Ctrl+Z waits for the first to reach the api. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.running.then(work, work);
    this.running = next.catch(() => undefined);
    return next;
  }

  private commit(state: HistoryState): void {
    this.state = state;
    try {
      this.storage?.setItem(this.storageKey, JSON.stringify({ v: STORAGE_VERSION, ...state }));
    } catch {
      // Storage full or disabled: the history still works for this session.
    }
    for (const listener of this.listeners) listener();
  }

  private load(): HistoryState {
    try {
      const raw = this.storage?.getItem(this.storageKey);
      if (!raw) return { undo: [], redo: [] };
      const parsed = JSON.parse(raw) as { v?: number } & Partial<HistoryState>;
      if (parsed.v !== STORAGE_VERSION || !Array.isArray(parsed.undo) || !Array.isArray(parsed.redo)) return { undo: [], redo: [] };
      return { undo: parsed.undo, redo: parsed.redo };
    } catch {
      return { undo: [], redo: [] };
    }
  }
}
