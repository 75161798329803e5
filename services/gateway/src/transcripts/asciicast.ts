import { StringDecoder } from 'node:string_decoder';

/**
 * An asciicast v2 recording (https://docs.asciinema.org/manual/asciicast/v2/):
 * a JSON header line, then one JSON array per event: [seconds, code, data],
 * with "o" for output, "i" for input, "r" for a resize ("80x24") and "m" for
 * a marker (each command line). Bounded: past `maxBytes` events are dropped
 * and one marker says so. Bytes are decoded as UTF-8 per stream, so a
 * character split across chunks stays whole.
 */
export class AsciicastRecorder {
  private readonly lines: string[] = [];
  private bytes = 0;
  private truncated = false;
  private readonly started: number;
  private readonly decoders = { o: new StringDecoder('utf8'), i: new StringDecoder('utf8') };

  constructor(
    header: { width: number; height: number; title: string; term?: string },
    private readonly maxBytes: number,
    private readonly clock: () => number = () => performance.now(),
    startedAtEpochSeconds = Math.floor(Date.now() / 1000),
  ) {
    this.started = clock();
    this.push(JSON.stringify({ version: 2, width: header.width, height: header.height, timestamp: startedAtEpochSeconds, title: header.title, env: { TERM: header.term ?? 'dumb', SHELL: 'dawg-gateway' } }));
  }

  output(data: Buffer | string): void {
    this.event('o', typeof data === 'string' ? data : this.decoders.o.write(data));
  }

  input(data: Buffer | string): void {
    this.event('i', typeof data === 'string' ? data : this.decoders.i.write(data));
  }

  resize(width: number, height: number): void {
    this.event('r', `${width}x${height}`);
  }

  marker(label: string): void {
    this.event('m', label);
  }

  /** The whole recording, one JSON document per line. */
  finish(): Buffer {
    return Buffer.from(`${this.lines.join('\n')}\n`);
  }

  get size(): number {
    return this.bytes;
  }

  private event(code: 'o' | 'i' | 'r' | 'm', data: string): void {
    if (data === '' || this.truncated) return;
    const seconds = Math.round((this.clock() - this.started) * 1000) / 1_000_000;
    const line = JSON.stringify([seconds, code, data]);
    if (this.bytes + line.length + 1 > this.maxBytes) {
      this.truncated = true;
      this.lines.push(JSON.stringify([seconds, 'm', `transcript truncated at ${this.maxBytes} bytes`]));
      return;
    }
    this.push(line);
  }

  private push(line: string): void {
    this.lines.push(line);
    this.bytes += line.length + 1;
  }
}
