import { useEffect, useRef, useState } from 'react';
import { useEditor, useEditorState } from './useEditor';

/** How long a value must rest before the panels that explain the face catch up with it. */
export const RESTING_MS = 150;

/**
 * `value`, held while it keeps changing: a lone change (a click, a key press) comes through at once, changes in quick
 * succession (a slider being dragged) once they pause for `ms`, and so does a drag's first change (the pointer is down:
 * a gesture is open), which would otherwise count as lone and redraw those panels just as the drag starts. For the
 * panels that explain the face (the latent map, the chart of its numbers, similar faces): each redraw costs the page's
 * thread milliseconds that a drag needs for the face and the photo, which stay live. Playback and walks are what those
 * panels are watched for: they follow them frame by frame.
 */
export function useResting<T>(value: T, ms = RESTING_MS): T {
  const animating = useEditorState((s) => s.interpolation.playing || s.face?.source.kind === 'walk');
  const { store } = useEditor();
  const [rested, setRested] = useState(value);
  const lastChange = useRef(-Infinity);
  useEffect(() => {
    const now = performance.now();
    // Read when the value changes: pressing or releasing a slider is not a change of the value.
    const dragging = store.getState().gesture !== null;
    const lone = !dragging && now - lastChange.current > ms;
    lastChange.current = now;
    if (lone || animating) {
      setRested(() => value);
      return;
    }
    const timer = setTimeout(() => setRested(() => value), ms);
    return () => clearTimeout(timer);
  }, [value, ms, animating, store]);
  return animating ? value : rested;
}
