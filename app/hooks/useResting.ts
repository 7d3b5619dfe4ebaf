import { useEffect, useRef, useState } from 'react';

/** How long a value must rest before the panels that explain the face catch up with it. */
export const RESTING_MS = 150;
/** While it never rests (playback, a walk, a long drag), they still catch up this often. */
export const RESTING_MAX_WAIT_MS = 500;

/**
 * `value`, held while it keeps changing: a lone change (a click, a key press) comes through at once, changes in quick
 * succession (a slider being dragged, playback) once they pause for `ms`, and at least every `maxWait` meanwhile. For
 * the panels that explain the face (the latent map, the chart of its numbers, similar faces): each redraw costs the
 * page's thread milliseconds that a drag needs for the face and the photo, which stay live.
 */
export function useResting<T>(value: T, ms = RESTING_MS, maxWait = RESTING_MAX_WAIT_MS): T {
  const [rested, setRested] = useState(value);
  const lastChange = useRef(-Infinity);
  const lastShown = useRef(-Infinity);
  useEffect(() => {
    const now = performance.now();
    const lone = now - lastChange.current > ms;
    lastChange.current = now;
    const show = () => {
      lastShown.current = performance.now();
      setRested(() => value);
    };
    if (lone || now - lastShown.current >= maxWait) {
      show();
      return;
    }
    const timer = setTimeout(show, ms);
    return () => clearTimeout(timer);
  }, [value, ms, maxWait]);
  return rested;
}
