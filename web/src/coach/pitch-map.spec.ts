import { centsClass, gridLines, hzToMidi, laneOf, melodyFromClip, midiToHz, midiToY, needleAngle, noteName, scaleNotes, targetLanes, timeToX, visibleRange } from './pitch-map';

const cents = (hz: number, c: number) => hz * 2 ** (c / 1200);

describe('Hz to note lane', () => {
  it('puts concert pitches on their notes, with no cents', () => {
    expect(laneOf(440)).toEqual({ midi: 69, cents: 0 });
    expect(laneOf(261.6256)).toEqual({ midi: 60, cents: 0 });
    expect(noteName(60)).toBe('C4');
    expect(noteName(69)).toBe('A4');
    expect(noteName(61)).toBe('C#4');
    expect(hzToMidi(midiToHz(47.25))).toBeCloseTo(47.25, 10);
  });

  it('measures cents from the nearest note, positive when sharp', () => {
    expect(laneOf(cents(440, 12))).toEqual({ midi: 69, cents: 12 });
    expect(laneOf(cents(440, -30))).toEqual({ midi: 69, cents: -30 });
    // Past the half-way point it is the next note, flat.
    expect(laneOf(cents(440, 60))).toEqual({ midi: 70, cents: -40 });
  });

  it('snaps to the nearest of the reference’s lanes, so a wrong note shows as far off', () => {
    const lanes = [60, 64, 67];
    expect(laneOf(midiToHz(62), lanes)).toEqual({ midi: 60, cents: 200 });
    expect(laneOf(midiToHz(66.4), lanes)).toEqual({ midi: 67, cents: -60 });
    expect(laneOf(cents(midiToHz(64), -8), lanes)).toEqual({ midi: 64, cents: -8 });
  });

  it('has no lane for silence or nonsense', () => {
    expect(laneOf(0)).toBeNull();
    expect(laneOf(-5)).toBeNull();
    expect(laneOf(Number.NaN)).toBeNull();
  });

  it('honours another concert pitch', () => {
    expect(laneOf(432, undefined, 432)).toEqual({ midi: 69, cents: 0 });
    expect(laneOf(440, undefined, 432)!.cents).toBeCloseTo(31.8, 1);
  });
});

describe('cents to colour class', () => {
  it('is in tune within the tolerance, inclusive, on both sides', () => {
    expect(centsClass(0)).toBe('in-tune');
    expect(centsClass(15)).toBe('in-tune');
    expect(centsClass(-15)).toBe('in-tune');
    expect(centsClass(15.1)).toBe('sharp');
    expect(centsClass(-15.1)).toBe('flat');
  });

  it('uses the take’s tolerance', () => {
    expect(centsClass(20, 25)).toBe('in-tune');
    expect(centsClass(20, 10)).toBe('sharp');
    expect(centsClass(-11, 10)).toBe('flat');
  });

  it('calls more than a quarter tone off another note, and no pitch silent', () => {
    expect(centsClass(50)).toBe('sharp');
    expect(centsClass(51)).toBe('off');
    expect(centsClass(-200)).toBe('off');
    expect(centsClass(null)).toBe('unvoiced');
  });
});

describe('lanes of a reference', () => {
  it('takes a melody’s distinct notes, ascending', () => {
    expect(targetLanes({ kind: 'melody', notes: [64, 60, 64, 67].map((midi, i) => ({ midi, startSeconds: i, durationSeconds: 1 })) })).toEqual([60, 64, 67]);
    expect(targetLanes({ kind: 'note', midi: 57 })).toEqual([57]);
  });

  it('takes a key’s notes in the singer’s range, flats and sharps alike', () => {
    expect(scaleNotes('C', 'major', 60, 72)).toEqual([60, 62, 64, 65, 67, 69, 71, 72]);
    expect(scaleNotes('A', 'minor-pentatonic', 57, 69)).toEqual([57, 60, 62, 64, 67, 69]);
    expect(scaleNotes('Bb', 'major', 58, 70)).toEqual(scaleNotes('A#', 'major', 58, 70));
    expect(targetLanes({ kind: 'scale', tonic: 'D', scale: 'dorian' }, { low: 62, high: 74 })).toEqual([62, 64, 65, 67, 69, 71, 72, 74]);
  });

  it('shows at least an octave around the lanes', () => {
    expect(visibleRange([60, 62])).toEqual({ low: 55, high: 67 });
    expect(visibleRange([48, 72])).toEqual({ low: 46, high: 74 });
  });

  it('reads a MIDI clip as a melody in seconds from the clip’s start', () => {
    const notes = [
      { pitch: 64, startBeat: 1, lengthBeats: 1, velocity: 100 },
      { pitch: 60, startBeat: 0, lengthBeats: 0.5, velocity: 100 },
      { pitch: 10, startBeat: 2, lengthBeats: 1, velocity: 100 },
    ];
    expect(melodyFromClip(notes, 120)).toEqual([
      { midi: 60, startSeconds: 0, durationSeconds: 0.25 },
      { midi: 64, startSeconds: 0.5, durationSeconds: 0.5 },
    ]);
  });
});

describe('the scrolling axes', () => {
  const axis = { width: 300, secondsVisible: 6, nowFraction: 0.7 };

  it('draws now at its fraction of the width and older frames to the left', () => {
    expect(timeToX(10, 10, axis)).toBe(210);
    expect(timeToX(9, 10, axis)).toBe(160);
    expect(timeToX(11, 10, axis)).toBe(260);
  });

  it('centres each note in its lane, the highest at the top', () => {
    const range = { low: 60, high: 71 };
    expect(midiToY(71, range, 240)).toBe(10);
    expect(midiToY(60, range, 240)).toBe(230);
    expect(midiToY(60.5, range, 240)).toBe(220);
  });

  it('lays the beat grid with the bars marked', () => {
    expect(gridLines(0, 2.1, 120, 4)).toEqual([
      { seconds: 0, bar: true },
      { seconds: 0.5, bar: false },
      { seconds: 1, bar: false },
      { seconds: 1.5, bar: false },
      { seconds: 2, bar: true },
    ]);
    expect(gridLines(1.2, 2, 120, 4).map((l) => l.seconds)).toEqual([1.5, 2]);
  });

  it('swings the needle ±60° over ±50 cents and no further', () => {
    expect(needleAngle(0)).toBe(0);
    expect(needleAngle(25)).toBe(30);
    expect(needleAngle(-50)).toBe(-60);
    expect(needleAngle(400)).toBe(60);
    expect(needleAngle(null)).toBe(0);
  });
});
