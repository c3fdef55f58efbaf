import { useEffect, useRef } from 'preact/hooks';
import { en } from '../messages/en';
import { formText } from './forms';

/** A modal asking for a reason (reject, unenroll): focus starts in the field, Escape cancels, the reason is required. */
export function ReasonDialog({ open, title, label, submitLabel, onSubmit, onCancel }: {
  readonly open: boolean; readonly title: string; readonly label: string; readonly submitLabel: string;
  readonly onSubmit: (reason: string) => void; readonly onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (open && !element.open) {
      element.querySelector('form')?.reset();
      element.showModal();
    }
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} aria-labelledby="reason-title" onClose={() => open && onCancel()}>
      <form class="stack" method="dialog" onSubmit={(event) => {
        event.preventDefault();
        const reason = formText(new FormData(event.currentTarget), 'reason').trim();
        if (reason !== '') onSubmit(reason);
      }}>
        <h2 id="reason-title">{title}</h2>
        <div class="field">
          <label for="field-reason-text">{label}</label>
          <textarea id="field-reason-text" name="reason" required maxLength={500} rows={3} autofocus />
        </div>
        <div class="row">
          <button type="submit" class="primary">{submitLabel}</button>
          <button type="button" onClick={onCancel}>{en.app.cancel}</button>
        </div>
      </form>
    </dialog>
  );
}
