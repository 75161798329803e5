import { useId, useState, useSyncExternalStore } from 'react';
import type { Api } from '../api/api';
import { useStore } from '../state/store';
import { showKeys } from '../studio/shortcuts';
import { SNAPS, type Snap } from '../timeline/grid';
import { Logo } from './AuthPage';
import { PromptDialog } from './Dialog';
import { ExportDialog } from './ExportDialog';
import { SettingsDialog } from './SettingsDialog';
import { SidePanelToggles } from './SidePanelHost';
import { PresenceAvatars } from './PresenceAvatars';
import { navigate } from './router';
import { useStudio } from './StudioPage';
import { UserMenu } from './UserMenu';

const TIME_SIGNATURES = ['4/4', '3/4', '2/4', '5/4', '6/8', '7/8', '12/8'];

/** Project name, tempo, time signature, snap, undo/redo and the account. */
export function TopBar(props: { api: Api }) {
  const studio = useStudio();
  const project = useStore(studio.store, (s) => s.project);
  const snap = useStore(studio.store, (s) => s.snap);
  const connected = useStore(studio.store, (s) => s.connected);
  const busy = useStore(studio.store, (s) => s.busy);
  const history = useSyncExternalStore(studio.history.subscribe.bind(studio.history), () => studio.history.snapshot);
  const [renaming, setRenaming] = useState(false);
  const [settings, setSettings] = useState(false);
  const [exporting, setExporting] = useState(false);
  const ids = { bpm: useId(), ts: useId(), snap: useId() };
  const ts = project ? `${project.timeSignature.numerator}/${project.timeSignature.denominator}` : '4/4';
  const readOnly = project?.role === 'viewer';

  return (
    <header className="topbar">
      <a
        className="home-link"
        href="/"
        aria-label="Back to projects"
        onClick={(e) => {
          e.preventDefault();
          navigate('/');
        }}
      >
        <Logo />
      </a>
      <button type="button" className="project-title" onClick={() => !readOnly && setRenaming(true)} title={readOnly ? 'View only' : 'Rename project'} disabled={!project}>
        {project?.name ?? '…'}
      </button>
      {readOnly && <span className="badge">view only</span>}
      <div className="topbar-group">
        <label htmlFor={ids.bpm}>BPM</label>
        <input
          id={ids.bpm}
          key={`bpm-${project?.version}`}
          className="bpm-input"
          type="number"
          min={20}
          max={400}
          step="0.01"
          defaultValue={project?.bpm ?? 120}
          disabled={readOnly}
          onBlur={(e) => void studio.setTempo(Number(e.currentTarget.value))}
          onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
        />
        <label htmlFor={ids.ts}>Time</label>
        <select
          id={ids.ts}
          value={ts}
          disabled={readOnly}
          onChange={(e) => {
            const [n, d] = e.target.value.split('/').map(Number) as [number, number];
            void studio.setTimeSignature(n, d);
          }}
        >
          {(TIME_SIGNATURES.includes(ts) ? TIME_SIGNATURES : [ts, ...TIME_SIGNATURES]).map((value) => (
            <option key={value}>{value}</option>
          ))}
        </select>
        {project?.key && (
          <span className="key-chip" title="Key">
            {project.key.tonic} {project.key.scale}
          </span>
        )}
      </div>
      <div className="topbar-group">
        <label htmlFor={ids.snap}>Snap</label>
        <select id={ids.snap} value={snap} onChange={(e) => studio.setSnap(e.target.value as Snap)}>
          {SNAPS.map((s) => (
            <option key={s} value={s}>
              {s === 'off' ? 'Off' : s === 'bar' ? 'Bar' : 'Beat'}
            </option>
          ))}
        </select>
        <button type="button" className="icon-button" aria-label="Zoom out" title="Zoom out (−)" onClick={() => studio.zoom(0.8)}>
          −
        </button>
        <button type="button" className="icon-button" aria-label="Zoom in" title="Zoom in (+)" onClick={() => studio.zoom(1.25)}>
          +
        </button>
      </div>
      <div className="topbar-group">
        <button
          type="button"
          className="button small"
          disabled={!history.undo.length}
          onClick={() => void studio.undo()}
          title={history.undo.length ? `Undo ${history.undo.at(-1)!.label} (${showKeys('Mod+Z')})` : 'Nothing to undo'}
        >
          Undo
        </button>
        <button
          type="button"
          className="button small"
          disabled={!history.redo.length}
          onClick={() => void studio.redo()}
          title={history.redo.length ? `Redo ${history.redo.at(-1)!.label} (${showKeys('Mod+Shift+Z')})` : 'Nothing to redo'}
        >
          Redo
        </button>
        <span className={`sync-dot${busy ? ' busy' : connected ? ' live' : ''}`} role="status" aria-label={busy ? 'Saving' : connected ? 'Live: changes from collaborators appear here' : 'Offline: reconnecting'} title={busy ? 'Saving…' : connected ? 'Live' : 'Reconnecting…'} />
      </div>
      <div className="topbar-spacer" />
      <PresenceAvatars />
      <SidePanelToggles />
      <button type="button" className="icon-button" onClick={() => studio.store.set({ shortcutsOpen: true })} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
        ?
      </button>
      <button type="button" className="button small" onClick={() => setExporting(true)}>
        Export
      </button>
      <button type="button" className="icon-button" onClick={() => setSettings(true)} aria-label="Settings" title="Settings">
        <span aria-hidden="true">⚙</span>
      </button>
      <UserMenu api={props.api} />
      {settings && <SettingsDialog onClose={() => setSettings(false)} />}
      {exporting && <ExportDialog onClose={() => setExporting(false)} />}
      {renaming && project && (
        <PromptDialog
          title="Rename project"
          label="Name"
          initial={project.name}
          submitLabel="Rename"
          onClose={() => setRenaming(false)}
          onSubmit={(name) => {
            setRenaming(false);
            void studio.perform({ kind: 'project.update', label: 'Rename project', before: { name: project.name }, after: { name } });
          }}
        />
      )}
    </header>
  );
}
