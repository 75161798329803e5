import { activeTakesLast, adjacentTake, takeBadges, takeGroupFor } from './takes';

const group = (id: string, trackId: string, startBeat: number, lengthBeats: number, clipIds: string[], activeClipId: string | null = clipIds.at(-1) ?? null) => ({ id, trackId, startBeat, lengthBeats, clipIds, activeClipId });

describe('takes', () => {
  it('adds a recording to the take group on its track that it overlaps most', () => {
    const groups = [group('g1', 't1', 0, 8, ['a']), group('g2', 't1', 6, 8, ['b']), group('g3', 't2', 0, 16, ['c'])];
    expect(takeGroupFor(groups, 't1', 0, 4)?.id).toBe('g1');
    expect(takeGroupFor(groups, 't1', 7, 8)?.id).toBe('g2');
    expect(takeGroupFor(groups, 't1', 16, 4)).toBeUndefined();
    // Touching is not overlapping.
    expect(takeGroupFor(groups, 't1', 14, 4)).toBeUndefined();
    expect(takeGroupFor(groups, 't3', 0, 4)).toBeUndefined();
  });

  it('puts a "Take n/m" badge on the active take of each group with more than one take', () => {
    const clips = [
      { id: 'a', name: 'Take 1', takeGroupId: 'g1' },
      { id: 'b', name: 'Take 2', takeGroupId: 'g1' },
      { id: 'c', name: 'Take 3', takeGroupId: 'g1' },
      { id: 'd', name: 'Take 1', takeGroupId: 'g2' },
    ];
    const badges = takeBadges([group('g1', 't1', 0, 8, ['a', 'b', 'c'], 'a'), group('g2', 't2', 0, 8, ['d'])], clips);
    expect(badges).toEqual([
      {
        takeGroupId: 'g1',
        activeClipId: 'a',
        label: 'Take 1/3',
        takes: [
          { clipId: 'a', name: 'Take 1', number: 1 },
          { clipId: 'b', name: 'Take 2', number: 2 },
          { clipId: 'c', name: 'Take 3', number: 3 },
        ],
      },
    ]);
    expect(adjacentTake(badges[0]!, 1).clipId).toBe('b');
    expect(adjacentTake(badges[0]!, -1).clipId).toBe('c');
    // No badge while no take is active (nothing to sit on), or for takes not loaded yet.
    expect(takeBadges([group('g1', 't1', 0, 8, ['a', 'b'], null)], clips)).toEqual([]);
    expect(takeBadges([group('g1', 't1', 0, 8, ['a', 'x'], 'a')], clips)).toEqual([]);
  });

  it('orders inactive takes before the rest, so the active one is on top', () => {
    const clips = [
      { id: 'a', takeGroupId: 'g1' },
      { id: 'loose', takeGroupId: null },
      { id: 'b', takeGroupId: 'g1' },
      { id: 'c', takeGroupId: 'g1' },
    ];
    expect(activeTakesLast(clips, [{ id: 'g1', activeClipId: 'b' }]).map((c) => c.id)).toEqual(['a', 'c', 'loose', 'b']);
  });
});
