import { lazy, Suspense } from 'react';
import type { Api } from '../api/api';
import { useStore } from '../state/store';
import { SIDE_PANELS, type SidePanel } from '../studio/state';
import { useStudio } from './StudioPage';

// Each panel loads when first opened, so the timeline does not wait for the AI code.
const ChatPanel = lazy(() => import('../ai/ChatPanel').then((m) => ({ default: m.ChatPanel })));
const GeneratePanel = lazy(() => import('../ai/GeneratePanel').then((m) => ({ default: m.GeneratePanel })));
const CoachPanel = lazy(() => import('../coach/CoachPanel').then((m) => ({ default: m.CoachPanel })));

export const SIDE_PANEL_LABELS: Record<SidePanel, string> = { assistant: 'Assistant', generate: 'Generate', coach: 'Vocal coach' };

/** The buttons in the top bar that open and close the panels beside the timeline. */
export function SidePanelToggles() {
  const studio = useStudio();
  const open = useStore(studio.store, (s) => s.sidePanel);
  return (
    <div className="topbar-group" role="group" aria-label="AI panels">
      {SIDE_PANELS.map((panel) => (
        <button key={panel} type="button" className={`button small${open === panel ? ' primary' : ''}`} aria-pressed={open === panel} onClick={() => studio.store.set({ sidePanel: open === panel ? null : panel })}>
          {SIDE_PANEL_LABELS[panel]}
        </button>
      ))}
    </div>
  );
}

/** The open panel beside the timeline; each panel is its own module (web/src/ai, web/src/coach). */
export function SidePanelHost(props: { api: Api; panel: SidePanel }) {
  const studio = useStudio();
  const { api, panel } = props;
  return (
    <aside className="side-panel" aria-label={SIDE_PANEL_LABELS[panel]}>
      <header className="side-panel-head">
        <h2>{SIDE_PANEL_LABELS[panel]}</h2>
        <button type="button" className="icon-button" aria-label={`Close ${SIDE_PANEL_LABELS[panel]}`} onClick={() => studio.store.set({ sidePanel: null })}>
          ×
        </button>
      </header>
      <div className="side-panel-body">
        <Suspense fallback={<p className="muted">Loading…</p>}>
          {panel === 'assistant' ? <ChatPanel api={api} /> : panel === 'generate' ? <GeneratePanel api={api} /> : <CoachPanel api={api} />}
        </Suspense>
      </div>
    </aside>
  );
}
