import { MUSICAL_KEYS, VOICE_SCALES, type VoiceScore, type VoiceTarget } from '@dawg/contracts';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Api } from '../api/api';
import type { Clip } from '../api/types';
import { useStore } from '../state/store';
import { isTyping } from '../studio/shortcuts';
import { sortTracks } from '../studio/state';
import { useStudio } from '../ui/StudioPage';
import { CoachController } from './coach-controller';
import { lanesHit, type TakeState, type VoiceCommand } from './coach-session';
import { centsClass, melodyFromClip, needleAngle, noteName, PITCH_COLOURS, type PitchClass, targetLanes, type Tonic, type VoiceScale } from './pitch-map';
import { PitchCurve } from './PitchCurve';
import './coach.css';

const KEY_REFERENCE = 'key';
/** The push-to-talk key (held). */
const TALK_KEY = 't';
const CLASS_LABELS: Record<PitchClass, string> = { 'in-tune': 'In tune', sharp: 'Sharp', flat: 'Flat', off: 'Off the note', unvoiced: 'Silent' };

/**
 * The vocal coach beside the timeline: pick a track and a reference (one of
 * its MIDI clips, or a key and scale), sing, and watch the pitch against the
 * note lanes, the cents needle, vibrato and timing; each take ends with the
 * server's scores and feedback. Voice commands (push-to-talk) appear when the
 * platform transcribes speech.
 */
export function CoachPanel(props: { api: Api }) {
  const studio = useStudio();
  const controller = useMemo(() => new CoachController(props.api, () => studio.engine.start()), [props.api, studio]);
  useEffect(() => {
    void controller.init();
    // The page's test and benchmark hook: the take as drawn, and the frames' trips from capture to screen.
    const hook = { state: () => controller.state, traces: () => controller.traces.slice() };
    (globalThis as { dawgCoach?: typeof hook }).dawgCoach = hook;
    return () => {
      controller.dispose();
      const g = globalThis as { dawgCoach?: typeof hook };
      if (g.dawgCoach === hook) delete g.dawgCoach;
    };
  }, [controller]);

  return (
    <div className="coach">
      <TakeSection controller={controller} />
      <VoiceCommands controller={controller} />
    </div>
  );
}

function TakeSection(props: { controller: CoachController }) {
  const { controller } = props;
  const studio = useStudio();
  const tracks = useStore(studio.store, (s) => s.tracks);
  const clips = useStore(studio.store, (s) => s.clips);
  const project = useStore(studio.store, (s) => s.project);
  // Only what changes a few times a take re-renders the section; the curve and the needle follow every frame themselves.
  const status = useStore(controller.store, (s) => s.take.status);
  const error = useStore(controller.store, (s) => s.take.error);
  const score = useStore(controller.store, (s) => s.take.score);
  const lanes = useStore(controller.store, (s) => s.take.lanes);
  const hit = useStore(controller.store, (s) => lanesHit(s.take).join(' '));
  const onsets = useStore(controller.store, (s) => s.take.onsets.length);
  const singing = useStore(controller.store, (s) => (s.take.current?.lane != null ? noteName(s.take.current.lane) : null));
  const id = useId();

  const melodyClips = useMemo(() => clips.filter((c) => (c.notes?.length ?? 0) > 0), [clips]);
  const ordered = useMemo(() => sortTracks(tracks), [tracks]);
  const [trackId, setTrackId] = useState<string | null>(null);
  const chosenTrack = ordered.find((t) => t.id === trackId) ?? ordered.find((t) => melodyClips.some((c) => c.trackId === t.id)) ?? ordered[0] ?? null;
  const chosenTrackId = chosenTrack?.id ?? null;
  const trackClips = useMemo(() => melodyClips.filter((c) => c.trackId === chosenTrackId).sort((a, b) => a.startBeat - b.startBeat), [melodyClips, chosenTrackId]);
  const [reference, setReference] = useState<string | null>(null);
  const chosenReference = reference === KEY_REFERENCE || trackClips.some((c) => c.id === reference) ? reference! : (trackClips[0]?.id ?? KEY_REFERENCE);
  const projectKey = project?.key;
  const [tonic, setTonic] = useState<Tonic>(((MUSICAL_KEYS as readonly string[]).includes(projectKey?.tonic ?? '') ? projectKey!.tonic : 'C') as Tonic);
  const [scale, setScale] = useState<VoiceScale>(((VOICE_SCALES as readonly string[]).includes(projectKey?.scale ?? '') ? projectKey!.scale : 'major') as VoiceScale);

  const bpm = project?.bpm ?? 120;
  const beatsPerBar = project ? (project.timeSignature.numerator * 4) / project.timeSignature.denominator : 4;
  const grid = useMemo(() => ({ bpm, beatsPerBar }), [bpm, beatsPerBar]);
  const live = status === 'live' || status === 'starting';
  const busy = status === 'starting' || status === 'stopping';

  const clipId = chosenReference === KEY_REFERENCE ? null : chosenReference;
  const [playAlong, setPlayAlong] = useState(true);
  const clip = useMemo(() => (clipId ? (clips.find((c) => c.id === clipId) ?? null) : null), [clipId, clips]);
  // The take starts a bar before the clip (or at the project's start): the singer sees, and with
  // playback hears, the bar before the first note.
  const fromBeat = clip ? Math.max(0, clip.startBeat - beatsPerBar) : 0;
  const target = useMemo<VoiceTarget>(() => (clip ? melodyTarget(clip, bpm, ((clip.startBeat - fromBeat) * 60) / bpm) : { kind: 'scale', tonic, scale }), [clip, bpm, fromBeat, tonic, scale]);
  // The reference's lanes show before the first take.
  useEffect(() => {
    controller.dispatch({ type: 'take/reference', target, lanes: targetLanes(target) });
  }, [controller, target]);
  const withPlayback = clip !== null && playAlong;
  const start = () => {
    // The project plays from a bar before the clip; the take's time 0 is when that beat is heard and sung back.
    const align = withPlayback
      ? async (inputLatency: number) => {
          studio.seek(fromBeat);
          await studio.play();
          const origin = studio.engine.playbackOrigin;
          if (!origin) throw new Error('Playback did not start.');
          const latencyMs = studio.state.latencyMs;
          return origin.startTime + (latencyMs !== null ? latencyMs / 1000 : studio.engine.outputLatency() + inputLatency);
        }
      : undefined;
    void controller.startTake(target, targetLanes(target), { bpm, subdivision: 2, offsetSeconds: 0 }, align);
  };
  const stop = () => {
    if (withPlayback) studio.pause();
    void controller.stopTake();
  };

  return (
    <section className="coach-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Sing a take</h3>
      <div className="coach-fields">
        <label htmlFor={`${id}-track`}>Track</label>
        <select id={`${id}-track`} value={chosenTrack?.id ?? ''} disabled={live} onChange={(e) => setTrackId(e.target.value)}>
          {!ordered.length && <option value="">No tracks yet</option>}
          {ordered.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-reference`}>Reference</label>
        <select id={`${id}-reference`} value={chosenReference} disabled={live} onChange={(e) => setReference(e.target.value)}>
          {trackClips.map((c) => (
            <option key={c.id} value={c.id}>
              Melody: {c.name || 'MIDI clip'} ({c.notes!.length} notes)
            </option>
          ))}
          <option value={KEY_REFERENCE}>A key and scale</option>
        </select>
        {chosenReference === KEY_REFERENCE && (
          <>
            <label htmlFor={`${id}-tonic`}>Key</label>
            <div className="coach-key">
              <select id={`${id}-tonic`} value={tonic} disabled={live} onChange={(e) => setTonic(e.target.value as Tonic)}>
                {MUSICAL_KEYS.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
              <select aria-label="Scale" value={scale} disabled={live} onChange={(e) => setScale(e.target.value as VoiceScale)}>
                {VOICE_SCALES.map((s) => (
                  <option key={s} value={s}>
                    {s.replace('-', ' ')}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
      </div>
      {clip && (
        <>
          <label className="coach-check">
            <input type="checkbox" checked={playAlong} disabled={live} onChange={(e) => setPlayAlong(e.target.checked)} />
            Play along, from a bar before the clip
          </label>
          {!live && status !== 'stopping' && <p className="hint">The melody scrolls in from the right; sing each note as it reaches the line.</p>}
        </>
      )}
      <div className="coach-actions">
        {status === 'live' || status === 'stopping' ? (
          <button type="button" className="button primary" disabled={busy} onClick={stop}>
            Stop and score
          </button>
        ) : (
          <button type="button" className="button primary" disabled={busy} onClick={start}>
            {status === 'scored' ? 'Sing again' : 'Start singing'}
          </button>
        )}
        <span className="coach-status" role="status">
          {statusText(status)}
        </span>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {score && <ScoreCard score={score} />}
      <div className="coach-curve-wrap" data-status={status} data-lanes={lanes.join(' ')} data-lanes-hit={hit} data-onsets={onsets}>
        <PitchCurve controller={controller} grid={grid} label={curveLabel(singing, hit)} />
        <Legend />
      </div>
      <div className="coach-readouts">
        <Needle controller={controller} />
        <VibratoBadge controller={controller} />
        <TimingBadge controller={controller} />
      </div>
    </section>
  );
}

/** A MIDI clip's notes as the take's melody, `leadIn` seconds into the take. */
function melodyTarget(clip: Clip, bpm: number, leadIn: number): VoiceTarget {
  const notes = melodyFromClip(clip.notes ?? [], bpm).map((n) => ({ ...n, startSeconds: Math.round((n.startSeconds + leadIn) * 1e4) / 1e4 }));
  return { kind: 'melody', notes };
}

function statusText(status: TakeState['status']): string {
  switch (status) {
    case 'idle':
      return 'Ready when you are.';
    case 'starting':
      return 'Opening the microphone…';
    case 'live':
      return 'Listening…';
    case 'stopping':
      return 'Scoring the take…';
    case 'scored':
      return 'Take scored.';
    case 'error':
      return 'The take stopped.';
  }
}

function curveLabel(singing: string | null, hit: string): string {
  const sung = hit ? hit.split(' ').map((m) => noteName(Number(m))) : [];
  return `Pitch curve: ${singing ? `singing ${singing}` : 'silent'}. Notes sung so far: ${sung.join(', ') || 'none'}.`;
}

function describeCents(cents: number | null): string {
  if (cents === null) return 'no pitch';
  const rounded = Math.round(cents);
  if (rounded === 0) return 'exactly in tune';
  return `${Math.abs(rounded)} cents ${rounded > 0 ? 'sharp' : 'flat'}`;
}

function Legend() {
  return (
    <ul className="coach-legend" aria-label="Colours">
      {(['in-tune', 'sharp', 'flat', 'off'] as const).map((c) => (
        <li key={c}>
          <span className="swatch" style={{ background: PITCH_COLOURS[c] }} aria-hidden="true" />
          {CLASS_LABELS[c]}
        </li>
      ))}
    </ul>
  );
}

function Needle(props: { controller: CoachController }) {
  const current = useStore(props.controller.store, (s) => s.take.current);
  const tolerance = useStore(props.controller.store, (s) => s.take.toleranceCents);
  const cents = current?.cents ?? null;
  const cls = centsClass(cents, tolerance);
  const note = current?.targetNote ?? (current?.lane != null ? noteName(current.lane) : null);
  return (
    <div className="coach-needle">
      <svg viewBox="-60 -56 120 64" width="120" height="64" aria-hidden="true">
        <path d="M -50 0 A 50 50 0 0 1 50 0" fill="none" stroke="#2a303a" strokeWidth="8" />
        <path d="M -12.9 -48.3 A 50 50 0 0 1 12.9 -48.3" fill="none" stroke={PITCH_COLOURS['in-tune']} strokeWidth="8" />
        <line x1="0" y1="0" x2="0" y2="-46" stroke={PITCH_COLOURS[cls]} strokeWidth="3" strokeLinecap="round" transform={`rotate(${needleAngle(cents)})`} />
        <circle r="4" fill="#e6e9ef" />
      </svg>
      <div
        role="meter"
        aria-label="Cents from the note"
        aria-valuemin={-50}
        aria-valuemax={50}
        aria-valuenow={cents === null ? 0 : Math.max(-50, Math.min(50, Math.round(cents)))}
        aria-valuetext={note ? `${note}: ${describeCents(cents)}` : 'No pitch'}
        className={`coach-needle-text ${cls}`}
      >
        <strong>{note ?? '–'}</strong> {cents === null ? '' : `${cents > 0 ? '+' : ''}${Math.round(cents)} c`}
      </div>
    </div>
  );
}

function VibratoBadge(props: { controller: CoachController }) {
  const v = useStore(props.controller.store, (s) => s.take.vibrato);
  const on = v?.detected ?? false;
  return (
    <div className={`coach-badge${on ? ' on' : ''}`} aria-live="off">
      <span className="coach-badge-title">Vibrato</span>
      <span>{on ? `${v!.rateHz.toFixed(1)} Hz, ±${Math.round(v!.extentCents)} c` : 'none'}</span>
    </div>
  );
}

function TimingBadge(props: { controller: CoachController }) {
  const last = useStore(props.controller.store, (s) => s.take.onsets.at(-1));
  const text = !last || last.offsetMs === null ? '–' : last.timing === 'on-time' ? 'on the beat' : `${Math.abs(Math.round(last.offsetMs))} ms ${last.timing}`;
  return (
    <div className={`coach-badge timing-${last?.timing ?? 'none'}`}>
      <span className="coach-badge-title">Timing</span>
      <span>{text}</span>
    </div>
  );
}

function ScoreCard(props: { score: VoiceScore }) {
  const { score } = props;
  const ref = useRef<HTMLElement | null>(null);
  // The score arrives below the fold of a short screen: bring it into view once.
  // (A block body: Chromium's scrollIntoView may answer a promise, which React would take for a clean-up.)
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [score.sessionId]);
  const rows: Array<[string, number | null]> = [
    ['Pitch', score.pitchAccuracy],
    ['Rhythm', score.rhythmAccuracy],
    ['Consistency', score.consistency],
  ];
  return (
    <section ref={ref} className="coach-score" aria-label="Score" data-overall={score.overall ?? ''}>
      <div className="coach-overall">
        <span className="coach-overall-value">{score.overall === null ? '–' : Math.round(score.overall)}</span>
        <span className="muted">overall · {score.durationSeconds.toFixed(1)} s, {score.voicedSeconds.toFixed(1)} s sung</span>
      </div>
      {rows.map(([name, value]) => (
        <div key={name} className="coach-score-row">
          <span>{name}</span>
          <meter min={0} max={100} low={50} high={80} optimum={100} value={value ?? 0} aria-label={`${name} score`}>
            {value ?? 'not judged'}
          </meter>
          <span className="coach-score-value">{value === null ? 'not judged' : Math.round(value)}</span>
        </div>
      ))}
      {score.feedback.length > 0 && (
        <ul className="coach-feedback">
          {score.feedback.map((f) => (
            <li key={f.code} className={f.kind}>
              {f.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function VoiceCommands(props: { controller: CoachController }) {
  const { controller } = props;
  const studio = useStudio();
  const talk = useStore(controller.store, (s) => s.talk);
  const canEdit = studio.canEdit;
  const id = useId();
  const listening = talk.status === 'listening' || talk.status === 'starting';
  const available = talk.available === true && canEdit;

  useEffect(() => {
    if (!available) return;
    // Hold T anywhere in the studio (outside text fields) to talk.
    const down = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== TALK_KEY || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      e.preventDefault();
      if (!e.repeat) void controller.startTalk(studio.projectId);
    };
    const up = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== TALK_KEY) return;
      e.preventDefault();
      void controller.stopTalk();
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, [available, controller, studio]);

  return (
    <section className="coach-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Voice commands</h3>
      {talk.available === null && <p className="hint">Asking the voice service…</p>}
      {talk.unreachable && <p className="hint">Voice commands are off: {talk.unreachable}</p>}
      {talk.available === false && !talk.unreachable && <p className="hint">Voice commands need speech transcription, which this installation has not set up (the voice service needs OPENAI_API_KEY).</p>}
      {talk.available === true && !canEdit && <p className="hint">You can view this project but not edit it, so voice commands are off.</p>}
      {available && (
        <>
          <div className="coach-actions">
            <button
              type="button"
              className={`button${listening ? ' danger' : ''}`}
              aria-pressed={listening}
              aria-keyshortcuts="T"
              onPointerDown={(e) => {
                e.currentTarget.setPointerCapture?.(e.pointerId);
                void controller.startTalk(studio.projectId);
              }}
              onPointerUp={() => void controller.stopTalk()}
              onPointerCancel={() => void controller.stopTalk()}
              onKeyDown={(e) => {
                if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) {
                  e.preventDefault();
                  void controller.startTalk(studio.projectId);
                }
              }}
              onKeyUp={(e) => {
                if (e.key === ' ' || e.key === 'Enter') {
                  e.preventDefault();
                  void controller.stopTalk();
                }
              }}
            >
              {listening ? 'Listening… release to send' : 'Hold to talk'}
            </button>
            <span className="hint">or hold T</span>
          </div>
          {talk.error && (
            <p className="form-error" role="alert">
              {talk.error}
            </p>
          )}
          <ol className="coach-commands" aria-label="Voice commands" aria-live="polite">
            {talk.commands.map((c) => (
              <CommandCard key={`${c.sessionId}:${c.utterance}`} command={c} />
            ))}
          </ol>
          {!talk.commands.length && <p className="hint">Try “add a vocal track” or “set the tempo to 92”.</p>}
        </>
      )}
    </section>
  );
}

function CommandCard(props: { command: VoiceCommand }) {
  const c = props.command;
  return (
    <li className="coach-command" data-final={c.final}>
      <p className="coach-transcript">
        <span className="visually-hidden">You said: </span>“{c.text || '…'}”
      </p>
      {c.calls.map((call, i) => (
        <p key={i} className={`coach-tool ${call.status}`} data-tool={call.name}>
          {call.status === 'ok' ? '✓' : '✕'} {call.summary || call.name}
        </p>
      ))}
      {c.reply && <p className="coach-reply">{c.reply}</p>}
      {c.error && <p className="coach-tool error">{c.error}</p>}
    </li>
  );
}
