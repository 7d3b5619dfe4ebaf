import { useEffect, useRef, useState, type RefObject } from 'react';
import { HOLD_MS, IDENTITY, PictureGestures, type PictureView } from '../components/photo/pictureGestures';

/**
 * Touch and mouse on a picture (`box`): hold to compare (`onHold`), drag the divider (`onSplit`, when given), double
 * tap or pinch to zoom and drag to pan (`zoom`). Returns the view to draw with and a way to reset it. The element
 * needs `touch-action: none` so the browser leaves these gestures to us.
 */
export function usePictureGestures(
  box: RefObject<HTMLElement | null>,
  { onHold, onSplit, zoom }: { onHold: (on: boolean) => void; onSplit?: (percent: number) => void; zoom: boolean },
): { view: PictureView; resetView: () => void } {
  const [view, setView] = useState<PictureView>(IDENTITY);
  // The latest callbacks, read by the listeners below without re-adding them.
  const handlers = useRef({ onHold, onSplit });
  useEffect(() => {
    handlers.current = { onHold, onSplit };
  });
  const gestures = useRef<PictureGestures | null>(null);
  const divider = onSplit !== undefined;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const g = new PictureGestures(
      {
        split: (percent) => handlers.current.onSplit?.(percent),
        hold: (on) => handlers.current.onHold(on),
        view: setView,
      },
      { divider, zoom },
    );
    gestures.current = g;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const local = (e: PointerEvent) => {
      const r = el.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top, w: r.width, h: r.height };
    };
    const down = (e: PointerEvent) => {
      if (e.pointerType === 'mouse' && e.button !== 0) return;
      if ((e.target as Element).closest('button')) return; // a button over the picture (Zoom out) keeps its click
      const p = local(e);
      el.setPointerCapture?.(e.pointerId);
      g.down(e.pointerId, p.x, p.y, e.timeStamp);
      clearTimeout(timer);
      timer = setTimeout(() => g.tick(performance.now()), HOLD_MS);
    };
    const move = (e: PointerEvent) => {
      const p = local(e);
      g.move(e.pointerId, p.x, p.y, e.timeStamp, p.w, p.h);
    };
    const up = (e: PointerEvent) => {
      clearTimeout(timer);
      const p = local(e);
      g.up(e.pointerId, p.x, p.y, e.timeStamp, p.w, p.h);
    };
    const cancel = (e: PointerEvent) => {
      clearTimeout(timer);
      g.cancel(e.pointerId);
    };
    const opts = { passive: true };
    el.addEventListener('pointerdown', down, opts);
    el.addEventListener('pointermove', move, opts);
    el.addEventListener('pointerup', up, opts);
    el.addEventListener('pointercancel', cancel, opts);
    // A long press would otherwise open the browser's menu for the canvas (save image...) over the comparison.
    const menu = (e: Event) => e.preventDefault();
    el.addEventListener('contextmenu', menu);
    return () => {
      clearTimeout(timer);
      el.removeEventListener('pointerdown', down);
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', cancel);
      el.removeEventListener('contextmenu', menu);
      g.release();
      gestures.current = null;
    };
  }, [box, divider, zoom]);

  const resetView = () => {
    if (gestures.current) gestures.current.setView(IDENTITY);
    else setView(IDENTITY);
  };
  return { view, resetView };
}
