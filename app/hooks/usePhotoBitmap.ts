import { useEffect, useState } from 'react';

/**
 * The photo `file` decoded at width x height (orientation applied): the size the engine holds it at, so the face
 * region's box in its pixels fits. Closed when the photo changes or the view goes away.
 */
export function usePhotoBitmap(file: Blob | null, width: number, height: number): ImageBitmap | null {
  const [bitmap, setBitmap] = useState<ImageBitmap | null>(null);
  useEffect(() => {
    if (!file) return;
    let live = true;
    let decoded: ImageBitmap | null = null;
    createImageBitmap(file, {
      imageOrientation: 'from-image',
      resizeWidth: width,
      resizeHeight: height,
      resizeQuality: 'high',
    })
      .then((b) => {
        decoded = b;
        if (live) setBitmap(b);
        else b.close();
      })
      .catch(() => {
        // The edited face still shows; only the before image and the overview are missing.
      });
    return () => {
      live = false;
      decoded?.close();
      setBitmap(null);
    };
  }, [file, width, height]);
  return bitmap;
}
