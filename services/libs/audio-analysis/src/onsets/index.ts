export { gridStepSeconds, type GridTiming, type GridTimingOptions, type TempoGrid, timingAgainstGrid } from './grid';
export { detectOnsets, OnsetDetector, type OnsetDetectorOptions } from './onset-detector';
