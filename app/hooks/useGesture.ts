import { useCallback } from 'react';
import type { EditorActions } from '../../src/store/actions';

/**
 * Returns a pointerdown handler that makes everything until the pointer is released one undo step. Listens on window
 * because the release may happen outside the slider.
 */
export function useGesture(actions: EditorActions): () => void {
  return useCallback(() => {
    actions.beginGesture();
    const done = new AbortController();
    const end = () => {
      done.abort();
      actions.endGesture();
    };
    window.addEventListener('pointerup', end, { signal: done.signal });
    window.addEventListener('pointercancel', end, { signal: done.signal });
  }, [actions]);
}
