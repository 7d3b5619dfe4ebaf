import { useCallback, useEffect, useMemo, useState } from 'react';
import { createWalkController } from '../../src/store/editor/walkActions';
import { useEditor } from './useEditor';

/** A random walk on the main canvas, moved once per animation frame; the engine keeps only the newest frame. */
export function useWalk(): { walking: boolean; start: (seed: number) => void; stop: () => void } {
  const { store, actions } = useEditor();
  const [walking, setWalking] = useState(false);
  const walk = useMemo(() => createWalkController(store, actions, () => setWalking(false)), [store, actions]);
  // Leaving the page (or the panel) ends the walk where it is.
  useEffect(() => () => walk.stop(), [walk]);

  useEffect(() => {
    if (!walking) return;
    let raf = 0;
    const began = performance.now();
    const tick = (now: number) => {
      walk.moveTo((now - began) / 1000);
      if (walk.walking) raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [walk, walking]);

  const start = useCallback((seed: number) => setWalking(walk.start(seed)), [walk]);
  const stop = useCallback(() => walk.stop(), [walk]);
  return { walking, start, stop };
}
