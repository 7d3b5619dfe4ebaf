import { useEffect, useRef } from 'react';

/** A gallery face on the map, as a button at its point (percent of the map); the map store owns the bitmap. */
export function MapThumbButton(props: {
  bitmap: ImageBitmap;
  left: number;
  top: number;
  seed: number;
  onPick: () => void;
}) {
  const { bitmap, left, top, seed, onPick } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const el = canvas.current;
    if (!el || bitmap.width === 0) return;
    el.width = bitmap.width;
    el.height = bitmap.height;
    el.getContext('2d')?.drawImage(bitmap, 0, 0);
  }, [bitmap]);
  return (
    <button
      type="button"
      className="map-thumb"
      style={{ left: `${left}%`, top: `${top}%` }}
      onClick={onPick}
      // Not "Seed N": the seed field is found by its label "Seed", and these must not match it.
      aria-label={`Pick map face ${seed}`}
      title={`Seed ${seed}`}
    >
      <canvas ref={canvas} width={1} height={1} aria-hidden="true" />
    </button>
  );
}
