import { useEffect, useMemo, useState } from 'react';
import { animationFrames } from '../../../src/export/animation';
import { useEditor } from '../../hooks/useEditor';
import { BitmapView } from '../common/BitmapView';
import type { Sheet } from './SheetForm';

/** Tiles are drawn at the model's own size and scaled by the page, so a big grid stays cheap. */
const TILE_PX = 64;

type Render =
  | { kind: 'rendering'; done: number; total: number }
  | { kind: 'done'; bitmaps: ImageBitmap[] }
  | { kind: 'failed'; message: string };

/**
 * A sheet of faces rendered in one engine batch; it owns the bitmaps and closes them when it goes. Give each sheet its
 * own `key`: a new sheet is a new view.
 */
export function GridView({ sheet }: { sheet: Sheet }) {
  const { engine } = useEditor();
  const points = useMemo(() => animationFrames(sheet.animation, sheet.count), [sheet]);
  const [render, setRender] = useState<Render>({ kind: 'rendering', done: 0, total: points.length });

  useEffect(() => {
    const stop = new AbortController();
    let owned: ImageBitmap[] = [];
    engine
      .batch(points, {
        size: TILE_PX,
        signal: stop.signal,
        onProgress: (done, total) => setRender({ kind: 'rendering', done, total }),
      })
      .then(({ bitmaps }) => {
        if (stop.signal.aborted) return bitmaps.forEach((b) => b.close());
        owned = bitmaps;
        setRender({ kind: 'done', bitmaps });
      })
      .catch((e: Error) => {
        if (!stop.signal.aborted) setRender({ kind: 'failed', message: e.message });
      });
    return () => {
      stop.abort();
      owned.forEach((b) => b.close());
    };
  }, [engine, points]);

  return (
    <figure className="sheet-view" aria-busy={render.kind === 'rendering'}>
      <figcaption className="small">{sheet.title}</figcaption>
      {render.kind === 'rendering' && (
        <progress max={render.total} value={render.done} aria-label="Rendering the sheet" />
      )}
      {render.kind === 'failed' && <p className="field-error">Could not draw the sheet: {render.message}</p>}
      {render.kind === 'done' && (
        <div
          className="sheet"
          data-testid="sheet"
          style={{ gridTemplateColumns: `repeat(${sheet.cols}, minmax(0, 1fr))` }}
        >
          {render.bitmaps.map((bitmap, i) => (
            <BitmapView
              key={i}
              bitmap={bitmap}
              size={TILE_PX}
              label={`Face ${Math.floor(i / sheet.cols) + 1}, ${(i % sheet.cols) + 1}`}
              testId="sheet-tile"
            />
          ))}
        </div>
      )}
    </figure>
  );
}
