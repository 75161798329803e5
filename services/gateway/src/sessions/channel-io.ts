import type { ServerChannel } from 'ssh2';
import type { AsciicastRecorder } from '../transcripts/asciicast';

export interface PtyInfo {
  term: string;
  cols: number;
  rows: number;
}

/** Where a channel's input goes: the shell's line editor, or the running command's stdin. */
export interface InputSink {
  data(chunk: Buffer): void;
  end(): void;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * One SSH channel as commands see it: output (the gateway's own text
 * translated LF → CRLF when the client asked for a terminal, as a pty's
 * ONLCR would; commands then run in a real pty, which does that itself),
 * errors, and input routed to
 * whoever should have it, buffered while nobody does (between Enter and the
 * command's start, or while an approval is pending). Everything is recorded
 * in the session's transcript.
 */
export class ChannelIO {
  private sink: InputSink | undefined;
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  private eof = false;
  private lastByte = 0;
  private closed = false;
  private readonly resizeListeners = new Set<(pty: PtyInfo) => void>();

  constructor(
    readonly channel: ServerChannel,
    readonly pty: PtyInfo | undefined,
    private readonly recorder: AsciicastRecorder | undefined,
    onInput: () => void,
  ) {
    channel.on('data', (chunk: Buffer) => {
      onInput();
      this.recorder?.input(chunk);
      if (this.sink) this.sink.data(chunk);
      else if (this.bufferedBytes < 1024 * 1024) {
        this.buffered.push(chunk);
        this.bufferedBytes += chunk.length;
      }
    });
    channel.on('end', () => {
      this.eof = true;
      this.sink?.end();
    });
    channel.on('close', () => {
      this.closed = true;
    });
    // A write after the client went away must not throw.
    channel.on('error', () => undefined);
    channel.stderr.on('error', () => undefined);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  write(data: Buffer | string, translate = this.pty !== undefined): void {
    if (this.closed) return;
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    const out = translate ? this.crlf(bytes) : bytes;
    this.recorder?.output(out);
    this.channel.write(out);
  }

  writeError(data: Buffer | string, translate = this.pty !== undefined): void {
    if (this.closed) return;
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    const out = translate ? this.crlf(bytes) : bytes;
    this.recorder?.output(out);
    this.channel.stderr.write(out);
  }

  /** Routes input to `sink` (undefined: hold it until someone takes it). */
  attachInput(sink: InputSink | undefined): void {
    this.sink = sink;
    if (!sink) return;
    const held = this.buffered;
    this.buffered = [];
    this.bufferedBytes = 0;
    for (const chunk of held) {
      if (this.sink !== sink) {
        // The sink changed while draining (a line submitted): keep the rest for the next one.
        this.buffered.push(chunk);
        this.bufferedBytes += chunk.length;
        continue;
      }
      sink.data(chunk);
    }
    if (this.eof && this.sink === sink) sink.end();
  }

  get inputEnded(): boolean {
    return this.eof;
  }

  resized(pty: PtyInfo): void {
    for (const listener of this.resizeListeners) listener(pty);
  }

  onResize(listener: (pty: PtyInfo) => void): () => void {
    this.resizeListeners.add(listener);
    return () => this.resizeListeners.delete(listener);
  }

  exit(code: number): void {
    if (this.closed) return;
    try {
      this.channel.exit(code);
      this.channel.end();
    } catch {
      // the client is gone
    }
  }

  private crlf(bytes: Buffer): Buffer {
    const before = this.lastByte;
    if (bytes.length) this.lastByte = bytes[bytes.length - 1]!;
    let extra = 0;
    let previous = before;
    for (const b of bytes) {
      if (b === LF && previous !== CR) extra++;
      previous = b;
    }
    if (extra === 0) return bytes;
    const out = Buffer.allocUnsafe(bytes.length + extra);
    let j = 0;
    previous = before;
    for (const b of bytes) {
      if (b === LF && previous !== CR) out[j++] = CR;
      out[j++] = b;
      previous = b;
    }
    return out;
  }
}
