// A page reads the same thing again after events (a download's end, a run's end, a reconnection),
// so reads can overlap and their answers cross: only the newest read's answer is shown.
import { useRef } from './html.js';

/**
 * useNewestRead(get, apply): read() calls get() and applies its answer unless a newer read started
 * meanwhile; it answers a promise that fails with the read's error. outrun() is for a write the
 * page has just applied (a switch's answer): a read under way may have been answered before the
 * write and would put it back, so a newer read is started to outrun it.
 */
export function useNewestRead(get, apply) {
  const started = useRef(0);
  const underWay = useRef(0);
  const read = () => {
    const mine = ++started.current;
    underWay.current++;
    return get()
      .then((answer) => { if (mine === started.current) apply(answer); })
      .finally(() => { underWay.current--; });
  };
  const outrun = () => { if (underWay.current > 0) read().catch(() => {}); };
  return { read, outrun };
}
