/**
 * @dawg/assistant: the DAW assistant's tools, shared by every AI provider,
 * and the offline provider that drives the same tools from plain English.
 * Pure: no NestJS, no I/O.
 */
export * from './types';
export * from './tools';
export { offlineRespond } from './offline/respond';
export type { OfflineInput } from './offline/respond';
export { projectFromState } from './offline/project-state';
export { chordsInKey, keySignature, relativeKey, spellScale, suggestProgression, twoFiveOne } from './offline/theory';
export type { KeySignature, NamedChord, ProgressionRequest, SuggestedProgression } from './offline/theory';
