import { fireEvent, render, screen } from '@testing-library/react';
import type { TakeBadge } from '../studio/takes';
import { TakePicker } from './TakePicker';

const badge: TakeBadge = {
  takeGroupId: 'g1',
  activeClipId: 'c2',
  label: 'Take 2/3',
  takes: [
    { clipId: 'c1', name: 'Take 1', number: 1 },
    { clipId: 'c2', name: 'Take 2', number: 2 },
    { clipId: 'c3', name: 'Take 3', number: 3 },
  ],
};

describe('the take picker', () => {
  it('opens from the keyboard on the take being heard, moves with the arrows, chooses one and gives focus back', () => {
    const chosen: string[] = [];
    render(<TakePicker badge={badge} style={{}} opens="left" onChoose={(id) => chosen.push(id)} />);
    const button = screen.getByRole('button', { name: 'Take 2/3' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    button.focus();
    fireEvent.keyDown(button, { key: 'ArrowDown' });
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const items = screen.getAllByRole('menuitemradio');
    expect(items.map((i) => [i.textContent, i.getAttribute('aria-checked')])).toEqual([
      ['○ Take 1', 'false'],
      ['● Take 2', 'true'],
      ['○ Take 3', 'false'],
    ]);
    expect(document.activeElement).toBe(items[1]);
    fireEvent.keyDown(items[1]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[2]);
    fireEvent.keyDown(items[2]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[0]);
    fireEvent.click(items[0]!);
    expect(chosen).toEqual(['c1']);
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('closes on Escape without choosing, and steps through the takes with Alt+arrows on the badge', () => {
    const chosen: string[] = [];
    render(<TakePicker badge={badge} style={{}} opens="right" onChoose={(id) => chosen.push(id)} />);
    const button = screen.getByRole('button', { name: 'Take 2/3' });
    fireEvent.click(button);
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
    const right = fireEvent.keyDown(button, { key: 'ArrowRight', altKey: true });
    fireEvent.keyDown(button, { key: 'ArrowLeft', altKey: true });
    // The studio's own arrow shortcuts see the event as handled.
    expect(right).toBe(false);
    expect(chosen).toEqual(['c3', 'c1']);
  });
});
