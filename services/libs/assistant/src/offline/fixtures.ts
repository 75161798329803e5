import type { ProjectContext } from '../types';

/** The project the offline parser's tests talk about. */
export const STUDIO_PROJECT: ProjectContext = {
  name: 'Night Drive',
  bpm: 92,
  key: { tonic: 'F', scale: 'minor' },
  tracks: [
    { id: 't-drums', name: 'Drums', kind: 'midi', mute: false, solo: false, volumeDb: 0, pan: 0 },
    { id: 't-bass', name: 'Bass', kind: 'midi', mute: false, solo: false, volumeDb: -4, pan: 0 },
    { id: 't-vox', name: 'Lead Vox', kind: 'audio', mute: false, solo: false, volumeDb: -2, pan: 0 },
    { id: 't-keys', name: 'Keys', kind: 'midi', mute: true, solo: false, volumeDb: -6, pan: -0.2 },
    { id: 't-gtr', name: 'Guitar', kind: 'audio', mute: false, solo: false, volumeDb: -3, pan: 0 },
    { id: 't-hat', name: 'Hi-Hat', kind: 'midi', mute: false, solo: false, volumeDb: -8, pan: 0.3 },
  ],
  markers: [
    { name: 'Intro', bar: 1 },
    { name: 'Verse', bar: 9 },
  ],
};
