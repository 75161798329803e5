import { useStore } from '../state/store';
import { useStudio } from './StudioPage';

/** Messages: errors, conflicts ("someone else changed this first") and notices. */
export function Toasts() {
  const studio = useStudio();
  const toasts = useStore(studio.store, (s) => s.toasts);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast ${t.kind}`} role={t.kind === 'info' ? undefined : 'alert'}>
          <span>{t.text}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => studio.dismissToast(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

/** Files on their way to the api, with progress. */
export function Uploads() {
  const studio = useStudio();
  const uploads = useStore(studio.store, (s) => s.uploads);
  if (!uploads.length) return null;
  return (
    <div className="uploads" aria-label="Uploads">
      {uploads.map((u) => (
        <div key={u.id} className={`upload${u.error ? ' failed' : ''}`}>
          <span className="upload-name">{u.name}</span>
          {u.error ? (
            <span className="upload-error">{u.error}</span>
          ) : (
            <progress max={1} value={u.progress} aria-label={`Uploading ${u.name}`}>
              {Math.round(u.progress * 100)}%
            </progress>
          )}
        </div>
      ))}
    </div>
  );
}
