import { html, useEffect, useRef } from '../lib/html.js';

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
