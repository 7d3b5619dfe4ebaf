import { useEffect, useRef, useState } from 'react';
import type { Box } from '../../../src/photo/pasteBack';
import type { FrameInfo } from '../../../src/engine/client/engineStatus';
import type { LivePatch } from '../../../src/engine/protocol';
import { useEditor, useEditorState } from '../../hooks/useEditor';

/**
 * The photo's face region, large: the edited region drawn straight from the engine client on each frame (no React
 * state per frame), over the region before edits; a divider (a range input over the picture) shows "before" to its
 * left. Hold to compare works too: the engine then sends the photo as it is.
 */
export function PhotoCompare({ photo }: { photo: ImageBitmap | null }) {
  const { engine } = useEditor();
  const comparing = useEditorState((s) => s.comparing);
  const [split, setSplit] = useState(0);
  const before = useRef<HTMLCanvasElement>(null);
  const after = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let frames = 0;
    let drawnBox: Box | null = null;
    const draw = ({ width, height, data, box }: LivePatch, info?: FrameInfo) => {
      const el = after.current;
      const ctx = el?.getContext('2d');
      if (!el || !ctx) return;
      if (el.width !== width || el.height !== height) {
        el.width = width;
        el.height = height;
      }
      ctx.putImageData(new ImageData(data, width, height), 0, 0);
      el.dataset.box = [box.x, box.y, box.width, box.height].join(',');
      el.dataset.frames = String(++frames);
      // When this frame's request left the page: input-to-screen latency for the benches (bench/drivers/slider.mjs).
      if (info) {
        const { requestedAt, renderMs, approximate } = info;
        Object.assign(el.dataset, { requestedAt, renderMs: renderMs.toFixed(1), approximate: String(!!approximate) });
      }
      // The region before edits, once per box (a new face or photo), at the same size.
      const b = before.current;
      const bctx = b?.getContext('2d');
      if (!b || !bctx || !photo || (drawnBox && sameBox(drawnBox, box))) return;
      b.width = width;
      b.height = height;
      bctx.imageSmoothingQuality = 'high';
      bctx.drawImage(photo, box.x, box.y, box.width, box.height, 0, 0, b.width, b.height);
      drawnBox = box;
    };
    if (engine.latestPhotoFrame) draw(engine.latestPhotoFrame);
    return engine.onPhotoFrame(draw);
  }, [engine, photo]);

  return (
    <div className="photo-compare">
      {/* Hidden while the divider is at 0: the edited canvas covers it, and compositing it each frame costs. */}
      <canvas
        ref={before}
        className="photo-before"
        aria-hidden="true"
        style={{ visibility: split > 0 ? 'visible' : 'hidden' }}
      />
      <canvas
        ref={after}
        className="photo-after"
        role="img"
        aria-label={comparing ? 'Your photo before edits' : 'Your photo, edited'}
        data-testid="photo-canvas"
        style={split > 0 ? { clipPath: `inset(0 0 0 ${split}%)` } : {}}
      />
      {split > 0 && <div className="photo-divider" style={{ left: `${split}%` }} aria-hidden="true" />}
      <input
        type="range"
        className="photo-split"
        min={0}
        max={100}
        value={split}
        aria-label="Before and after divider: the photo before edits shows left of it"
        data-testid="photo-split"
        onChange={(e) => setSplit(Number(e.currentTarget.value))}
      />
      {comparing && <span className="badge compare-badge">Before</span>}
      {split > 0 && !comparing && <span className="badge split-badge">Before | After</span>}
    </div>
  );
}

function sameBox(a: Box, b: Box): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}
