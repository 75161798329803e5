import { peaksDuration, waveformColumns } from './waveform';

// 8-bit peaks, 100 frames per pair at 1000 Hz: 10 pairs per second.
const peaks = { sampleRate: 1000, samplesPerPeak: 100, length: 4, bits: 8, data: [-128, 127, -64, 64, 0, 0, -32, 96] };

describe('waveform columns from stored peaks', () => {
  it('scales to -1..1 and takes the extremes under each column', () => {
    const columns = waveformColumns(peaks, 0, 0.4, 2);
    expect([...columns]).toEqual([-1, 127 / 128, -0.25, 0.75]);
  });

  it('repeats a pair across columns when zoomed in, and is silent past the end', () => {
    const columns = waveformColumns(peaks, 0.3, 0.5, 2);
    expect([...columns]).toEqual([-0.25, 0.75, 0, 0]);
    expect(peaksDuration(peaks)).toBeCloseTo(0.4);
  });
});
