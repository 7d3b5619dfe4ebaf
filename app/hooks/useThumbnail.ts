import { useEffect, type RefObject } from 'react';
import type { EngineClient } from '../../src/engine/client/engineClient';
import type { Face } from '../../src/store/editor/editorStore';

/** Renders `face` once (without edits) into the canvas; faces are immutable, so once per face is enough. */
export function useThumbnail(engine: EngineClient, face: Face, canvas: RefObject<HTMLCanvasElement | null>): void {
  useEffect(() => {
    let cancelled = false;
    engine
      .renderOnce({ latent: face.latent, attributes: face.attributes })
      .then((bitmap) => {
        const el = canvas.current;
        if (!cancelled && el) {
          el.width = bitmap.width;
          el.height = bitmap.height;
          el.getContext('2d')?.drawImage(bitmap, 0, 0);
        }
        bitmap.close();
      })
      .catch(() => {
        // A missing thumbnail is cosmetic; the strip still works from its label.
      });
    return () => {
      cancelled = true;
    };
  }, [engine, face, canvas]);
}
