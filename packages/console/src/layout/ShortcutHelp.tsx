import { useEffect, useRef } from 'preact/hooks';
import { en } from '../messages/en';

/** The keyboard shortcuts, in a modal dialog (`<dialog>`: focus is held inside it and Escape closes it). */
export function ShortcutHelp({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} aria-labelledby="shortcuts-title" onClose={onClose} class="shortcuts">
      <h2 id="shortcuts-title">{en.shortcuts.title}</h2>
      <table>
        <tbody>
          {en.shortcuts.list.map(([keys, action]) => (
            <tr key={keys}>
              <th scope="row"><kbd>{keys}</kbd></th>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={onClose}>{en.shortcuts.close}</button>
    </dialog>
  );
}
