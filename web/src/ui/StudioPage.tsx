import { createContext, useContext, useEffect, useMemo } from 'react';
import type { Api } from '../api/api';
import { useStore } from '../state/store';
import { actionFor, isTyping, type StudioAction } from '../studio/shortcuts';
import { Studio } from '../studio/studio';
import { importFiles } from '../studio/import';
import { Mixer } from './Mixer';
import { navigate } from './router';
import { ShortcutSheet } from './ShortcutSheet';
import { SidePanelHost } from './SidePanelHost';
import { Timeline } from './Timeline';
import { Toasts, Uploads } from './Toasts';
import { TopBar } from './TopBar';
import { TrackHeaders } from './TrackHeaders';
import { Transport } from './Transport';

const StudioContext = createContext<Studio | null>(null);
const REPEATABLE = new Set<StudioAction>(['playheadBack', 'playheadForward', 'playheadBackBar', 'playheadForwardBar', 'nudgeLeft', 'nudgeRight', 'previousTrack', 'nextTrack', 'zoomIn', 'zoomOut', 'undo', 'redo']);

export function useStudio(): Studio {
  const studio = useContext(StudioContext);
  if (!studio) throw new Error('useStudio outside the studio');
  return studio;
}

/** The studio for one project: loads it, listens for collaborators, and routes the keyboard. */
export function StudioPage(props: { api: Api; projectId: string }) {
  const { api, projectId } = props;
  const studio = useMemo(() => new Studio(api, projectId), [api, projectId]);
  const status = useStore(studio.store, (s) => s.status);
  const error = useStore(studio.store, (s) => s.error);
  const mixerOpen = useStore(studio.store, (s) => s.mixerOpen);
  const shortcutsOpen = useStore(studio.store, (s) => s.shortcutsOpen);
  const sidePanel = useStore(studio.store, (s) => s.sidePanel);

  useEffect(() => {
    studio.open();
    return () => studio.dispose();
  }, [studio]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTyping(e.target)) return;
      const action = actionFor(e);
      if (!action) return;
      // Holding a key repeats only what makes sense to repeat (moving, zooming), never play or record.
      if (e.repeat && !REPEATABLE.has(action)) {
        e.preventDefault();
        return;
      }
      // A focused button takes Space and Enter as a click.
      if ((action === 'togglePlay' || action === 'stop') && (e.target as HTMLElement | null)?.closest?.('button, a, [role="slider"]')) return;
      e.preventDefault();
      void runAction(studio, action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [studio]);

  if (status === 'error') {
    return (
      <main className="page center">
        <h1>This project cannot be opened</h1>
        <p className="muted">{error}</p>
        <button type="button" className="button primary" onClick={() => navigate('/')}>
          Back to your projects
        </button>
      </main>
    );
  }

  return (
    <StudioContext.Provider value={studio}>
      <div className="studio">
        <TopBar api={api} />
        <Transport />
        {status === 'loading' ? (
          <div className="studio-loading">Loading project…</div>
        ) : (
          <div className={sidePanel ? 'studio-main with-side-panel' : 'studio-main'}>
            <TrackHeaders />
            <Timeline onDropFiles={(files, target) => void importFiles(studio, files, target)} />
            {sidePanel && <SidePanelHost api={api} panel={sidePanel} />}
          </div>
        )}
        {mixerOpen && status === 'ready' && <Mixer />}
        <Uploads />
        <Toasts />
        {shortcutsOpen && <ShortcutSheet onClose={() => studio.store.set({ shortcutsOpen: false })} />}
      </div>
    </StudioContext.Provider>
  );
}

/** What each shortcut does (also used by the toolbar buttons). */
export async function runAction(studio: Studio, action: StudioAction): Promise<void> {
  const s = studio.state;
  switch (action) {
    case 'togglePlay':
      return studio.togglePlay();
    case 'stop':
      return studio.stop();
    case 'record':
      return studio.toggleRecord();
    case 'toggleLoop':
      return studio.toggleLoop();
    case 'toggleSolo':
      return studio.toggleTrackFlag('solo');
    case 'toggleMute':
      return studio.toggleTrackFlag('mute');
    case 'toggleMetronome':
      return studio.toggleMetronome();
    case 'undo':
      return studio.undo();
    case 'redo':
      return studio.redo();
    case 'deleteSelection':
      return studio.deleteSelection();
    case 'duplicateSelection':
      return studio.duplicateSelection();
    case 'splitAtPlayhead':
      return studio.splitSelectionAt(studio.playhead);
    case 'playheadBack':
      return studio.movePlayhead(-1);
    case 'playheadForward':
      return studio.movePlayhead(1);
    case 'playheadBackBar':
      return studio.movePlayhead(-studio.barLength());
    case 'playheadForwardBar':
      return studio.movePlayhead(studio.barLength());
    case 'nudgeLeft':
      return studio.nudgeSelection(-1);
    case 'nudgeRight':
      return studio.nudgeSelection(1);
    case 'previousTrack':
      return studio.selectAdjacentTrack(-1);
    case 'nextTrack':
      return studio.selectAdjacentTrack(1);
    case 'zoomIn':
      return studio.zoom(1.25);
    case 'zoomOut':
      return studio.zoom(0.8);
    case 'addMarker':
      return studio.addMarker();
    case 'toggleMixer':
      return studio.store.set({ mixerOpen: !s.mixerOpen });
    case 'showShortcuts':
      return studio.store.set({ shortcutsOpen: !s.shortcutsOpen });
    case 'escape':
      if (s.shortcutsOpen) return studio.store.set({ shortcutsOpen: false });
      return studio.selectClip(null);
  }
}
