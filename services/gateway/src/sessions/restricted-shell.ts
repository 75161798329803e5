import { relative } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { ChannelIO, InputSink } from './channel-io';
import type { CommandExecutor } from './command-executor.service';
import type { GatewayConnection } from './gateway-connection';
import { LineEditor } from './line-editor';

/**
 * The interactive restricted shell: with a terminal, a prompt and line
 * editing with history (see LineEditor), sized to the client's window;
 * without one (input piped in), one command per line, no prompt, no echo.
 * Each line goes through the same executor as an exec request.
 */
export class RestrictedShell {
  private cwd: string;
  private lastStatus = 0;
  private busy = false;
  private finished = false;
  private readonly queue: string[] = [];
  private readonly decoder = new StringDecoder('utf8');
  private readonly editor: LineEditor | undefined;
  private partial = '';
  private readonly sink: InputSink;

  constructor(
    private readonly connection: GatewayConnection,
    private readonly io: ChannelIO,
    private readonly executor: CommandExecutor,
    private readonly workspace: string,
  ) {
    this.cwd = workspace;
    this.editor = io.pty ? new LineEditor(connection.history, this.prompt(), io.pty.cols) : undefined;
    this.sink = { data: (chunk) => this.input(chunk), end: () => this.endOfInput() };
    io.onResize((pty) => {
      if (this.editor && !this.busy) for (const action of this.editor.resize(pty.cols)) if (action.type === 'draw') io.write(action.text, false);
    });
  }

  start(): void {
    if (this.editor) {
      this.io.write(`DAWG AI gateway: restricted shell. Type help for what you can run.\r\n`, false);
      this.io.write(this.editor.render().text, false);
    }
    this.io.attachInput(this.sink);
  }

  private prompt(): string {
    return `dawg:${relative(this.workspace, this.cwd) || '.'}$ `;
  }

  private input(chunk: Buffer): void {
    if (this.finished) return;
    const text = this.decoder.write(chunk);
    if (!this.editor) {
      this.partial += text;
      const lines = this.partial.split('\n');
      this.partial = lines.pop() ?? '';
      for (const line of lines) this.queue.push(line.replace(/\r$/, ''));
      void this.drain();
      return;
    }
    let submitted = false;
    for (const action of this.editor.feed(text)) {
      // Once a line is submitted, its command's output owns the screen; the prompt is drawn again after it.
      if (action.type === 'draw' && (!submitted || action.text === '\r\n')) this.io.write(action.text, false);
      else if (action.type === 'submit') {
        this.queue.push(action.line);
        submitted = true;
      } else if (action.type === 'eof') {
        if (submitted) this.queue.push('\u0000eof');
        else this.finish(this.lastStatus);
        break;
      }
    }
    if (submitted) {
      // Input typed while the command runs belongs to it: hold it until the command takes it.
      this.io.attachInput(undefined);
      void this.drain();
    }
  }

  private endOfInput(): void {
    if (!this.editor && this.partial.trim()) {
      this.queue.push(this.partial);
      this.partial = '';
    }
    if (this.busy) {
      this.queue.push('\u0000eof');
      return;
    }
    if (this.queue.length) {
      this.queue.push('\u0000eof');
      void this.drain();
      return;
    }
    this.finish(this.lastStatus);
  }

  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (let line = this.queue.shift(); line !== undefined && !this.finished; line = this.queue.shift()) {
        if (line === '\u0000eof') {
          this.finish(this.lastStatus);
          return;
        }
        if (this.connection.ended) return;
        const outcome = await this.executor.run(this.connection, this.io, line, 'shell', this.workspace, this.cwd);
        this.lastStatus = outcome.exitCode;
        if (outcome.cwd) {
          this.cwd = outcome.cwd;
          this.editor?.setPrompt(this.prompt());
        }
        if (outcome.exit !== undefined) {
          this.finish(outcome.exit);
          return;
        }
      }
    } catch (err) {
      this.connection.log.error({ err }, 'shell command failed');
      this.io.writeError('dawg-gateway: internal error\r\n', false);
      this.lastStatus = 1;
    } finally {
      this.busy = false;
    }
    if (this.finished || this.connection.ended) return;
    if (this.editor) this.io.write(this.editor.render().text, false);
    this.io.attachInput(this.sink);
  }

  private finish(code: number): void {
    if (this.finished) return;
    this.finished = true;
    this.io.exit(code);
  }
}
