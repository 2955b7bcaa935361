import { html, useEffect, useRef, useState } from '../lib/html.js';
import { describeError } from '../lib/api.js';

let nextId = 0;

/**
 * A modal dialog (the browser's own <dialog>: focus is kept inside, Escape closes it, the page
 * behind is inert), named by its title. It is open while it is rendered; onClose runs when it is
 * dismissed, and focus goes back to where it was.
 */
export function Dialog({ title, onClose, children, wide }) {
  const ref = useRef(null);
  const titleId = useRef('dialog-title-' + ++nextId).current;
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement;
    dialog.showModal();
    const closed = () => onCloseRef.current();
    dialog.addEventListener('close', closed);
    return () => {
      dialog.removeEventListener('close', closed);
      if (dialog.open) dialog.close();
      if (opener && opener.isConnected) opener.focus();
    };
  }, []);
  return html`
    <dialog ref=${ref} class=${'dialog' + (wide ? ' dialog-wide' : '')} aria-labelledby=${titleId}>
      <div class="dialog-head">
        <h2 id=${titleId}>${title}</h2>
        <button type="button" class="dialog-close" aria-label="Close" onClick=${() => ref.current.close()}>×</button>
      </div>
      ${children}
    </dialog>`;
}

/**
 * A dialog that asks before doing something that cannot be undone (removing, cancelling). `act()`
 * answers a promise: while it runs the confirm button does nothing (aria-disabled, so it keeps the
 * focus); its result goes to onDone; its failure is shown (through `describe`, by default the API's
 * message) and the dialog stays open, focus on the confirm button to try again.
 */
export function ConfirmDialog({ title, confirmLabel, keepLabel = 'Keep it', act, describe = describeError, onDone, onClose,
  children }) {
  const [error, setError] = useState(null);
  const [asking, setAsking] = useState(false);
  const confirm = (event) => {
    event.preventDefault();
    if (asking) return;
    setAsking(true);
    setError(null);
    act().then(onDone).catch((e) => { setError(describe(e)); setAsking(false); });
  };
  return html`
    <${Dialog} title=${title} onClose=${onClose}>
      <form onSubmit=${confirm}>
        ${children}
        ${error && html`<p class="error" role="alert">${error}</p>`}
        <div class="dialog-actions">
          <button type="submit" class="danger" aria-disabled=${asking ? 'true' : null}>${confirmLabel}</button>
          <button type="button" onClick=${onClose}>${keepLabel}</button>
        </div>
      </form>
    </${Dialog}>`;
}
