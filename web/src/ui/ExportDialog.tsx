import { useId, useState } from 'react';
import { describeError } from '../api/errors';
import { download, type ExportResult, exportDawproject, exportMidiFile, exportMixdown, exportMixdownMp3, exportStems } from '../export/exports';
import { DEFAULT_MP3_BITRATE, MP3_BITRATES, type Mp3Bitrate } from '../export/mp3';
import type { Studio } from '../studio/studio';
import { Dialog } from './Dialog';
import { useStudio } from './StudioPage';

interface ExportOptions {
  mp3Bitrate: Mp3Bitrate;
  onProgress: (fraction: number) => void;
}

const KINDS: Array<{ id: string; label: string; description: string; run: (studio: Studio, options: ExportOptions) => Promise<ExportResult> | ExportResult }> = [
  { id: 'wav', label: 'Mixdown (WAV)', description: 'The whole song through the mixer, 16-bit stereo.', run: exportMixdown },
  { id: 'mp3', label: 'Mixdown (MP3)', description: 'The whole song through the mixer, stereo MP3 at the bitrate chosen.', run: (studio, options) => exportMixdownMp3(studio, options.mp3Bitrate, options.onProgress) },
  { id: 'stems', label: 'Stems (ZIP)', description: 'One WAV per track, each through its own fader and pan.', run: exportStems },
  { id: 'midi', label: 'MIDI file', description: 'The MIDI tracks and section markers.', run: exportMidiFile },
  { id: 'dawproject', label: 'DAWproject', description: 'Tracks, clips, recordings and markers for other DAWs (Bitwig, Studio One, …).', run: exportDawproject },
];

/** Exports of the open project, rendered in the browser. */
export function ExportDialog(props: { onClose: () => void }) {
  const studio = useStudio();
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [mp3Bitrate, setMp3Bitrate] = useState<Mp3Bitrate>(DEFAULT_MP3_BITRATE);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const bitrateId = useId();
  return (
    <Dialog title="Export" onClose={props.onClose} wide>
      <ul className="export-list">
        {KINDS.map((kind) => {
          const state = busy !== kind.id ? 'Export' : progress === null ? 'Rendering…' : `Encoding ${Math.round(progress * 100)}%`;
          return (
            <li key={kind.id}>
              <div>
                <div className="export-label">{kind.label}</div>
                <div className="hint">{kind.description}</div>
              </div>
              {kind.id === 'mp3' && (
                <div className="export-option">
                  <label htmlFor={bitrateId}>Bitrate</label>
                  <select id={bitrateId} value={mp3Bitrate} disabled={busy !== null} onChange={(e) => setMp3Bitrate(Number(e.target.value) as Mp3Bitrate)}>
                    {MP3_BITRATES.map((kbps) => (
                      <option key={kbps} value={kbps}>
                        {kbps} kbps
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <button
                type="button"
                className="button"
                disabled={busy !== null}
                aria-label={`${state} ${kind.label}`}
                onClick={async () => {
                  setBusy(kind.id);
                  setProgress(null);
                  setMessage(null);
                  try {
                    const result = await kind.run(studio, { mp3Bitrate, onProgress: setProgress });
                    download(result);
                    setMessage({ kind: 'ok', text: `${result.fileName}: ${result.summary}` });
                  } catch (err) {
                    setMessage({ kind: 'error', text: describeError(err) });
                  } finally {
                    setBusy(null);
                    setProgress(null);
                  }
                }}
              >
                {state}
              </button>
            </li>
          );
        })}
      </ul>
      {message && (
        <p className={message.kind === 'ok' ? 'form-ok' : 'form-error'} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid="export-message">
          {message.text}
        </p>
      )}
    </Dialog>
  );
}
