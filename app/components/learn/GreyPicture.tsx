import { useEffect, useRef } from 'react';
import { rgbaFromGrey } from '../../../src/photo/greyPicture';

/** A square grey picture (bytes, 0 = black) drawn pixel for pixel and scaled up by CSS. */
export function GreyPicture({ pixels, label }: { pixels: Uint8Array; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const size = Math.round(Math.sqrt(pixels.length));
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    ctx?.putImageData(new ImageData(rgbaFromGrey(pixels), size, size), 0, 0);
  }, [pixels, size]);
  return <canvas ref={canvas} className="grey-picture" width={size} height={size} role="img" aria-label={label} />;
}
