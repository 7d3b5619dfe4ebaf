/** Draws `source` at size x size (smoothly upscaled when larger) and saves it as a PNG. */
export async function downloadPng(
  source: CanvasImageSource & { width: number; height: number },
  size: number,
  filename: string,
): Promise<void> {
  const canvas = canvasOf(size, size);
  const ctx = canvas.getContext('2d')!;
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, size, size);
  await saveCanvas(canvas, 'image/png', filename);
}

/** A canvas of this size with a 2D context. */
export function canvasOf(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  if (!canvas.getContext('2d')) throw new Error('2D canvas unavailable');
  return canvas;
}

/** Encodes `canvas` (PNG, or JPEG at quality 0.92) and saves it under `filename`. */
export async function saveCanvas(
  canvas: HTMLCanvasElement,
  type: 'image/png' | 'image/jpeg',
  filename: string,
): Promise<void> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, 0.92));
  if (!blob) throw new Error(`Could not encode the ${type === 'image/png' ? 'PNG' : 'JPEG'}`);
  saveBlob(blob, filename);
}

/** Saves a file the page made (an image, an animation) under `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  // Revoke after the click has been handled, or some browsers cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
