import { SHORTCUTS, showKeys } from '../studio/shortcuts';
import { Dialog } from './Dialog';

/** Every keyboard shortcut, from the same table the studio's key handler uses. */
export function ShortcutSheet(props: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={props.onClose} wide>
      <table className="shortcut-table">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>
                {showKeys(s.keys)
                  .split('+')
                  .map((k, i) => (
                    <kbd key={i}>{k}</kbd>
                  ))}
              </td>
              <td>{s.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        Mouse: drag a clip to move it (onto another track of the same kind too), its edges to trim, the white squares to fade, the dot to change its gain. Drag in the ruler to set
        the loop; click to move the playhead. Ctrl/⌘ + wheel zooms, Shift + wheel scrolls sideways. Double-click the marker lane to add a section marker.
      </p>
    </Dialog>
  );
}
