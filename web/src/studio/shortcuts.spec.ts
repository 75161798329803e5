import { actionFor, isTyping, SHORTCUTS } from './shortcuts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('keyboard shortcuts', () => {
  it('maps the common keys to studio actions', () => {
    expect(actionFor(key(' '))).toBe('togglePlay');
    expect(actionFor(key('r'))).toBe('record');
    expect(actionFor(key('l'))).toBe('toggleLoop');
    expect(actionFor(key('s'))).toBe('toggleSolo');
    expect(actionFor(key('m'))).toBe('toggleMute');
    expect(actionFor(key('M', { shiftKey: true }))).toBe('addMarker');
    expect(actionFor(key('Delete'))).toBe('deleteSelection');
    expect(actionFor(key('ArrowLeft'))).toBe('playheadBack');
    expect(actionFor(key('ArrowRight', { shiftKey: true }))).toBe('playheadForwardBar');
    expect(actionFor(key('ArrowLeft', { altKey: true }))).toBe('nudgeLeft');
    expect(actionFor(key('ArrowDown'))).toBe('nextTrack');
  });

  it('undoes with Ctrl or ⌘+Z and redoes with Shift as well', () => {
    expect(actionFor(key('z', { ctrlKey: true }))).toBe('undo');
    expect(actionFor(key('z', { metaKey: true }))).toBe('undo');
    expect(actionFor(key('Z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(actionFor(key('d', { ctrlKey: true }))).toBe('duplicateSelection');
    // Ctrl+S, Ctrl+R stay the browser's.
    expect(actionFor(key('s', { ctrlKey: true }))).toBeUndefined();
    expect(actionFor(key('r', { ctrlKey: true }))).toBeUndefined();
  });

  it('leaves keys to text fields', () => {
    const input = document.createElement('input');
    expect(isTyping(input)).toBe(true);
    const range = document.createElement('input');
    range.type = 'range';
    expect(isTyping(range)).toBe(false);
    expect(isTyping(document.createElement('button'))).toBe(false);
  });

  it('lists every action once on the sheet', () => {
    const actions = SHORTCUTS.map((s) => s.action);
    expect(new Set(actions).size).toBe(actions.length);
  });
});
