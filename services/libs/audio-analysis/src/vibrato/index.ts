export { analyzeVibrato, fitVibrato, isVibrato, type VibratoAnalysis, type VibratoFit, type VibratoOptions } from './vibrato';
