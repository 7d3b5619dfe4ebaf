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
  saveBlob(await encodeCanvas(canvas, type), filename);
}

/** `canvas` as a PNG, or a JPEG at quality 0.92. */
export async function encodeCanvas(canvas: HTMLCanvasElement, type: 'image/png' | 'image/jpeg'): Promise<Blob> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, 0.92));
  if (!blob) throw new Error(`Could not encode the ${type === 'image/png' ? 'PNG' : 'JPEG'}`);
  return blob;
}

/** Whether this browser can hand a file of `type` to the system's share sheet (Web Share with files). */
export function canShareFiles(type = 'image/jpeg'): boolean {
  if (typeof navigator.share !== 'function' || typeof navigator.canShare !== 'function') return false;
  try {
    return navigator.canShare({ files: [new File([], 'probe.jpg', { type })] });
  } catch {
    return false;
  }
}

/**
 * Hands `blob` to the system's share sheet as `filename` where the browser can share files (a phone's), else saves it
 * as a download. 'cancelled' when the person closed the share sheet without choosing anywhere to send it.
 */
export async function shareOrSave(blob: Blob, filename: string): Promise<'shared' | 'saved' | 'cancelled'> {
  const file = new File([blob], filename, { type: blob.type });
  if (!canShareFiles(blob.type) || !navigator.canShare({ files: [file] })) {
    saveBlob(blob, filename);
    return 'saved';
  }
  try {
    await navigator.share({ files: [file], title: filename });
    return 'shared';
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') return 'cancelled';
    throw e;
  }
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
