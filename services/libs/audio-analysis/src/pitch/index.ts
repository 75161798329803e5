export {
  DEFAULT_FRAME_SIZE,
  DEFAULT_MAX_FREQUENCY,
  DEFAULT_MIN_FREQUENCY,
  PitchDetector,
  type PitchDetectorOptions,
  type PitchEstimate,
} from './detector';
export { type NoteSegment, type SegmentableFrame, type SegmentOptions, segmentNotes } from './note-segments';
export {
  centsBetween,
  DEFAULT_A4_HZ,
  DEFAULT_TOLERANCE_CENTS,
  describeFrequency,
  frequencyToMidi,
  midiToFrequency,
  midiToNoteName,
  type NotePosition,
  type NotePositionOptions,
  noteNameToMidi,
  parsePitchClass,
  pitchClassOf,
} from './notes';
export { int16ToFloat32, pcm16leToFloat32 } from './pcm';
export { type PitchTarget, SCALES, type ScaleName, type TargetNote, TargetResolver } from './targets';
export {
  type OctaveProtectionOptions,
  type PitchFrame,
  PitchTracker,
  type PitchTrackerOptions,
  type VoicingOptions,
} from './tracker';
