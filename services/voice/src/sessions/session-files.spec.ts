import { assembleTrack, jsonLines, notesCaption, vttTime, webVtt } from './session-files';

describe('voice session files', () => {
  it('places parts on a track of the session’s length, silence elsewhere, cutting what runs past the end', () => {
    const track = assembleTrack([{ offset: 2, samples: Float32Array.of(1, 1) }, { offset: 7, samples: Float32Array.of(0.5, 0.5, 0.5) }], 4, 2);
    expect([...track]).toEqual([0, 0, 1, 1, 0, 0, 0, 0.5]);
  });

  it('writes WebVTT timestamps and cues a caption text cannot break out of', () => {
    expect(vttTime(0)).toBe('00:00:00.000');
    expect(vttTime(3725.0456)).toBe('01:02:05.046');
    const vtt = webVtt('Ali <ce>', [
      { start: 1, end: 2.5, text: '♪ A3 C4' },
      { start: 3, end: 3, text: 'a --> b\n\nWEBVTT & <b>' },
    ]);
    expect(vtt).toBe('WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500\n<v Ali  ce>♪ A3 C4\n\n2\n00:00:03.000 --> 00:00:03.001\n<v Ali  ce>a → b\nWEBVTT &amp; &lt;b&gt;\n');
    expect(webVtt('Bob', [])).toBe('WEBVTT\n\n');
  });

  it('writes one JSON object a line, and folds repeated notes in a caption', () => {
    expect(jsonLines([{ a: 1 }, { b: 'x\ny' }])).toBe('{"a":1}\n{"b":"x\\ny"}\n');
    expect(notesCaption(['A3', 'A3', 'C4', 'C4', 'A3'])).toBe('♪ A3 C4 A3');
    expect(notesCaption(['C4', 'D4', 'E4'], 2)).toBe('♪ C4 D4 …');
  });
});
