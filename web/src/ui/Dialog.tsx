import { type ReactNode, useEffect, useId, useRef } from 'react';

/** A modal dialog: labelled, Escape closes it, focus starts inside and returns where it was. */
export function Dialog(props: { title: string; onClose: () => void; children: ReactNode; wide?: boolean; dismissable?: boolean }) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const { onClose, dismissable = true } = props;
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('input, select, textarea, button:not([data-close])');
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && dismissable) {
        e.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      previous?.focus?.();
    };
  }, [onClose, dismissable]);
  return (
    // A click outside closes it; keyboard users have Escape (above).
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && dismissable && onClose()}>
      <div className={`dialog${props.wide ? ' dialog-wide' : ''}`} role="dialog" aria-modal="true" aria-labelledby={titleId} ref={ref}>
        <div className="dialog-head">
          <h2 id={titleId}>{props.title}</h2>
          {dismissable && (
            <button type="button" className="icon-button" data-close aria-label="Close" onClick={onClose}>
              ×
            </button>
          )}
        </div>
        {props.children}
      </div>
    </div>
  );
}

/** Asks for one line of text (a name). */
export function PromptDialog(props: { title: string; label: string; initial: string; submitLabel: string; onSubmit: (value: string) => void; onClose: () => void }) {
  const inputId = useId();
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          const value = String(new FormData(e.currentTarget).get('value') ?? '').trim();
          if (value) props.onSubmit(value);
        }}
      >
        <label htmlFor={inputId}>{props.label}</label>
        <input id={inputId} name="value" defaultValue={props.initial} maxLength={120} required onFocus={(e) => e.currentTarget.select()} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary">
            {props.submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function ConfirmDialog(props: { title: string; message: string; confirmLabel: string; danger?: boolean; onConfirm: () => void; onClose: () => void }) {
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <p className="dialog-text">{props.message}</p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={props.onClose}>
          Cancel
        </button>
        <button type="button" className={`button ${props.danger ? 'danger' : 'primary'}`} onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
