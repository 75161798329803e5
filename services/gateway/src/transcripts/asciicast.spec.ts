import { AsciicastRecorder } from './asciicast';

describe('asciicast v2 recording', () => {
  it('writes a header line and one [time, code, data] event per line', () => {
    let now = 1_000;
    const cast = new AsciicastRecorder({ width: 100, height: 30, title: 't', term: 'xterm' }, 10_000, () => now, 1_700_000_000);
    now += 250;
    cast.output(Buffer.from('hello\r\n'));
    now += 500;
    cast.input('ls\r');
    cast.resize(120, 40);
    cast.marker('exec ls');
    const [header, ...events] = cast.finish().toString().trim().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(header).toEqual({ version: 2, width: 100, height: 30, timestamp: 1_700_000_000, title: 't', env: { TERM: 'xterm', SHELL: 'dawg-gateway' } });
    expect(events).toEqual([
      [0.25, 'o', 'hello\r\n'],
      [0.75, 'i', 'ls\r'],
      [0.75, 'r', '120x40'],
      [0.75, 'm', 'exec ls'],
    ]);
  });

  it('keeps a UTF-8 character split across chunks whole, and stops at its size with a marker', () => {
    const cast = new AsciicastRecorder({ width: 80, height: 24, title: 't' }, 300, () => 0);
    const note = Buffer.from('♫');
    cast.output(note.subarray(0, 1));
    cast.output(note.subarray(1));
    for (let i = 0; i < 20; i++) cast.output('x'.repeat(20));
    const lines = cast.finish().toString().trim().split('\n');
    expect(JSON.parse(lines[1]!)).toEqual([0, 'o', '♫']);
    expect(lines.at(-1)).toContain('transcript truncated at 300 bytes');
    expect(cast.size).toBeLessThanOrEqual(300);
  });
});
