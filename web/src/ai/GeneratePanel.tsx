import { useEffect, useId, useState } from 'react';
import {
  BAR_COUNTS,
  COMPLEXITIES,
  GENRES,
  LYRIC_MOODS,
  MAX_SEED,
  MUSICAL_KEYS,
  SCALES,
  type AutomixTrackSetting,
} from '@dawg/contracts';
import type { Api } from '../api/api';
import { describeError } from '../api/errors';
import type { Command } from '../history/commands';
import { createStore, useStore } from '../state/store';
import type { Studio } from '../studio/studio';
import { useStudio } from '../ui/StudioPage';
import { addGenerationToProject, type AddMode, mainWav } from './add-to-project';
import { generationFile, generationTracker, requestGeneration, type RequestableKind } from './generation';
import { formatLufs, type JobState, KIND_NAMES } from './job-card';
import { JobCard } from './JobCard';
import { generationPreview } from './preview';
import './ai.css';

const COMPOSE = ['beat', 'melody', 'chords', 'arrangement', 'lyrics'] as const;
type ComposeChoice = (typeof COMPOSE)[number];

interface Settings {
  kind: ComposeChoice;
  genre: (typeof GENRES)[number];
  bpm: number;
  key: (typeof MUSICAL_KEYS)[number];
  /** '' is the genre's usual mode. */
  scale: (typeof SCALES)[number] | '';
  bars: (typeof BAR_COUNTS)[number];
  complexity: (typeof COMPLEXITIES)[number];
  /** '' picks a new one. */
  seed: string;
  withChords: boolean;
  mood: (typeof LYRIC_MOODS)[number];
  topic: string;
}

/** What each job was asked for, so Regenerate can ask again and the added tracks are named after it. */
interface JobRequest {
  kind: RequestableKind;
  body: Record<string, unknown>;
  /** For master jobs: the job it masters. */
  sourceJobId?: string;
}
const requests = createStore<Record<string, JobRequest>>({});

/** The request body for the settings (the api applies its defaults to what is left out). */
export function requestBody(s: Settings, projectId: string): Record<string, unknown> {
  const seed = s.seed.trim() === '' ? undefined : Number(s.seed);
  if (s.kind === 'lyrics') return { genre: s.genre, mood: s.mood, ...(s.topic.trim() ? { topic: s.topic.trim() } : {}), ...(seed === undefined ? {} : { seed }), projectId };
  return {
    genre: s.genre,
    bpm: s.bpm,
    key: s.key,
    ...(s.scale ? { scale: s.scale } : {}),
    bars: s.bars,
    complexity: s.complexity,
    ...(seed === undefined ? {} : { seed }),
    ...(s.kind === 'melody' ? { withChords: s.withChords } : {}),
    projectId,
  };
}

function validSeed(seed: string): boolean {
  if (seed.trim() === '') return true;
  const n = Number(seed);
  return Number.isInteger(n) && n >= 0 && n <= MAX_SEED;
}

/**
 * The generator beside the timeline: a beat, melody, chords, arrangement or
 * lyrics from genre, tempo, key, scale, bars, complexity and seed; each job
 * as a card with its stage and progress; a preview before adding; added as
 * new tracks (audio, MIDI or both) in one undoable edit; Regenerate with the
 * same seed gives the same music. Mix and master: a generated song mastered,
 * or the project's own audio tracks mixed, with loudness before and after.
 */
export function GeneratePanel(props: { api: Api }) {
  const { api } = props;
  const studio = useStudio();
  const project = useStore(studio.store, (s) => s.project);
  const tracker = generationTracker(api);
  const order = useStore(tracker.store, (s) => s.order);
  const jobs = useStore(tracker.store, (s) => s.jobs);
  const asked = useStore(requests, (s) => s);
  const [settings, setSettings] = useState<Settings>(() => ({
    kind: 'beat',
    genre: 'trap',
    bpm: Math.min(200, Math.max(60, Math.round(project?.bpm ?? 120))),
    key: (MUSICAL_KEYS as readonly string[]).includes(project?.key?.tonic ?? '') ? (project!.key!.tonic as Settings['key']) : 'C',
    scale: (SCALES as readonly string[]).includes(project?.key?.scale ?? '') ? (project!.key!.scale as Settings['scale']) : '',
    bars: 8,
    complexity: 'medium',
    seed: '',
    withChords: false,
    mood: 'hopeful',
    topic: '',
  }));
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const id = useId();

  useEffect(() => tracker.retain(), [tracker]);

  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => setSettings((s) => ({ ...s, [key]: value }));
  const isLyrics = settings.kind === 'lyrics';
  const seedOk = validSeed(settings.seed);
  const bpmOk = Number.isInteger(settings.bpm) && settings.bpm >= 60 && settings.bpm <= 200;

  const start = async (request: JobRequest) => {
    setError(null);
    setSubmitting(true);
    try {
      const accepted = await requestGeneration(api, request.kind, request.body);
      requests.set({ [accepted.jobId]: { ...request, body: { ...request.body, seed: accepted.seed } } });
      tracker.follow(accepted.jobId, accepted.kind, accepted.seed);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setSubmitting(false);
    }
  };

  const generate = () => {
    if (!seedOk || (!isLyrics && !bpmOk)) return;
    void start({ kind: settings.kind, body: requestBody(settings, studio.projectId) });
  };

  const f = (name: string) => `${id}-${name}`;
  return (
    <div className="ai-generate">
      <form
        className="ai-form"
        aria-label="Generate music"
        onSubmit={(e) => {
          e.preventDefault();
          generate();
        }}
      >
        <div className="ai-field wide">
          <label htmlFor={f('kind')}>What</label>
          <select id={f('kind')} value={settings.kind} onChange={(e) => set('kind', e.target.value as ComposeChoice)}>
            {COMPOSE.map((k) => (
              <option key={k} value={k}>
                {KIND_NAMES[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="ai-field">
          <label htmlFor={f('genre')}>Genre</label>
          <select id={f('genre')} value={settings.genre} onChange={(e) => set('genre', e.target.value as Settings['genre'])}>
            {GENRES.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </div>
        {isLyrics ? (
          <>
            <div className="ai-field">
              <label htmlFor={f('mood')}>Mood</label>
              <select id={f('mood')} value={settings.mood} onChange={(e) => set('mood', e.target.value as Settings['mood'])}>
                {LYRIC_MOODS.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </div>
            <div className="ai-field wide">
              <label htmlFor={f('topic')}>Topic (optional)</label>
              <input id={f('topic')} value={settings.topic} maxLength={40} onChange={(e) => set('topic', e.target.value)} />
            </div>
          </>
        ) : (
          <>
            <div className="ai-field">
              <label htmlFor={f('bpm')}>BPM</label>
              <input id={f('bpm')} type="number" min={60} max={200} step={1} value={settings.bpm} aria-invalid={!bpmOk} onChange={(e) => set('bpm', Number(e.target.value))} />
            </div>
            <div className="ai-field">
              <label htmlFor={f('key')}>Key</label>
              <select id={f('key')} value={settings.key} onChange={(e) => set('key', e.target.value as Settings['key'])}>
                {MUSICAL_KEYS.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            </div>
            <div className="ai-field">
              <label htmlFor={f('scale')}>Scale</label>
              <select id={f('scale')} value={settings.scale} onChange={(e) => set('scale', e.target.value as Settings['scale'])}>
                <option value="">genre’s usual</option>
                {SCALES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </div>
            <div className="ai-field">
              <label htmlFor={f('bars')}>Bars</label>
              <select id={f('bars')} value={settings.bars} onChange={(e) => set('bars', Number(e.target.value) as Settings['bars'])}>
                {BAR_COUNTS.map((b) => (
                  <option key={b} value={b}>
                    {b}
                  </option>
                ))}
              </select>
            </div>
            <div className="ai-field">
              <label htmlFor={f('complexity')}>Complexity</label>
              <select id={f('complexity')} value={settings.complexity} onChange={(e) => set('complexity', e.target.value as Settings['complexity'])}>
                {COMPLEXITIES.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </div>
            {settings.kind === 'melody' ? (
              <div className="ai-field ai-check">
                <input id={f('chords')} type="checkbox" checked={settings.withChords} onChange={(e) => set('withChords', e.target.checked)} />
                <label htmlFor={f('chords')}>With chords</label>
              </div>
            ) : null}
          </>
        )}
        <div className="ai-field">
          <label htmlFor={f('seed')}>Seed</label>
          <input id={f('seed')} inputMode="numeric" placeholder="random" value={settings.seed} aria-invalid={!seedOk} aria-describedby={f('seed-help')} onChange={(e) => set('seed', e.target.value.replace(/[^\d]/g, ''))} />
        </div>
        <p id={f('seed-help')} className="ai-help muted">
          {seedOk ? 'The same seed and settings give the same music.' : `A seed is a whole number from 0 to ${MAX_SEED}.`}
        </p>
        <div className="ai-form-actions">
          <button type="submit" className="button primary" disabled={submitting || !seedOk || (!isLyrics && !bpmOk)}>
            {submitting ? 'Queuing…' : `Generate ${KIND_NAMES[settings.kind].toLowerCase()}`}
          </button>
        </div>
        {error ? (
          <p className="ai-inline-error" role="alert">
            {error}
          </p>
        ) : null}
      </form>

      <ProjectMix studio={studio} api={api} onStart={(request) => void start(request)} submitting={submitting} />

      <section className="ai-jobs" aria-label="Generations">
        <h3 className="ai-section-title">Generations</h3>
        {order.length === 0 ? <p className="muted">Nothing generated yet in this session.</p> : null}
        {order.map((jobId) => {
          const job = jobs[jobId];
          if (!job) return null;
          return (
            <JobCard key={jobId} job={job} onCancel={() => void tracker.cancel(jobId).catch((err: unknown) => setError(describeError(err)))}>
              {job.state === 'succeeded' ? <JobResult job={job} request={asked[jobId]} studio={studio} api={api} onStart={(request) => void start(request)} busy={submitting} /> : null}
              {job.state !== 'queued' && job.state !== 'running' ? (
                <button type="button" className="button small danger-text job-dismiss" onClick={() => tracker.dismiss(jobId)}>
                  Remove card
                </button>
              ) : null}
            </JobCard>
          );
        })}
      </section>
    </div>
  );
}

function JobResult(props: { job: JobState; request: JobRequest | undefined; studio: Studio; api: Api; onStart: (request: JobRequest) => void; busy: boolean }) {
  const { job, request, studio, api, onStart, busy } = props;
  const preview = generationPreview(api, studio.engine);
  const previewing = useStore(preview.store, (s) => s);
  const [adding, setAdding] = useState<AddMode | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [lyrics, setLyrics] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const project = useStore(studio.store, (s) => s.project);
  const wav = mainWav(job.files);
  const hasMidi = job.files.some((f) => f.kind === 'midi');
  const body = request?.body ?? {};
  const bpm = typeof body.bpm === 'number' ? body.bpm : undefined;
  const genre = typeof body.genre === 'string' ? body.genre : undefined;
  const bars = typeof body.bars === 'number' ? body.bars : undefined;
  const [matchTempo, setMatchTempo] = useState(true);
  const tempoId = useId();

  useEffect(() => {
    if (job.kind !== 'lyrics') return;
    let stale = false;
    generationFile(api, job.jobId, 'lyrics.txt')
      .then((bytes) => !stale && setLyrics(new TextDecoder().decode(bytes)))
      .catch((err: unknown) => !stale && setError(describeError(err)));
    return () => {
      stale = true;
    };
  }, [api, job.jobId, job.kind]);

  const add = async (mode: AddMode) => {
    setAdding(mode);
    setError(null);
    try {
      const result = await addGenerationToProject(studio, api, job, { mode, ...(genre ? { genre } : {}), ...(bpm ? { bpm } : {}), ...(bars ? { bars } : {}), matchTempo: matchTempo && bpm !== undefined });
      if (result) setAdded(`Added ${result.trackIds.length} track${result.trackIds.length === 1 ? '' : 's'}; Undo removes ${result.trackIds.length === 1 ? 'it' : 'them'}.`);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setAdding(null);
    }
  };

  const previewId = wav ? `${job.jobId}/${wav.name}` : null;
  const isPlaying = previewId !== null && previewing.playing === previewId;
  const isLoading = previewId !== null && previewing.loading === previewId;
  const label = KIND_NAMES[job.kind].toLowerCase();

  return (
    <div className="job-result">
      {job.loudness ? (
        <dl className="loudness-readout" aria-label="Loudness before and after">
          <div>
            <dt>Before</dt>
            <dd>{formatLufs(job.loudness.inputLufs)}</dd>
          </div>
          <div>
            <dt>After</dt>
            <dd>{formatLufs(job.loudness.outputLufs)}</dd>
          </div>
          <div>
            <dt>True peak</dt>
            <dd>{job.loudness.truePeakDbtp === null ? '—' : `${job.loudness.truePeakDbtp.toFixed(1).replace('-', '−')} dBTP`}</dd>
          </div>
        </dl>
      ) : null}
      {job.automix ? <AutomixResult studio={studio} settings={job.automix} /> : null}
      {lyrics !== null ? <pre className="lyrics">{lyrics}</pre> : null}
      <div className="job-card-actions">
        {wav ? (
          <button type="button" className="button small" aria-pressed={isPlaying} onClick={() => void preview.toggle(job.jobId, wav.name)}>
            {isPlaying ? 'Stop preview' : isLoading ? 'Loading…' : `Preview ${label}`}
          </button>
        ) : null}
        {hasMidi ? (
          <button type="button" className="button small primary" onClick={() => void add('midi')} disabled={adding !== null}>
            {adding === 'midi' ? 'Adding…' : 'Add as MIDI tracks'}
          </button>
        ) : null}
        {wav && job.kind !== 'automix' ? (
          <button type="button" className="button small" onClick={() => void add('audio')} disabled={adding !== null}>
            {adding === 'audio' ? 'Adding…' : 'Add as audio track'}
          </button>
        ) : null}
        {request && job.kind !== 'master' && job.kind !== 'automix' ? (
          <button type="button" className="button small" disabled={busy} onClick={() => onStart({ kind: request.kind, body: { ...request.body, seed: job.seed } })}>
            Regenerate (seed {job.seed})
          </button>
        ) : null}
        {hasMidi ? (
          <button type="button" className="button small" disabled={busy} onClick={() => onStart({ kind: 'master', body: { sourceJobId: job.jobId, projectId: studio.projectId, targetLufs: -14 }, sourceJobId: job.jobId })}>
            Master
          </button>
        ) : null}
      </div>
      {bpm !== undefined && project && project.bpm !== bpm && (hasMidi || wav) && job.kind !== 'automix' ? (
        <div className="ai-check">
          <input id={tempoId} type="checkbox" checked={matchTempo} onChange={(e) => setMatchTempo(e.target.checked)} />
          <label htmlFor={tempoId}>
            Set the project to {bpm} BPM when adding (now {project.bpm})
          </label>
        </div>
      ) : null}
      {previewing.error ? <p className="ai-inline-error">Preview failed: {previewing.error}</p> : null}
      {added ? (
        <p className="tool-card-note ok" role="status">
          {added}
        </p>
      ) : null}
      {error ? (
        <p className="ai-inline-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The automix's suggestion per track, applied as one undoable edit (each fader moved by its gain, each pan set). */
function AutomixResult(props: { studio: Studio; settings: AutomixTrackSetting[] }) {
  const { studio, settings } = props;
  const tracks = useStore(studio.store, (s) => s.tracks);
  const [applied, setApplied] = useState(false);
  const apply = async () => {
    const commands: Command[] = [];
    for (const setting of settings) {
      const track = tracks.find((t) => t.id === setting.trackId);
      if (!track) continue;
      const volumeDb = Math.round(Math.min(12, Math.max(-60, track.volumeDb + setting.gainDb)) * 10) / 10;
      const pan = Math.round(setting.pan * 100) / 100;
      commands.push({ kind: 'track.update', label: 'Apply automix', trackId: track.id, before: { volumeDb: track.volumeDb, pan: track.pan }, after: { volumeDb, pan } });
    }
    if (commands.length && (await studio.perform({ kind: 'batch', label: 'Apply automix', commands }))) setApplied(true);
  };
  return (
    <div className="automix">
      <table className="automix-table">
        <caption className="visually-hidden">Suggested mix per track</caption>
        <thead>
          <tr>
            <th scope="col">Track</th>
            <th scope="col">Now</th>
            <th scope="col">Gain</th>
            <th scope="col">Pan</th>
          </tr>
        </thead>
        <tbody>
          {settings.map((s) => (
            <tr key={s.trackId}>
              <th scope="row">
                {s.name} <span className="muted">({s.role})</span>
              </th>
              <td>{formatLufs(s.loudnessLufs)}</td>
              <td>{`${s.gainDb >= 0 ? '+' : '−'}${Math.abs(s.gainDb).toFixed(1)} dB`}</td>
              <td>{s.pan === 0 ? 'C' : `${Math.round(Math.abs(s.pan) * 100)}${s.pan < 0 ? 'L' : 'R'}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button small primary" onClick={() => void apply()} disabled={applied}>
        {applied ? 'Mix applied' : 'Apply mix to tracks'}
      </button>
    </div>
  );
}

/** Mix and master the project's own audio tracks (POST /generate/automix). */
function ProjectMix(props: { studio: Studio; api: Api; onStart: (request: JobRequest) => void; submitting: boolean }) {
  const { studio, onStart, submitting } = props;
  const audioTracks = useStore(studio.store, (s) => s.tracks.filter((t) => t.kind === 'audio').length);
  const audioClips = useStore(studio.store, (s) => s.clips.filter((c) => c.audioFileId).length);
  const ready = audioTracks > 0 && audioClips > 0;
  return (
    <section className="ai-mix" aria-label="Mix and master the project">
      <h3 className="ai-section-title">Mix and master</h3>
      <p className="muted">{ready ? 'Balances the project’s audio tracks by role and loudness, and masters a preview to −14 LUFS.' : 'Add audio to the project to mix and master it.'}</p>
      <button type="button" className="button small" disabled={!ready || submitting} onClick={() => onStart({ kind: 'automix', body: { projectId: studio.projectId, targetLufs: -14 } })}>
        Mix &amp; master project
      </button>
    </section>
  );
}
