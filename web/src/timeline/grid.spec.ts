import { beatsPerBar, beatUnit, formatBarsBeats, formatTime, gridLines, snapBeat, toBarsBeats, xToBeat, zoomAt } from './grid';

const fourFour = { numerator: 4, denominator: 4 };
const sixEight = { numerator: 6, denominator: 8 };

describe('timeline grid', () => {
  it('counts beats in quarter notes whatever the signature', () => {
    expect(beatsPerBar(fourFour)).toBe(4);
    expect(beatsPerBar({ numerator: 3, denominator: 4 })).toBe(3);
    expect(beatsPerBar(sixEight)).toBe(3);
    expect(beatUnit(sixEight)).toBe(0.5);
  });

  it('snaps to the nearest bar, beat of the signature, or not at all', () => {
    expect(snapBeat(5.9, 'bar', fourFour)).toBe(4);
    expect(snapBeat(6.1, 'bar', fourFour)).toBe(8);
    expect(snapBeat(2.49, 'beat', fourFour)).toBe(2);
    expect(snapBeat(2.5, 'beat', fourFour)).toBe(3);
    expect(snapBeat(1.2, 'beat', sixEight)).toBe(1);
    expect(snapBeat(1.3, 'beat', sixEight)).toBe(1.5);
    expect(snapBeat(2.3333, 'off', fourFour)).toBe(2.3333);
    expect(snapBeat(-3, 'beat', fourFour)).toBe(0);
  });

  it('zooms around the pointer: the beat under it stays under it', () => {
    const view = { pxPerBeat: 20, scrollBeats: 10 };
    const anchorX = 300;
    const before = xToBeat(anchorX, view);
    const zoomed = zoomAt(view, 2, anchorX);
    expect(zoomed.pxPerBeat).toBe(40);
    expect(xToBeat(anchorX, zoomed)).toBeCloseTo(before, 9);
    expect(zoomAt(view, 1000, 0).pxPerBeat).toBe(400);
    expect(zoomAt(view, 0.0001, 0).pxPerBeat).toBe(2);
  });

  it('draws bars, beats and sixteenths as the zoom allows, thinning bar lines when crowded', () => {
    const close = gridLines({ pxPerBeat: 60, scrollBeats: 0 }, 240, fourFour);
    expect(close.filter((l) => l.kind === 'bar').map((l) => l.label)).toEqual([1, 2]);
    expect(close.filter((l) => l.kind === 'sub').length).toBeGreaterThan(0);

    const medium = gridLines({ pxPerBeat: 20, scrollBeats: 0 }, 400, fourFour);
    expect(medium.some((l) => l.kind === 'beat')).toBe(true);
    expect(medium.some((l) => l.kind === 'sub')).toBe(false);

    const far = gridLines({ pxPerBeat: 2, scrollBeats: 0 }, 1000, fourFour);
    const bars = far.filter((l) => l.kind === 'bar');
    expect(far.every((l) => l.kind === 'bar')).toBe(true);
    // 8 px per bar: every 8th bar is drawn (at least 56 px apart).
    expect(bars.slice(0, 3).map((l) => l.label)).toEqual([1, 9, 17]);
    expect(bars[1]!.x - bars[0]!.x).toBeGreaterThanOrEqual(56);
  });

  it('shows positions as bar:beat:sixteenth and minutes:seconds.milliseconds', () => {
    expect(formatBarsBeats(0, fourFour)).toBe('1:1:1');
    expect(formatBarsBeats(4, fourFour)).toBe('2:1:1');
    expect(formatBarsBeats(5.75, fourFour)).toBe('2:2:4');
    expect(toBarsBeats(3.5, sixEight)).toEqual({ bar: 2, beat: 2, sixteenth: 1 });
    expect(formatTime(65.25)).toBe('1:05.250');
    expect(formatTime(0)).toBe('0:00.000');
  });
});
