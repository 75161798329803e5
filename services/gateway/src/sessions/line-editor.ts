/**
 * The restricted shell's line editing, as a pure state machine: bytes from
 * the client's terminal in, what to draw and what to do out. Emacs-style
 * keys (as readline): arrows, Home/End, Ctrl-A/E/B/F, Backspace, Delete,
 * Ctrl-U/K/W, Ctrl-L, history with Up/Down and Ctrl-P/N, Ctrl-C to drop the
 * line, Ctrl-D to leave on an empty line. A line longer than the window
 * scrolls sideways, so it never wraps and redraws stay one row.
 */
export type EditorAction = { type: 'draw'; text: string } | { type: 'submit'; line: string } | { type: 'interrupt' } | { type: 'eof' };

const MAX_LINE = 8192;

export class LineEditor {
  private line = '';
  private cursor = 0;
  private historyIndex: number;
  private draft = '';
  private pending = '';
  private lastWasCr = false;

  constructor(
    private readonly history: string[],
    private prompt: string,
    private columns: number,
  ) {
    this.historyIndex = history.length;
  }

  setPrompt(prompt: string): void {
    this.prompt = prompt;
  }

  resize(columns: number): EditorAction[] {
    this.columns = columns;
    return [this.render()];
  }

  /** The prompt and the current line, drawn afresh. */
  render(): { type: 'draw'; text: string } {
    const room = Math.max(8, this.columns - this.prompt.length - 1);
    let start = 0;
    if (this.line.length > room) start = Math.min(Math.max(0, this.cursor - room + 1), this.line.length - room);
    start = Math.max(0, Math.min(start, this.cursor));
    const visible = this.line.slice(start, start + room);
    const back = start + visible.length - this.cursor;
    return { type: 'draw', text: `\r${this.prompt}${visible}\x1b[K${back > 0 ? `\x1b[${back}D` : ''}` };
  }

  feed(data: string): EditorAction[] {
    const actions: EditorAction[] = [];
    let input = this.pending + data;
    this.pending = '';
    let changed = false;
    while (input.length) {
      const c = input[0]!;
      if (c === '\x1b') {
        // eslint-disable-next-line no-control-regex -- terminal escape sequences are what this parses
        const seq = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])/.exec(input);
        if (!seq) {
          // A sequence cut between two reads waits for the rest; a lone or unknown ESC is dropped.
          // eslint-disable-next-line no-control-regex -- terminal escape sequences are what this parses
          if (input.length < 16 && /^\x1b(\[[0-9;]*|O)?$/.test(input)) {
            this.pending = input;
            input = '';
          } else input = input.slice(1);
          continue;
        }
        changed = this.escape(seq[1]!) || changed;
        input = input.slice(seq[0].length);
        continue;
      }
      input = input.slice(1);
      if (c === '\n' && this.lastWasCr) {
        this.lastWasCr = false;
        continue;
      }
      this.lastWasCr = c === '\r';
      switch (c) {
        case '\r':
        case '\n': {
          if (changed) actions.push(this.render());
          changed = false;
          const line = this.line;
          if (line.trim() && this.history[this.history.length - 1] !== line) {
            this.history.push(line);
            if (this.history.length > 500) this.history.shift();
          }
          this.line = '';
          this.cursor = 0;
          this.historyIndex = this.history.length;
          actions.push({ type: 'draw', text: '\r\n' }, { type: 'submit', line });
          break;
        }
        case '\x03':
          this.line = '';
          this.cursor = 0;
          this.historyIndex = this.history.length;
          actions.push({ type: 'draw', text: '^C\r\n' }, { type: 'interrupt' });
          changed = true;
          break;
        case '\x04':
          if (this.line === '') {
            actions.push({ type: 'draw', text: '\r\n' }, { type: 'eof' });
            return actions;
          }
          changed = this.deleteAt(this.cursor) || changed;
          break;
        case '\x7f':
        case '\x08':
          if (this.cursor > 0) changed = this.deleteAt(this.cursor - 1, true) || changed;
          break;
        case '\x01':
          this.cursor = 0;
          changed = true;
          break;
        case '\x05':
          this.cursor = this.line.length;
          changed = true;
          break;
        case '\x02':
          this.cursor = Math.max(0, this.cursor - 1);
          changed = true;
          break;
        case '\x06':
          this.cursor = Math.min(this.line.length, this.cursor + 1);
          changed = true;
          break;
        case '\x0b':
          this.line = this.line.slice(0, this.cursor);
          changed = true;
          break;
        case '\x15':
          this.line = this.line.slice(this.cursor);
          this.cursor = 0;
          changed = true;
          break;
        case '\x17': {
          const before = this.line.slice(0, this.cursor).replace(/\S+\s*$/, '');
          this.line = before + this.line.slice(this.cursor);
          this.cursor = before.length;
          changed = true;
          break;
        }
        case '\x0c':
          actions.push({ type: 'draw', text: '\x1b[H\x1b[2J' });
          changed = true;
          break;
        case '\x10':
          changed = this.recall(-1) || changed;
          break;
        case '\x0e':
          changed = this.recall(1) || changed;
          break;
        default:
          // Other control characters (Tab included: there is no completion) are ignored.
          if (c < ' ' || c === '\x7f' || (c >= '\x80' && c <= '\x9f')) break;
          if (this.line.length >= MAX_LINE) break;
          this.line = this.line.slice(0, this.cursor) + c + this.line.slice(this.cursor);
          this.cursor++;
          changed = true;
      }
    }
    if (changed) actions.push(this.render());
    return actions;
  }

  private escape(seq: string): boolean {
    switch (seq) {
      case '[A':
      case 'OA':
        return this.recall(-1);
      case '[B':
      case 'OB':
        return this.recall(1);
      case '[C':
      case 'OC':
        this.cursor = Math.min(this.line.length, this.cursor + 1);
        return true;
      case '[D':
      case 'OD':
        this.cursor = Math.max(0, this.cursor - 1);
        return true;
      case '[H':
      case 'OH':
      case '[1~':
      case '[7~':
        this.cursor = 0;
        return true;
      case '[F':
      case 'OF':
      case '[4~':
      case '[8~':
        this.cursor = this.line.length;
        return true;
      case '[3~':
        return this.deleteAt(this.cursor);
      default:
        return false;
    }
  }

  private deleteAt(index: number, moveBack = false): boolean {
    if (index < 0 || index >= this.line.length) return false;
    this.line = this.line.slice(0, index) + this.line.slice(index + 1);
    if (moveBack) this.cursor--;
    return true;
  }

  private recall(step: -1 | 1): boolean {
    const next = this.historyIndex + step;
    if (next < 0 || next > this.history.length) return false;
    if (this.historyIndex === this.history.length) this.draft = this.line;
    this.historyIndex = next;
    this.line = next === this.history.length ? this.draft : this.history[next]!;
    this.cursor = this.line.length;
    return true;
  }
}
