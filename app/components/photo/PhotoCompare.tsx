import { useEffect, useRef, useState } from 'react';
import type { Box } from '../../../src/photo/pasteBack';
import type { FrameInfo } from '../../../src/engine/client/engineStatus';
import type { LivePatch } from '../../../src/engine/protocol';
import { useActions, useEditor, useEditorState } from '../../hooks/useEditor';
import { usePictureGestures } from '../../hooks/usePictureGestures';

/**
 * The photo's face region, large: the edited region drawn straight from the engine client on each frame (no React
 * state per frame), over the region before edits; a divider shows "before" to its left. On the picture, by touch or
 * mouse (usePictureGestures): drag sideways to move the divider, press and hold to see the photo before edits (the
 * engine then sends the photo as it is), double tap or pinch to zoom, drag to pan a zoomed picture. The divider is
 * also a range input, for the keyboard and screen readers.
 */
export function PhotoCompare({ photo }: { photo: ImageBitmap | null }) {
  const { engine } = useEditor();
  const actions = useActions();
  const comparing = useEditorState((s) => s.comparing);
  const [split, setSplit] = useState(0);
  const before = useRef<HTMLCanvasElement>(null);
  const after = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const { view, resetView } = usePictureGestures(box, {
    onHold: (on) => actions.setComparing(on),
    onSplit: (percent) => setSplit(Math.round(percent)),
    zoom: true,
  });
  const zoomed = view.scale > 1;

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
    <div className="photo-compare" ref={box} data-testid="photo-compare" data-zoom={view.scale.toFixed(2)}>
      <div
        className="photo-zoom"
        style={zoomed ? { transform: `translate(${view.tx}px, ${view.ty}px) scale(${view.scale})` } : undefined}
      >
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
      </div>
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
      {zoomed && (
        <button type="button" className="zoom-out" onClick={resetView} title="Show the whole face region again">
          Zoom out
        </button>
      )}
    </div>
  );
}

function sameBox(a: Box, b: Box): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}
