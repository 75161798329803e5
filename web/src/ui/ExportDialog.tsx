import { useState } from 'react';
import { describeError } from '../api/errors';
import { download, type ExportResult, exportDawproject, exportMidiFile, exportMixdown, exportStems } from '../export/exports';
import { Dialog } from './Dialog';
import { useStudio } from './StudioPage';

const KINDS: Array<{ id: string; label: string; description: string; run: (studio: ReturnType<typeof useStudio>) => Promise<ExportResult> | ExportResult }> = [
  { id: 'wav', label: 'Mixdown (WAV)', description: 'The whole song through the mixer, 16-bit stereo.', run: exportMixdown },
  { id: 'stems', label: 'Stems (ZIP)', description: 'One WAV per track, each through its own fader and pan.', run: exportStems },
  { id: 'midi', label: 'MIDI file', description: 'The MIDI tracks and section markers.', run: exportMidiFile },
  { id: 'dawproject', label: 'DAWproject', description: 'Tracks, clips, recordings and markers for other DAWs (Bitwig, Studio One, …).', run: exportDawproject },
];

/** Exports of the open project, rendered in the browser. */
export function ExportDialog(props: { onClose: () => void }) {
  const studio = useStudio();
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  return (
    <Dialog title="Export" onClose={props.onClose} wide>
      <ul className="export-list">
        {KINDS.map((kind) => (
          <li key={kind.id}>
            <div>
              <div className="export-label">{kind.label}</div>
              <div className="hint">{kind.description}</div>
            </div>
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              onClick={async () => {
                setBusy(kind.id);
                setMessage(null);
                try {
                  const result = await kind.run(studio);
                  download(result);
                  setMessage({ kind: 'ok', text: `${result.fileName}: ${result.summary}` });
                } catch (err) {
                  setMessage({ kind: 'error', text: describeError(err) });
                } finally {
                  setBusy(null);
                }
              }}
            >
              {busy === kind.id ? 'Rendering…' : 'Export'}
            </button>
          </li>
        ))}
      </ul>
      {message && (
        <p className={message.kind === 'ok' ? 'form-ok' : 'form-error'} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid="export-message">
          {message.text}
        </p>
      )}
    </Dialog>
  );
}
