import { useEffect, useRef } from 'react';

/** A gallery face on the map, as a button at its point (percent of the map); the map store owns the bitmap. */
export function MapThumbButton(props: {
  bitmap: ImageBitmap;
  left: number;
  top: number;
  label: string;
  onPick: () => void;
}) {
  const { bitmap, left, top, label, onPick } = props;
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
      aria-label={`Pick ${label}`}
      title={label}
    >
      <canvas ref={canvas} width={1} height={1} aria-hidden="true" />
    </button>
  );
}
