import { useCallback } from 'react';
import type { EditorActions } from '../../src/store/editor/actions';
import { useEditor } from './useEditor';

/**
 * Returns a pointerdown handler that makes everything until the pointer is released one undo step, and tells the
 * engine when a drag starts and ends (its background work waits from the press, not from the first value, and batch
 * chunks until the release). Listens on window because the release may happen outside the slider.
 */
export function useGesture(actions: EditorActions): () => void {
  const { engine } = useEditor();
  return useCallback(() => {
    actions.beginGesture();
    engine.sliderPressed(true);
    const done = new AbortController();
    const end = () => {
      done.abort();
      actions.endGesture();
      engine.sliderPressed(false);
    };
    window.addEventListener('pointerup', end, { signal: done.signal });
    window.addEventListener('pointercancel', end, { signal: done.signal });
  }, [actions, engine]);
}
