import { type AudioBuffer, type InstrumentKind, type Song } from '../types';
import { autoMix, type MixRole } from '../dsp/auto-mix';
import { type CompressorOptions } from '../dsp/compressor';
import { master, type MasterOptions, type MasterResult } from '../dsp/master';
import { mixStems, type StemMixSettings } from '../dsp/mix';
import { renderSong, type RenderOptions } from './render';

export interface RenderAndMasterOptions extends RenderOptions, MasterOptions {
  /** Explicit mix settings by track name; when absent the stems are auto-mixed by instrument role. */
  mix?: Record<string, StemMixSettings>;
  /** Bus compression on the mix; default a gentle 2:1 RMS glue. `false` turns it off. */
  busCompression?: CompressorOptions | false;
}

export interface RenderAndMasterResult {
  stems: Record<string, AudioBuffer>;
  mixSettings: Record<string, StemMixSettings>;
  mix: AudioBuffer;
  master: MasterResult;
  durationSeconds: number;
}

const ROLE_BY_INSTRUMENT: Record<InstrumentKind, MixRole> = {
  drums: 'drums',
  bass: 'bass',
  chords: 'chords',
  pad: 'pad',
  lead: 'lead',
};

const GLUE: CompressorOptions = { thresholdDb: -20, ratio: 2, kneeDb: 6, attackMs: 15, releaseMs: 150, detector: 'rms' };

/** The whole bounce: render stems, mix them (auto-mix by default), master. This is what the benchmark times. */
export function renderAndMaster(song: Song, options: RenderAndMasterOptions): RenderAndMasterResult {
  const { stems, durationSeconds } = renderSong(song, options);
  const busCompression = options.busCompression === false ? undefined : (options.busCompression ?? GLUE);
  let mixSettings: Record<string, StemMixSettings>;
  let mix: AudioBuffer;
  if (options.mix) {
    mixSettings = options.mix;
    mix = mixStems(stems, mixSettings, { busCompression });
  } else {
    const roles: Record<string, MixRole> = {};
    for (const track of song.tracks) roles[track.name] = ROLE_BY_INSTRUMENT[track.instrument];
    ({ settings: mixSettings, buffer: mix } = autoMix(stems, { roles, busCompression }));
  }
  return { stems, mixSettings, mix, master: master(mix, options), durationSeconds };
}
