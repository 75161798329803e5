import { type CSSProperties, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { adjacentTake, type TakeBadge } from '../studio/takes';

/**
 * The "Take 2/3" badge on a recorded region's active take: opens a menu of
 * the region's takes (arrow keys move, Enter or a click chooses, Escape
 * closes); Alt+arrows on the badge step through the takes directly.
 */
export interface TakePickerProps {
  badge: TakeBadge;
  style: CSSProperties;
  /** Which way the menu opens, to stay inside the timeline. */
  opens: 'left' | 'right';
  onChoose: (clipId: string) => void;
}

export function TakePicker(props: TakePickerProps) {
  const { badge, onChoose } = props;
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const menuId = useId();

  const items = () => [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitemradio"]') ?? [])];
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  // Opened: focus the take being heard; a press anywhere else closes the menu.
  useEffect(() => {
    if (!open) return;
    (menuRef.current?.querySelector<HTMLButtonElement>('[aria-checked="true"]') ?? items()[0])?.focus();
    const outside = (e: PointerEvent) => {
      if (!(e.target instanceof Node) || !buttonRef.current?.parentElement?.contains(e.target)) setOpen(false);
    };
    window.addEventListener('pointerdown', outside, true);
    return () => window.removeEventListener('pointerdown', outside, true);
  }, [open]);

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      // Handled here: the studio's own arrow shortcuts must not run as well.
      e.preventDefault();
      onChoose(adjacentTake(badge, e.key === 'ArrowRight' ? 1 : -1).clipId);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
    }
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => all[(to + all.length) % all.length]?.focus();
    switch (e.key) {
      case 'ArrowDown':
        move(at + 1);
        break;
      case 'ArrowUp':
        move(at - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(all.length - 1);
        break;
      case 'Escape':
        close(true);
        break;
      case 'Tab':
        setOpen(false);
        return;
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <div className="take-picker" style={props.style}>
      <button
        ref={buttonRef}
        type="button"
        className="take-badge"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        title={`${badge.label}: choose the take to hear (Alt+←/→ steps through them)`}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={onButtonKey}
      >
        {badge.label}
      </button>
      {open && (
        <ul className={`take-menu opens-${props.opens}`} role="menu" id={menuId} aria-label="Takes" ref={menuRef} onKeyDown={onMenuKey}>
          {badge.takes.map((take) => (
            <li key={take.clipId} role="none">
              <button
                type="button"
                role="menuitemradio"
                aria-checked={take.clipId === badge.activeClipId}
                tabIndex={-1}
                onClick={() => {
                  close(true);
                  onChoose(take.clipId);
                }}
              >
                <span aria-hidden="true">{take.clipId === badge.activeClipId ? '●' : '○'}</span> {take.name || `Take ${take.number}`}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
