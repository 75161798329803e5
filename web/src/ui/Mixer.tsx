import { useEffect, useRef, useState } from 'react';
import type { Track } from '../api/types';
import { formatLufs } from '../audio/loudness';
import { useStore } from '../state/store';
import { displayedTrack } from '../studio/state';
import { useStudio } from './StudioPage';

const FADER_MIN = -60;
const FADER_MAX = 12;
const METER_FLOOR = -60;

/** Channel strips (fader in dB, pan, mute, solo, peak meter) and the master with its loudness. */
export function Mixer() {
  const studio = useStudio();
  const tracks = useStore(studio.store, (s) => s.tracks);
  const preview = useStore(studio.store, (s) => s.trackPreview);
  const masterDb = useStore(studio.store, (s) => s.masterDb);
  // Each strip's meter canvas, kept as it mounts (a plain map: painting it never re-renders).
  const [meterCanvases] = useState(() => new Map<string, HTMLCanvasElement>());
  const masterRef = useRef<HTMLCanvasElement>(null);
  const momentaryRef = useRef<HTMLSpanElement>(null);
  const integratedRef = useRef<HTMLSpanElement>(null);
  const held = useRef(new Map<string, { db: number; at: number }>());

  // Meters follow the audio every frame (and fall back to silence when it stops).
  useEffect(() => {
    let frame = 0;
    const paint = () => {
      const meters = studio.engine.meters();
      const now = performance.now();
      for (const [id, canvas] of meterCanvases) drawMeter(canvas, [meters.tracks[id] ?? -Infinity], held.current, id, now);
      if (masterRef.current) drawMeter(masterRef.current, meters.masterPeakDb, held.current, 'master', now);
      if (momentaryRef.current) momentaryRef.current.textContent = formatLufs(meters.momentaryLufs);
      if (integratedRef.current) integratedRef.current.textContent = formatLufs(meters.integratedLufs);
      frame = requestAnimationFrame(paint);
    };
    paint();
    return () => cancelAnimationFrame(frame);
  }, [studio, tracks, meterCanvases]);

  return (
    <section className="mixer" aria-label="Mixer">
      <div className="mixer-strips">
        {tracks.map((t) => {
          const track = displayedTrack({ trackPreview: preview }, t);
          return <Strip key={track.id} track={track} attachMeter={(el) => (el ? meterCanvases.set(track.id, el) : meterCanvases.delete(track.id))} />;
        })}
        {tracks.length === 0 && <p className="muted mixer-empty">Tracks appear here as channel strips.</p>}
      </div>
      <div className="strip master" aria-label="Master">
        <div className="strip-name">Master</div>
        <div className="strip-body">
          <canvas ref={masterRef} className="meter stereo" width={22} height={120} aria-hidden="true" />
          <input
            className="fader"
            type="range"
            min={FADER_MIN}
            max={FADER_MAX}
            step={0.1}
            value={masterDb}
            aria-label="Master level in dB"
            aria-valuetext={`${masterDb.toFixed(1)} dB`}
            onChange={(e) => studio.setMasterDb(Number(e.target.value))}
            onDoubleClick={() => studio.setMasterDb(0)}
          />
        </div>
        <div className="strip-value">{formatDb(masterDb)}</div>
        <div className="loudness" aria-label="Loudness">
          <span>Momentary</span>
          <span ref={momentaryRef} data-testid="lufs-momentary">
            –∞ LUFS
          </span>
          <span>Integrated</span>
          <span ref={integratedRef} data-testid="lufs-integrated">
            –∞ LUFS
          </span>
        </div>
      </div>
    </section>
  );
}

function Strip(props: { track: Track; attachMeter: (el: HTMLCanvasElement | null) => void }) {
  const studio = useStudio();
  const { track, attachMeter } = props;
  const commit = (fields: Partial<Pick<Track, 'volumeDb' | 'pan'>>, label: string) => void studio.editTrack(track.id, fields, label);
  const volume = Math.max(FADER_MIN, track.volumeDb);
  return (
    <div className="strip" style={{ ['--track-color' as string]: track.color }} aria-label={`Channel ${track.name}`} role="group">
      <div className="strip-name" title={track.name}>
        {track.name}
      </div>
      <input
        className="pan"
        type="range"
        min={-1}
        max={1}
        step={0.01}
        value={track.pan}
        aria-label={`Pan ${track.name}`}
        aria-valuetext={formatPan(track.pan)}
        onChange={(e) => studio.previewTrack(track.id, { pan: Number(e.target.value) })}
        onPointerUp={(e) => commit({ pan: Number(e.currentTarget.value) }, `Pan ${track.name}`)}
        onKeyUp={(e) => commit({ pan: Number(e.currentTarget.value) }, `Pan ${track.name}`)}
        onDoubleClick={() => commit({ pan: 0 }, `Centre ${track.name}`)}
      />
      <div className="strip-value small">{formatPan(track.pan)}</div>
      <div className="strip-body">
        <canvas ref={attachMeter} className="meter" width={10} height={120} aria-hidden="true" />
        <input
          className="fader"
          type="range"
          min={FADER_MIN}
          max={FADER_MAX}
          step={0.1}
          value={volume}
          aria-label={`Level of ${track.name} in dB`}
          aria-valuetext={formatDb(track.volumeDb)}
          onChange={(e) => studio.previewTrack(track.id, { volumeDb: Number(e.target.value) <= FADER_MIN ? -96 : Number(e.target.value) })}
          onPointerUp={(e) => commit({ volumeDb: toVolume(e.currentTarget.value) }, `Level ${track.name}`)}
          onKeyUp={(e) => commit({ volumeDb: toVolume(e.currentTarget.value) }, `Level ${track.name}`)}
          onDoubleClick={() => commit({ volumeDb: 0 }, `Level ${track.name}`)}
        />
      </div>
      <div className="strip-value" data-testid={`fader-value-${track.name}`}>
        {formatDb(track.volumeDb)}
      </div>
      <div className="strip-buttons">
        <button type="button" className={`toggle mute${track.mute ? ' on' : ''}`} aria-pressed={track.mute} aria-label={`Mute ${track.name}`} onClick={() => void studio.toggleTrackFlag('mute', track.id)}>
          M
        </button>
        <button type="button" className={`toggle solo${track.solo ? ' on' : ''}`} aria-pressed={track.solo} aria-label={`Solo ${track.name}`} onClick={() => void studio.toggleTrackFlag('solo', track.id)}>
          S
        </button>
      </div>
    </div>
  );
}

const toVolume = (value: string): number => (Number(value) <= FADER_MIN ? -96 : Number(value));
const formatDb = (db: number): string => (db <= -96 ? '–∞ dB' : `${db > 0 ? '+' : ''}${db.toFixed(1)} dB`);
const formatPan = (pan: number): string => (Math.abs(pan) < 0.005 ? 'C' : pan < 0 ? `L${Math.round(-pan * 100)}` : `R${Math.round(pan * 100)}`);

/** What each meter canvas shows now, so an unchanged meter (silence, most of the time) is not repainted every frame. */
const painted = new WeakMap<HTMLCanvasElement, string>();
/** The meters' colour ramp, one per canvas height. */
const ramps = new Map<number, CanvasGradient>();

/** A vertical peak meter (one bar per channel) with a peak hold. */
function drawMeter(canvas: HTMLCanvasElement, levels: readonly number[], held: Map<string, { db: number; at: number }>, key: string, now: number): void {
  const holds = levels.map((db, i) => {
    const holdKey = `${key}:${i}`;
    const hold = held.get(holdKey);
    if (!hold || db > hold.db || now - hold.at > 1500) held.set(holdKey, { db, at: now });
    return held.get(holdKey)!.db;
  });
  const shown = (db: number) => (db > METER_FLOOR ? db.toFixed(1) : '-');
  const signature = `${levels.map(shown).join(',')}|${holds.map(shown).join(',')}`;
  if (painted.get(canvas) === signature) return;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  painted.set(canvas, signature);
  const { width, height } = canvas;
  ctx.fillStyle = '#0b0d10';
  ctx.fillRect(0, 0, width, height);
  const barW = (width - (levels.length - 1) * 2) / levels.length;
  let ramp = ramps.get(height);
  if (!ramp) {
    ramp = ctx.createLinearGradient(0, height, 0, 0);
    ramp.addColorStop(0, '#2fbf71');
    ramp.addColorStop(0.75, '#c9d13a');
    ramp.addColorStop(0.92, '#ff4d4f');
    ramps.set(height, ramp);
  }
  levels.forEach((db, i) => {
    const norm = Math.max(0, Math.min(1, (db - METER_FLOOR) / -METER_FLOOR));
    const h = norm * height;
    if (h > 0) {
      ctx.fillStyle = ramp;
      ctx.fillRect(i * (barW + 2), height - h, barW, h);
    }
    const holdDb = holds[i]!;
    if (Number.isFinite(holdDb) && holdDb > METER_FLOOR) {
      const y = height - ((holdDb - METER_FLOOR) / -METER_FLOOR) * height;
      ctx.fillStyle = holdDb > -0.5 ? '#ff4d4f' : '#e6e9ef';
      ctx.fillRect(i * (barW + 2), Math.max(0, y), barW, 2);
    }
  });
}
