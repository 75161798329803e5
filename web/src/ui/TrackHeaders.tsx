import { useState } from 'react';
import type { Track } from '../api/types';
import { useStore } from '../state/store';
import { LANES_TOP, TRACK_HEIGHT } from '../timeline/layout';
import { ConfirmDialog, PromptDialog } from './Dialog';
import { useStudio } from './StudioPage';

/** One header per track lane: name, kind, mute and solo, aligned with the canvas lanes. */
export function TrackHeaders() {
  const studio = useStudio();
  const tracks = useStore(studio.store, (s) => s.tracks);
  const selected = useStore(studio.store, (s) => s.selectedTrackId);
  const scrollY = useStore(studio.store, (s) => s.scrollY);
  const [renaming, setRenaming] = useState<Track | null>(null);
  const [deleting, setDeleting] = useState<Track | null>(null);

  return (
    <div className="track-headers" onWheel={(e) => studio.store.set((s) => ({ scrollY: Math.max(0, Math.min(s.scrollY + e.deltaY, Math.max(0, s.tracks.length * TRACK_HEIGHT - 200))) }))}>
      <div className="track-headers-top" style={{ height: LANES_TOP }}>
        <button type="button" className="button small" title="Add an audio track" onClick={() => void studio.addTrack('audio')}>
          + Audio
        </button>
        <button type="button" className="button small" title="Add a MIDI track" onClick={() => void studio.addTrack('midi')}>
          + MIDI
        </button>
      </div>
      <div className="track-headers-list">
        <ul aria-label="Tracks" style={{ transform: `translateY(${-scrollY}px)` }}>
          {tracks.map((track) => (
            // A click anywhere on the header selects the track; the name button does it from the keyboard.
            // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions
            <li
              key={track.id}
              className={`track-header${track.id === selected ? ' selected' : ''}`}
              style={{ height: TRACK_HEIGHT, ['--track-color' as string]: track.color }}
              onClick={() => studio.selectTrack(track.id)}
              data-track-id={track.id}
            >
              <span className="track-color" aria-hidden="true" />
              <div className="track-info">
                <button type="button" className="track-name" onDoubleClick={() => setRenaming(track)} onClick={() => studio.selectTrack(track.id)} aria-label={`Track ${track.name}, ${track.kind}; double-click to rename`}>
                  {track.name}
                </button>
                <span className="track-kind">{track.kind === 'audio' ? 'Audio' : 'MIDI'}</span>
              </div>
              <div className="track-buttons">
                <button type="button" className={`toggle mute${track.mute ? ' on' : ''}`} aria-pressed={track.mute} aria-label={`Mute ${track.name}`} title="Mute (M)" onClick={(e) => (e.stopPropagation(), void studio.toggleTrackFlag('mute', track.id))}>
                  M
                </button>
                <button type="button" className={`toggle solo${track.solo ? ' on' : ''}`} aria-pressed={track.solo} aria-label={`Solo ${track.name}`} title="Solo (S)" onClick={(e) => (e.stopPropagation(), void studio.toggleTrackFlag('solo', track.id))}>
                  S
                </button>
                <button type="button" className="toggle" aria-label={`Delete track ${track.name}`} title="Delete track" onClick={(e) => (e.stopPropagation(), setDeleting(track))}>
                  ×
                </button>
              </div>
            </li>
          ))}
        </ul>
        {tracks.length === 0 && <p className="track-empty">Add a track, or drop an audio file onto the timeline.</p>}
      </div>
      {renaming && (
        <PromptDialog
          title="Rename track"
          label="Name"
          initial={renaming.name}
          submitLabel="Rename"
          onClose={() => setRenaming(null)}
          onSubmit={(name) => {
            const track = renaming;
            setRenaming(null);
            void studio.editTrack(track.id, { name }, 'Rename track');
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete track"
          message={`Delete “${deleting.name}” and its clips? You can undo this.`}
          confirmLabel="Delete"
          danger
          onClose={() => setDeleting(null)}
          onConfirm={() => {
            const track = deleting;
            setDeleting(null);
            void studio.deleteTrack(track.id);
          }}
        />
      )}
    </div>
  );
}
