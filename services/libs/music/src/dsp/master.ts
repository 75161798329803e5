import { type AudioBuffer } from '../types';
import { assertAudioBuffer, cloneAudioBuffer } from './audio-buffer';
import { dbToGain, gainToDb } from './decibels';
import { limitTruePeak } from './limiter';
import { integratedLoudness } from './loudness';
import { truePeak, truePeakEnvelope } from './true-peak';

export interface MasterOptions {
  /** Integrated loudness to reach, LUFS. Default -14 (the streaming norm). */
  targetLufs?: number;
  /** Highest true peak allowed, dBTP. Default -1. */
  ceilingDbtp?: number;
  lookaheadMs?: number;
  releaseMs?: number;
}

export interface MasterResult {
  buffer: AudioBuffer;
  inputLufs: number;
  outputLufs: number;
  truePeakDbtp: number;
  /** Normalisation gain applied before the limiter, dB. */
  gainDb: number;
  /** Deepest limiter gain reduction, dB (≤ 0). */
  limiterReductionDb: number;
}

/** The limiter costs some loudness; past this shortfall the gain is raised and the limiter run again. */
const LOUDNESS_TOLERANCE_LU = 0.3;
const MAX_PASSES = 4;
const ENVELOPE_HEADROOM_DB = 6;

/**
 * Loudness-normalise to the target, then true-peak limit to the ceiling,
 * then measure what came out. The true-peak envelope of the input is
 * computed once: the normalisation gain scales it exactly, so extra passes
 * only redo the cheap parts (gain curve, K-weighted loudness). A pass that
 * falls short of the target by more than 0.3 LU raises the gain by the
 * shortfall and limits again (up to four passes in all).
 */
export function master(buffer: AudioBuffer, options: MasterOptions = {}): MasterResult {
  assertAudioBuffer(buffer);
  const targetLufs = options.targetLufs ?? -14;
  const ceilingDbtp = options.ceilingDbtp ?? -1;
  const inputLufs = integratedLoudness(buffer);
  if (!Number.isFinite(inputLufs)) {
    // Silence (or under one 400 ms block) has no loudness to normalise.
    return {
      buffer: cloneAudioBuffer(buffer),
      inputLufs,
      outputLufs: inputLufs,
      truePeakDbtp: gainToDb(truePeak(buffer)),
      gainDb: 0,
      limiterReductionDb: 0,
    };
  }

  let gainDb = targetLufs - inputLufs;
  // The limiter only needs the envelope where it can reach the ceiling; computing it
  // for a little more gain than the first pass uses covers the usual re-passes too.
  let envelopeGainDb = gainDb + ENVELOPE_HEADROOM_DB;
  let envelope = truePeakEnvelope(buffer, dbToGain(ceilingDbtp - 1 - envelopeGainDb));
  let limited = limitTruePeak(buffer, { ceilingDbtp, inputGainDb: gainDb, envelope, lookaheadMs: options.lookaheadMs, releaseMs: options.releaseMs });
  let outputLufs = integratedLoudness(limited.buffer);
  for (let pass = 1; pass < MAX_PASSES && targetLufs - outputLufs > LOUDNESS_TOLERANCE_LU; pass++) {
    gainDb += targetLufs - outputLufs;
    if (gainDb > envelopeGainDb) {
      envelopeGainDb = Infinity;
      envelope = truePeakEnvelope(buffer);
    }
    limited = limitTruePeak(buffer, { ceilingDbtp, inputGainDb: gainDb, envelope, lookaheadMs: options.lookaheadMs, releaseMs: options.releaseMs });
    outputLufs = integratedLoudness(limited.buffer);
  }

  // The verdict is a fresh measurement of the output, and anything the limiter's margin missed is trimmed.
  let peak = truePeak(limited.buffer);
  const ceiling = dbToGain(ceilingDbtp);
  if (peak > ceiling) {
    const trim = (ceiling / peak) * 0.9999;
    for (const ch of limited.buffer.channels) for (let i = 0; i < ch.length; i++) ch[i] *= trim;
    peak = truePeak(limited.buffer);
    outputLufs = integratedLoudness(limited.buffer);
  }
  return {
    buffer: limited.buffer,
    inputLufs,
    outputLufs,
    truePeakDbtp: gainToDb(peak),
    gainDb,
    limiterReductionDb: limited.maxGainReductionDb,
  };
}
