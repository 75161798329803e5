/** The studio's keyboard shortcuts: one table drives the handler and the shortcut sheet. */

export type StudioAction =
  | 'togglePlay'
  | 'stop'
  | 'record'
  | 'toggleLoop'
  | 'toggleSolo'
  | 'toggleMute'
  | 'toggleMetronome'
  | 'undo'
  | 'redo'
  | 'deleteSelection'
  | 'duplicateSelection'
  | 'splitAtPlayhead'
  | 'playheadBack'
  | 'playheadForward'
  | 'playheadBackBar'
  | 'playheadForwardBar'
  | 'nudgeLeft'
  | 'nudgeRight'
  | 'previousTrack'
  | 'nextTrack'
  | 'zoomIn'
  | 'zoomOut'
  | 'addMarker'
  | 'toggleMixer'
  | 'showShortcuts'
  | 'escape';

export interface Shortcut {
  action: StudioAction;
  /** As shown on the sheet; "Mod" is ⌘ on a Mac and Ctrl elsewhere. */
  keys: string;
  description: string;
  match: (e: KeyLike) => boolean;
}

export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const mod = (e: KeyLike) => e.ctrlKey || e.metaKey;
const plain = (e: KeyLike) => !e.ctrlKey && !e.metaKey && !e.altKey;
const letter = (e: KeyLike, l: string) => e.key.toLowerCase() === l;

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'togglePlay', keys: 'Space', description: 'Play / pause', match: (e) => plain(e) && (e.key === ' ' || e.code === 'Space') },
  { action: 'stop', keys: 'Enter', description: 'Stop and return to the start', match: (e) => plain(e) && e.key === 'Enter' },
  { action: 'record', keys: 'R', description: 'Record on the selected audio track', match: (e) => plain(e) && !e.shiftKey && letter(e, 'r') },
  { action: 'toggleLoop', keys: 'L', description: 'Loop on / off', match: (e) => plain(e) && !e.shiftKey && letter(e, 'l') },
  { action: 'toggleSolo', keys: 'S', description: 'Solo the selected track', match: (e) => plain(e) && !e.shiftKey && letter(e, 's') },
  { action: 'toggleMute', keys: 'M', description: 'Mute the selected track', match: (e) => plain(e) && !e.shiftKey && letter(e, 'm') },
  { action: 'toggleMetronome', keys: 'K', description: 'Metronome on / off', match: (e) => plain(e) && !e.shiftKey && letter(e, 'k') },
  { action: 'redo', keys: 'Mod+Shift+Z', description: 'Redo', match: (e) => mod(e) && e.shiftKey && letter(e, 'z') },
  { action: 'undo', keys: 'Mod+Z', description: 'Undo', match: (e) => mod(e) && !e.shiftKey && letter(e, 'z') },
  { action: 'duplicateSelection', keys: 'Mod+D', description: 'Duplicate the selected clip', match: (e) => mod(e) && !e.shiftKey && letter(e, 'd') },
  { action: 'splitAtPlayhead', keys: 'Mod+E', description: 'Split the selected clip at the playhead', match: (e) => mod(e) && !e.shiftKey && letter(e, 'e') },
  { action: 'deleteSelection', keys: 'Delete', description: 'Delete the selected clip', match: (e) => plain(e) && (e.key === 'Delete' || e.key === 'Backspace') },
  { action: 'nudgeLeft', keys: 'Alt+←', description: 'Move the selected clip one grid step earlier', match: (e) => e.altKey && !mod(e) && e.key === 'ArrowLeft' },
  { action: 'nudgeRight', keys: 'Alt+→', description: 'Move the selected clip one grid step later', match: (e) => e.altKey && !mod(e) && e.key === 'ArrowRight' },
  { action: 'playheadBackBar', keys: 'Shift+←', description: 'Playhead one bar back', match: (e) => plain(e) && e.shiftKey && e.key === 'ArrowLeft' },
  { action: 'playheadForwardBar', keys: 'Shift+→', description: 'Playhead one bar forward', match: (e) => plain(e) && e.shiftKey && e.key === 'ArrowRight' },
  { action: 'playheadBack', keys: '←', description: 'Playhead one beat back', match: (e) => plain(e) && !e.shiftKey && e.key === 'ArrowLeft' },
  { action: 'playheadForward', keys: '→', description: 'Playhead one beat forward', match: (e) => plain(e) && !e.shiftKey && e.key === 'ArrowRight' },
  { action: 'previousTrack', keys: '↑', description: 'Select the track above', match: (e) => plain(e) && e.key === 'ArrowUp' },
  { action: 'nextTrack', keys: '↓', description: 'Select the track below', match: (e) => plain(e) && e.key === 'ArrowDown' },
  { action: 'zoomIn', keys: '+', description: 'Zoom in', match: (e) => !mod(e) && (e.key === '+' || e.key === '=') },
  { action: 'zoomOut', keys: '−', description: 'Zoom out', match: (e) => !mod(e) && (e.key === '-' || e.key === '_') },
  { action: 'addMarker', keys: 'Shift+M', description: 'Add a section marker at the playhead', match: (e) => plain(e) && e.shiftKey && letter(e, 'm') },
  { action: 'toggleMixer', keys: 'X', description: 'Show / hide the mixer', match: (e) => plain(e) && !e.shiftKey && letter(e, 'x') },
  { action: 'showShortcuts', keys: '?', description: 'This sheet', match: (e) => !mod(e) && e.key === '?' },
  { action: 'escape', keys: 'Esc', description: 'Close a dialog, clear the selection', match: (e) => e.key === 'Escape' },
];

/** The action a key press means in the studio, or undefined. */
export function actionFor(e: KeyLike): StudioAction | undefined {
  return SHORTCUTS.find((s) => s.match(e))?.action;
}

/** Key presses in text fields belong to the field (except Escape). */
export function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  if (el.tagName !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'range'].includes(type);
}

export const isMac = (): boolean => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const showKeys = (keys: string): string => keys.replace('Mod', isMac() ? '⌘' : 'Ctrl');
