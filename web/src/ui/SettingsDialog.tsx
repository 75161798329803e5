import { useId, useState } from 'react';
import { describeError } from '../api/errors';
import { useStore } from '../state/store';
import { Dialog } from './Dialog';
import { useStudio } from './StudioPage';

/** The account's display name and this browser's recording latency compensation. */
export function SettingsDialog(props: { onClose: () => void }) {
  const studio = useStudio();
  const latencyMs = useStore(studio.store, (s) => s.latencyMs);
  const user = studio.api.session.user;
  const [error, setError] = useState<string | null>(null);
  const ids = { name: useId(), latency: useId(), auto: useId() };
  const [auto, setAuto] = useState(latencyMs === null);
  const reported = Math.round(studio.engine.outputLatency() * 1000);

  return (
    <Dialog title="Settings" onClose={props.onClose}>
      <form
        className="form"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          studio.setLatency(auto ? null : Math.max(0, Math.min(1000, Number(form.get('latency')) || 0)));
          const displayName = String(form.get('displayName') ?? '').trim();
          try {
            if (user && displayName && displayName !== user.displayName) await studio.api.updateMe({ displayName, version: user.version });
            props.onClose();
          } catch (err) {
            setError(describeError(err));
          }
        }}
      >
        <label htmlFor={ids.name}>Display name</label>
        <input id={ids.name} name="displayName" defaultValue={user?.displayName ?? ''} maxLength={80} required />
        <label htmlFor={ids.latency}>Recording latency compensation (ms)</label>
        <div className="form-row inline">
          <input id={ids.latency} name="latency" type="number" min={0} max={1000} step={1} defaultValue={latencyMs ?? reported} disabled={auto} />
          <label className="checkbox" htmlFor={ids.auto}>
            <input id={ids.auto} type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} /> Use what the browser reports
          </label>
        </div>
        <p className="hint">Takes are moved earlier by this much, so they line up with what you heard while playing.</p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary">
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
