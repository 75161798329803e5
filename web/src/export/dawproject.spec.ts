import { type DawprojectModel, metadataXml, parseMetadataTitle, parseProjectXml, projectXml } from './dawproject';

const model: DawprojectModel = {
  name: 'Night Drive',
  bpm: 92,
  timeSignature: { numerator: 3, denominator: 4 },
  tracks: [
    { id: 't1', name: 'Bass & "Sub"', kind: 'audio', color: '#ff7a45', volumeDb: -6, pan: -0.5, mute: true, solo: false },
    { id: 't2', name: 'Keys', kind: 'midi', color: '#36cfc9', volumeDb: 0, pan: 0, mute: false, solo: true },
  ],
  clips: [
    { trackId: 't1', name: 'Take 1', startBeat: 4, lengthBeats: 8, sourceOffsetSeconds: 0.5, fadeInSeconds: 0.25, fadeOutSeconds: 1, audioPath: 'audio/a1.wav', audioSeconds: 12, notes: null },
    { trackId: 't2', name: 'Chords', startBeat: 0, lengthBeats: 6, sourceOffsetSeconds: 0, fadeInSeconds: 0, fadeOutSeconds: 0, audioPath: null, audioSeconds: null, notes: [{ pitch: 60, startBeat: 0, lengthBeats: 1.5, velocity: 100 }] },
  ],
  markers: [{ name: 'Chorus', beat: 12, color: '#ffc53d' }],
};

describe('DAWproject', () => {
  it('writes project.xml that reads back into the same model', () => {
    const xml = projectXml(model);
    expect(xml).toContain('<Tempo unit="bpm" value="92"');
    expect(xml).toContain('name="Bass &amp; &quot;Sub&quot;"');
    const read = parseProjectXml(xml);
    expect(read.bpm).toBe(92);
    expect(read.timeSignature).toEqual({ numerator: 3, denominator: 4 });
    expect(read.tracks.map(({ id: _id, ...t }) => t)).toEqual(model.tracks.map(({ id: _id, ...t }) => t));
    const ids = new Map(read.tracks.map((t, i) => [t.id, model.tracks[i]!.id]));
    expect(read.clips.map((c) => ({ ...c, trackId: ids.get(c.trackId) }))).toEqual(model.clips.map((c) => ({ ...c, notes: c.notes ? c.notes.map((n) => ({ ...n, velocity: 100 })) : null })));
    expect(read.markers).toEqual(model.markers);
  });

  it('reads another DAW’s project: seconds-timed lanes, nested lanes, decibel volumes, a master track skipped', () => {
    const xml = `<?xml version="1.0"?>
      <Project version="1.0">
        <Transport><Tempo unit="bpm" value="120"/><TimeSignature numerator="4" denominator="4"/></Transport>
        <Structure>
          <Track contentType="audio" id="a" name="Drums"><Channel role="regular"><Volume unit="decibel" value="-3"/></Channel></Track>
          <Track contentType="audio notes" id="m" name="Master"><Channel role="master"/></Track>
        </Structure>
        <Arrangement><Lanes timeUnit="seconds"><Lanes track="a"><Clips>
          <Clip time="2" duration="4" playStart="1" contentTimeUnit="seconds" fadeTimeUnit="beats" fadeInTime="1"><Audio duration="10"><File path="audio/drums.wav"/></Audio></Clip>
        </Clips></Lanes><Markers><Marker time="1" name="Intro"/></Markers></Lanes></Arrangement>
      </Project>`;
    const read = parseProjectXml(xml);
    expect(read.tracks).toEqual([{ id: 'a', name: 'Drums', kind: 'audio', color: '#40a9ff', volumeDb: -3, pan: 0, mute: false, solo: false }]);
    expect(read.clips).toEqual([
      { trackId: 'a', name: '', startBeat: 4, lengthBeats: 8, sourceOffsetSeconds: 1, fadeInSeconds: 0.5, fadeOutSeconds: 0, audioPath: 'audio/drums.wav', audioSeconds: 10, notes: null },
    ]);
    expect(read.markers).toEqual([{ name: 'Intro', beat: 2, color: '#ffc53d' }]);
  });

  it('refuses a document that is not a DAWproject, and reads the title from metadata.xml', () => {
    expect(() => parseProjectXml('<Song/>')).toThrow('not a DAWproject');
    expect(parseMetadataTitle(metadataXml('Night <Drive>'))).toBe('Night <Drive>');
  });
});
