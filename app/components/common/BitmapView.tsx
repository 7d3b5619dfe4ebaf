import { useEffect, useRef } from 'react';

/** Draws an ImageBitmap it does not own (the store closes it when it is replaced). */
export function BitmapView({
  bitmap,
  size,
  label,
  testId,
}: {
  bitmap: ImageBitmap | null;
  size: number;
  label: string;
  testId?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, size, size);
    if (bitmap && bitmap.width > 0) ctx.drawImage(bitmap, 0, 0, size, size);
  }, [bitmap, size]);
  return (
    <canvas
      ref={canvas}
      width={size}
      height={size}
      className="bitmap-view"
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  );
}
