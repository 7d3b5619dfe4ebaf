// Grey pictures as the discriminator takes them (bytes, 0 = black) to and from the RGBA of a canvas. Pure: no DOM.

/** RGBA bytes (a canvas's ImageData) -> one grey byte per pixel, by luma (ITU-R BT.601), as a photo turns grey. */
export function greyFromRgba(rgba: Uint8ClampedArray): Uint8Array {
  const grey = new Uint8Array(rgba.length / 4);
  for (let i = 0; i < grey.length; i++)
    grey[i] = Math.round(0.299 * rgba[4 * i]! + 0.587 * rgba[4 * i + 1]! + 0.114 * rgba[4 * i + 2]!);
  return grey;
}

/** One grey byte per pixel -> opaque RGBA with R = G = B, for an ImageData. */
export function rgbaFromGrey(grey: Uint8Array): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray(grey.length * 4);
  grey.forEach((v, i) => rgba.set([v, v, v, 255], 4 * i));
  return rgba;
}
