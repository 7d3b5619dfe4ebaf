import { useEffect } from 'react';
import type { EditorActions } from '../../src/store/editor/actions';
import type { EditorStore } from '../../src/store/editor/editorStore';

const PERIOD_MS = 4000; // A to B and back

/** While playing, moves t back and forth once per animation frame; the engine client drops frames it cannot keep up with. */
export function usePlayback(store: EditorStore, actions: EditorActions, playing: boolean): void {
  useEffect(() => {
    if (!playing) return;
    let raf = 0;
    let last = performance.now();
    let direction = store.getState().interpolation.t >= 1 ? -1 : 1;
    const tick = (now: number) => {
      const { t } = store.getState().interpolation;
      let next = t + (direction * 2 * (now - last)) / PERIOD_MS;
      last = now;
      if (next >= 1 || next <= 0) {
        next = Math.min(1, Math.max(0, next));
        direction = -direction;
      }
      actions.playTo(next);
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [store, actions, playing]);
}
