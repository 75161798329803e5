import { clipRect, fadeHandles, hitTest, LANES_TOP, RULER_HEIGHT, TRACK_HEIGHT, type TimelineLayout } from './layout';

const layout: TimelineLayout = { view: { pxPerBeat: 20, scrollBeats: 0 }, scrollY: 0, width: 1000, height: 600, bpm: 120, trackIds: ['t1', 't2'] };
const clip = { id: 'c1', trackId: 't2', startBeat: 4, lengthBeats: 8, gainDb: 0, fadeInSeconds: 1, fadeOutSeconds: 0 };

describe('timeline layout and hit testing', () => {
  it('places a clip in its track’s lane at its beat', () => {
    expect(clipRect(layout, clip)).toEqual({ x: 80, y: LANES_TOP + TRACK_HEIGHT + 3, w: 160, h: TRACK_HEIGHT - 6 });
  });

  it('finds the ruler, the marker lane, markers, lanes and empty space', () => {
    const markers = [{ id: 'm1', beat: 10, name: 'Chorus' }];
    expect(hitTest(layout, [], markers, 50, 5)).toEqual({ kind: 'ruler', beat: 2.5 });
    expect(hitTest(layout, [], markers, 205, RULER_HEIGHT + 5)).toMatchObject({ kind: 'marker', markerId: 'm1' });
    expect(hitTest(layout, [], markers, 20, RULER_HEIGHT + 5)).toMatchObject({ kind: 'marker-lane' });
    expect(hitTest(layout, [], [], 100, LANES_TOP + 10)).toEqual({ kind: 'lane', trackId: 't1', beat: 5 });
    expect(hitTest(layout, [], [], 100, LANES_TOP + 3 * TRACK_HEIGHT)).toMatchObject({ kind: 'empty' });
  });

  it('finds a clip’s body, edges and handles', () => {
    const rect = clipRect(layout, clip)!;
    const mid = rect.y + rect.h - 10;
    expect(hitTest(layout, [clip], [], rect.x + 60, mid)).toMatchObject({ kind: 'clip', part: 'body', clipId: 'c1' });
    expect(hitTest(layout, [clip], [], rect.x + 2, mid)).toMatchObject({ part: 'start' });
    expect(hitTest(layout, [clip], [], rect.x + rect.w - 2, mid)).toMatchObject({ part: 'end' });
    const handles = fadeHandles(layout, rect, clip);
    // 1 s of fade-in at 120 BPM is 2 beats: 40 px.
    expect(handles.fadeIn.x).toBe(rect.x + 40);
    expect(hitTest(layout, [clip], [], handles.fadeIn.x, handles.fadeIn.y)).toMatchObject({ part: 'fade-in' });
    expect(hitTest(layout, [clip], [], handles.fadeOut.x - 1, handles.fadeOut.y)).toMatchObject({ part: 'fade-out' });
    expect(hitTest(layout, [clip], [], handles.gain.x, handles.gain.y)).toMatchObject({ part: 'gain' });
  });

  it('follows the vertical scroll', () => {
    const scrolled = { ...layout, scrollY: TRACK_HEIGHT };
    expect(hitTest(scrolled, [], [], 100, LANES_TOP + 10)).toMatchObject({ kind: 'lane', trackId: 't2' });
  });
});
