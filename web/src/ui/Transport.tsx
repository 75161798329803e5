import { useEffect, useMemo, useRef } from 'react';
import { useStore } from '../state/store';
import { beatsToSeconds, formatBarsBeats, formatTime } from '../timeline/grid';
import { useStudio } from './StudioPage';

/** Play, pause, stop, loop, metronome and the position (bars:beats:sixteenths and time). */
export function Transport() {
  const studio = useStudio();
  const playing = useStore(studio.store, (s) => s.playing);
  const loop = useStore(studio.store, (s) => s.loop);
  const metronome = useStore(studio.store, (s) => s.metronome);
  const project = useStore(studio.store, (s) => s.project);
  const position = useStore(studio.store, (s) => s.positionBeats);
  const recording = useStore(studio.store, (s) => s.recording !== null);
  const mixerOpen = useStore(studio.store, (s) => s.mixerOpen);
  const barsRef = useRef<HTMLSpanElement>(null);
  const timeRef = useRef<HTMLSpanElement>(null);
  const numerator = project?.timeSignature.numerator ?? 4;
  const denominator = project?.timeSignature.denominator ?? 4;
  const ts = useMemo(() => ({ numerator, denominator }), [numerator, denominator]);
  const bpm = project?.bpm ?? 120;

  // The display follows the audio clock every frame, without re-rendering React.
  useEffect(() => {
    let frame = 0;
    const paint = () => {
      const beat = studio.playhead;
      if (barsRef.current) barsRef.current.textContent = formatBarsBeats(beat, ts);
      if (timeRef.current) timeRef.current.textContent = formatTime(beatsToSeconds(beat, bpm));
      if (playing) frame = requestAnimationFrame(paint);
    };
    paint();
    return () => cancelAnimationFrame(frame);
  }, [studio, playing, position, ts, bpm]);

  return (
    <div className="transport" role="toolbar" aria-label="Transport">
      <button type="button" className="transport-button" onClick={() => studio.stop()} aria-label="Stop" title="Stop (Enter)">
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <rect x="3" y="3" width="10" height="10" rx="1" />
        </svg>
      </button>
      <button type="button" className={`transport-button play${playing ? ' active' : ''}`} onClick={() => void studio.togglePlay()} aria-label={playing ? 'Pause' : 'Play'} aria-pressed={playing} title="Play / pause (Space)">
        {playing ? (
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <rect x="3" y="2" width="3.5" height="12" rx="1" />
            <rect x="9.5" y="2" width="3.5" height="12" rx="1" />
          </svg>
        ) : (
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <path d="M4 2.5v11l9.5-5.5z" />
          </svg>
        )}
      </button>
      <button type="button" className={`transport-button record${recording ? ' recording' : ''}`} aria-label={recording ? 'Stop recording' : 'Record'} aria-pressed={recording} title="Record on the selected audio track (R)" onClick={() => void studio.toggleRecord()}>
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="8" cy="8" r="5" />
        </svg>
      </button>
      <button type="button" className={`transport-button${loop.enabled ? ' active' : ''}`} onClick={() => studio.toggleLoop()} aria-label="Loop" aria-pressed={loop.enabled} title="Loop (L); drag in the ruler to set the region">
        <svg viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6">
          <path d="M3 7V6a2 2 0 0 1 2-2h7l-2-2M13 9v1a2 2 0 0 1-2 2H4l2 2" />
        </svg>
      </button>
      <button type="button" className={`transport-button${metronome ? ' active' : ''}`} onClick={() => studio.toggleMetronome()} aria-label="Metronome" aria-pressed={metronome} title="Metronome (K)">
        <svg viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5">
          <path d="M5.5 2h5l2.5 12H3zM8 10l4-6" />
        </svg>
      </button>
      <div className="position" aria-live="off">
        <span className="position-bars" ref={barsRef} data-testid="position-bars" aria-label="Position in bars, beats and sixteenths">
          1:1:1
        </span>
        <span className="position-time" ref={timeRef} data-testid="position-time" aria-label="Position in time">
          0:00.000
        </span>
      </div>
      {loop.enabled && (
        <span className="loop-range" title="Loop region">
          Loop {formatBarsBeats(loop.startBeat, ts)} – {formatBarsBeats(loop.endBeat, ts)}
        </span>
      )}
      <span className="transport-meta">
        {bpm} BPM · {ts.numerator}/{ts.denominator}
      </span>
      {recording && (
        <span className="recording-badge" role="status">
          ● Recording
        </span>
      )}
      <span className="transport-spacer" />
      <button type="button" className={`button small${mixerOpen ? ' pressed' : ''}`} aria-pressed={mixerOpen} onClick={() => studio.store.set({ mixerOpen: !mixerOpen })} title="Show / hide the mixer (X)">
        Mixer
      </button>
    </div>
  );
}
