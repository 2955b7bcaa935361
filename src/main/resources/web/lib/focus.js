// Keyboard focus when an item of a list is removed (or loses the button just used): its buttons go
// with it, and focus would fall to the page (document.body), losing a keyboard user's place.
import { useLayoutEffect, useRef, useState } from './html.js';

/**
 * focusAfterRender(ids) focuses the first element of these ids (falsy ones skipped) that is on the
 * page once the caller has rendered again (the removed item gone, its dialog closed), if the focus
 * fell to the page then: focus the user has since taken elsewhere is left there. A layout effect,
 * run as each render ends: a plain one of an earlier render (after a live event, say) could still
 * be waiting, and would take the focus request while the dialog is still open. A request renders
 * the caller again itself: a live event may already have rendered what the action changed (a
 * retried download's row without its Retry button), and the action's own answer then changes nothing.
 */
export function useFocusAfterRender() {
  const pending = useRef(null);
  const [, renderAgain] = useState(0);
  useLayoutEffect(() => {
    if (!pending.current) return;
    const target = pending.current.filter(Boolean).map((id) => document.getElementById(id)).find(Boolean);
    pending.current = null;
    const lost = !document.activeElement || document.activeElement === document.body;
    if (target && lost) target.focus();
  });
  return (ids) => {
    pending.current = ids;
    renderAgain((n) => n + 1);
  };
}

/** The item that takes a removed one's place: the next one, else the one before, else null. */
export function neighbourOf(list, removed) {
  const at = list.findIndex((item) => item.id === removed.id);
  return list[at + 1] || list[at - 1] || null;
}
