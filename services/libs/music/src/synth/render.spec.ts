import { type NoteEvent, type Song, type SongTrack } from '../types';
import { goertzelPower, rms } from '../dsp/test-signals';
import { renderFrames, renderSong } from './render';
import { renderAndMaster } from './render-and-master';

const note = (pitch: number, startBeat: number, durationBeats: number, velocity = 100): NoteEvent => ({ pitch, startBeat, durationBeats, velocity });

function song(tracks: SongTrack[], lengthBeats = 8, bpm = 120): Song {
  return { bpm, timeSignature: { numerator: 4, denominator: 4 }, lengthBeats, tracks };
}

/** Two bars of a small band: a groove, a bass line, chords and a lead. */
function band(): Song {
  const drums: NoteEvent[] = [];
  for (let beat = 0; beat < 8; beat++) {
    drums.push(note(36, beat, 0.25, 120), note(42, beat + 0.5, 0.25, 90));
    if (beat % 2 === 1) drums.push(note(38, beat, 0.25, 110));
  }
  drums.push(note(46, 7.5, 0.5), note(49, 0, 1), note(39, 3, 0.25), note(45, 6.5, 0.25));
  return song([
    { name: 'drums', instrument: 'drums', channel: 9, notes: drums },
    { name: 'bass', instrument: 'bass', channel: 0, notes: [note(33, 0, 1.5), note(33, 2, 1), note(36, 3, 1.2), note(31, 4, 4)] },
    { name: 'chords', instrument: 'chords', channel: 1, notes: [57, 60, 64].map((p) => note(p, 0, 4)).concat([55, 59, 62].map((p) => note(p, 4, 4))) },
    { name: 'lead', instrument: 'lead', channel: 2, notes: [note(72, 1, 0.5), note(74, 1.5, 0.5), note(76, 2, 2, 110)] },
    { name: 'pad', instrument: 'pad', channel: 3, notes: [note(48, 0, 8, 70)] },
  ]);
}

/** Fraction of a signal's energy in [lowHz, highHz), from an N-point DFT computed bin by bin (Goertzel). */
function energyFraction(x: Float32Array, sampleRate: number, lowHz: number, highHz: number, n = 4096): number {
  const frame = x.subarray(0, n);
  let inBand = 0;
  let total = 0;
  for (let k = 1; k < n / 2; k++) {
    const hz = (k * sampleRate) / n;
    const p = goertzelPower(frame, sampleRate, hz);
    total += p;
    if (hz >= lowHz && hz < highHz) inBand += p;
  }
  return inBand / total;
}

function sameBits(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

describe('renderSong', () => {
  it('is deterministic: the same song renders to bit-identical stems', () => {
    const a = renderSong(band(), { sampleRate: 44100 });
    const b = renderSong(band(), { sampleRate: 44100 });
    for (const name of Object.keys(a.stems)) {
      expect(sameBits(a.stems[name].channels[0], b.stems[name].channels[0])).toBe(true);
      expect(sameBits(a.stems[name].channels[1], b.stems[name].channels[1])).toBe(true);
    }
  });

  it('renders a track the same whatever else is in the song', () => {
    const full = renderSong(band(), { sampleRate: 48000 });
    const alone = renderSong(song(band().tracks.filter((t) => t.name === 'drums')), { sampleRate: 48000 });
    expect(sameBits(full.stems.drums.channels[0], alone.stems.drums.channels[0])).toBe(true);
  });

  it.each([44100, 48000] as const)('makes one stereo stem per track, of exactly ceil((beats·60/bpm + tail)·rate) samples at %i Hz', (sampleRate) => {
    const s = band();
    const result = renderSong(s, { sampleRate, tailSeconds: 0.75 });
    expect(Object.keys(result.stems)).toEqual(s.tracks.map((t) => t.name));
    const frames = Math.ceil((8 * 0.5 + 0.75) * sampleRate);
    expect(renderFrames(s, sampleRate, 0.75)).toBe(frames);
    expect(result.frames).toBe(frames);
    expect(result.durationSeconds).toBe(frames / sampleRate);
    for (const stem of Object.values(result.stems)) {
      expect(stem.sampleRate).toBe(sampleRate);
      expect(stem.channels).toHaveLength(2);
      expect(stem.channels[0]).toHaveLength(frames);
      expect(stem.channels[1]).toHaveLength(frames);
    }
  });

  it('is silent where no notes play and sounds where they do', () => {
    const sampleRate = 44100;
    const result = renderSong(song([{ name: 'lead', instrument: 'lead', channel: 0, notes: [note(69, 2, 1)] }], 8), { sampleRate });
    const x = result.stems.lead.channels[0];
    const beat = sampleRate / 2;
    expect(x.subarray(0, 2 * beat).every((v) => v === 0)).toBe(true);
    expect(rms(x, 2 * beat, 3 * beat)).toBeGreaterThan(0.01);
    expect(x.subarray(6 * beat).every((v) => v === 0)).toBe(true);

    const empty = renderSong(song([{ name: 'nothing', instrument: 'pad', channel: 0, notes: [] }]), { sampleRate });
    expect(empty.stems.nothing.channels[0].every((v) => v === 0)).toBe(true);
  });

  it('plays every instrument audibly', () => {
    const result = renderSong(band(), { sampleRate: 44100 });
    for (const [name, stem] of Object.entries(result.stems)) {
      expect({ name, rms: rms(stem.channels[0]) > 0.005 }).toEqual({ name, rms: true });
      expect(stem.channels[0].every(Number.isFinite)).toBe(true);
    }
  });

  it('puts a kick\'s energy mostly below 150 Hz and a hat\'s above 5 kHz', () => {
    const sampleRate = 44100;
    const drum = (pitch: number) =>
      renderSong(song([{ name: 'd', instrument: 'drums', channel: 9, notes: [note(pitch, 0, 0.25)] }], 1), { sampleRate, tailSeconds: 0 }).stems.d.channels[0];
    expect(energyFraction(drum(36), sampleRate, 0, 150)).toBeGreaterThan(0.7);
    expect(energyFraction(drum(42), sampleRate, 5000, sampleRate / 2)).toBeGreaterThan(0.8);
    expect(energyFraction(drum(46), sampleRate, 5000, sampleRate / 2)).toBeGreaterThan(0.8);
  });

  it('maps velocity to amplitude', () => {
    const level = (velocity: number) =>
      rms(renderSong(song([{ name: 'c', instrument: 'chords', channel: 0, notes: [note(60, 0, 1, velocity)] }], 2), { sampleRate: 44100 }).stems.c.channels[0]);
    expect(level(127)).toBeGreaterThan(level(80) * 1.5);
    expect(level(80)).toBeGreaterThan(level(30) * 1.5);
  });

  it('chokes an open hat when the next hat is played', () => {
    const sampleRate = 44100;
    const hats = (notes: NoteEvent[]) =>
      renderSong(song([{ name: 'd', instrument: 'drums', channel: 9, notes }], 4), { sampleRate }).stems.d.channels[0];
    const ringing = hats([note(46, 0, 0.5)]);
    const choked = hats([note(46, 0, 0.5), note(44, 1, 0.25, 1)]);
    const window: [number, number] = [Math.round(0.55 * sampleRate), Math.round(0.7 * sampleRate)];
    expect(rms(choked, ...window)).toBeLessThan(0.1 * rms(ringing, ...window));
  });

  it('glides the bass between overlapping notes and jumps between detached ones', () => {
    const sampleRate = 44100;
    const start = sampleRate; // beat 2 at 120 BPM
    const dominantHz = (notes: NoteEvent[]) => {
      const x = renderSong(song([{ name: 'b', instrument: 'bass', channel: 0, notes }], 4), { sampleRate }).stems.b.channels[0];
      let best = 0;
      let bestHz = 0;
      for (let hz = 150; hz <= 260; hz += 2) {
        const p = goertzelPower(x, sampleRate, hz, start, start + Math.round(0.06 * sampleRate));
        if (p > best) [best, bestHz] = [p, hz];
      }
      return bestHz;
    };
    const legato = dominantHz([note(45, 0, 2.2), note(57, 2, 2)]);
    const detached = dominantHz([note(45, 0, 1.5), note(57, 2, 2)]);
    expect(Math.abs(detached - 220)).toBeLessThanOrEqual(10);
    expect(legato).toBeGreaterThan(130);
    expect(legato).toBeLessThan(205);
  });

  it('rejects songs it cannot render', () => {
    expect(() => renderSong({ ...band(), bpm: 0 }, { sampleRate: 44100 })).toThrow(expect.objectContaining({ code: 'INVALID_SONG' }));
    const twice = band();
    twice.tracks.push({ ...twice.tracks[0] });
    expect(() => renderSong(twice, { sampleRate: 44100 })).toThrow(expect.objectContaining({ code: 'INVALID_SONG' }));
    expect(() => renderSong(band(), { sampleRate: 22050 as 44100 })).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_SAMPLE_RATE' }));
  });
});

describe('renderAndMaster', () => {
  it.each([
    [-14, 44100],
    [-9, 48000],
    [-16, 44100],
  ] as const)('masters a rendered band to %i LUFS (±0.5) under -1 dBTP at %i Hz', (targetLufs, sampleRate) => {
    const result = renderAndMaster(band(), { sampleRate, targetLufs });
    expect(Math.abs(result.master.outputLufs - targetLufs)).toBeLessThanOrEqual(0.5);
    expect(result.master.truePeakDbtp).toBeLessThanOrEqual(-1);
    expect(Object.keys(result.mixSettings)).toEqual(['drums', 'bass', 'chords', 'lead', 'pad']);
    expect(result.mixSettings.bass.pan).toBe(0);
  });

  it('uses explicit mix settings when given', () => {
    const result = renderAndMaster(band(), { sampleRate: 44100, mix: { drums: { gainDb: -3 }, lead: { pan: 0.5 } }, busCompression: false });
    expect(result.mixSettings).toEqual({ drums: { gainDb: -3 }, lead: { pan: 0.5 } });
    expect(result.master.truePeakDbtp).toBeLessThanOrEqual(-1);
  });
});
