import { useEffect, useRef } from 'react';
import { useActions, useEditor, useEditorState } from '../../hooks/useEditor';
import { usePictureGestures } from '../../hooks/usePictureGestures';

/**
 * Draws each frame straight from the engine client: no React state per frame, so a drag never re-renders the tree.
 * Pressed and held (a finger or the mouse), it shows the face before your edits, as *Hold to compare* does.
 */
export function FaceCanvas({ resolution }: { resolution: number }) {
  const { engine } = useEditor();
  const comparing = useEditorState((s) => s.comparing);
  const actions = useActions();
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  usePictureGestures(box, { onHold: (on) => actions.setComparing(on), zoom: false });

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    let frames = 0;
    const draw = (bitmap: ImageBitmap) => {
      ctx.drawImage(bitmap, 0, 0, el.width, el.height);
      // A counter the e2e tests (and curious people in devtools) can watch; cheaper than React state.
      el.dataset.frames = String(++frames);
    };
    if (engine.latestFrame) draw(engine.latestFrame);
    return engine.onFrame(draw);
  }, [engine]);

  return (
    <div className="canvas-wrap" ref={box}>
      <canvas
        ref={canvas}
        width={resolution}
        height={resolution}
        className="face-canvas"
        role="img"
        aria-label={comparing ? 'Face before edits' : 'Edited face'}
        data-testid="face-canvas"
      />
      {comparing && <span className="badge compare-badge">Before</span>}
    </div>
  );
}
