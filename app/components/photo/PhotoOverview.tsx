import { useEffect, useRef } from 'react';
import type { LivePatch } from '../../../src/engine/protocol';
import { useEditor } from '../../hooks/useEditor';

const SIDE = 360;

/** The whole photo, small: drawn once, then only the face region is redrawn as frames arrive. */
export function PhotoOverview({ photo, name }: { photo: ImageBitmap | null; name: string }) {
  const { engine } = useEditor();
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx || !photo) return;
    const k = Math.min(1, SIDE / Math.max(photo.width, photo.height));
    el.width = Math.round(photo.width * k);
    el.height = Math.round(photo.height * k);
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(photo, 0, 0, el.width, el.height);
    // Each frame's bytes are put here first, to be drawn scaled down (putImageData does not scale).
    const region = document.createElement('canvas');
    const draw = ({ width, height, data, box }: LivePatch) => {
      if (region.width !== width || region.height !== height) Object.assign(region, { width, height });
      region.getContext('2d')?.putImageData(new ImageData(data, width, height), 0, 0);
      ctx.drawImage(region, box.x * k, box.y * k, box.width * k, box.height * k);
    };
    if (engine.latestPhotoFrame) draw(engine.latestPhotoFrame);
    return engine.onPhotoFrame(draw);
  }, [engine, photo]);

  return <canvas ref={canvas} className="photo-overview" role="img" aria-label={`The whole photo, ${name}, edited`} />;
}
