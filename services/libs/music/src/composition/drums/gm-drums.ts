/** General MIDI percussion keys (channel 10). */
export const GM_DRUMS = {
  kick: 36,
  sideStick: 37,
  snare: 38,
  clap: 39,
  floorTom: 43,
  closedHat: 42,
  pedalHat: 44,
  lowTom: 45,
  openHat: 46,
  midTom: 47,
  crash: 49,
  highTom: 50,
  ride: 51,
  tambourine: 54,
  highConga: 62,
  lowConga: 64,
  shaker: 70,
} as const;

/** The MIDI channel General MIDI reserves for drums (channel 10, zero-based 9). */
export const DRUM_CHANNEL = 9;
