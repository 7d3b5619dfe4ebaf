// The edit blended into a patch of the photo in one pass over its pixels: out = patch + mask * diff, the edit layer
// (crop pixels) read through the inverse alignment with bilinear interpolation. Plain loops over bytes, not tensors:
// the patch is the largest thing here (up to the whole face region at the photo's full resolution), and one pass that
// writes RGBA bytes costs a fraction of a dozen float tensor ops over it and their readback.

/** RGBA bytes of an image (ImageData's shape). */
export interface RgbaPixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/**
 * `patch` (RGBA) with the edit added where the mask allows: `layer` is size x size x 4 crop pixels, [diff R, G, B in
 * byte units, mask in [0, 1]], read at each patch pixel through `params` (patchToCrop's projective form: x_in = p0 x +
 * p1 y + p2, y_in = p3 x + p4 y + p5) with bilinear interpolation and 0 outside the crop, as tf.image.transform
 * ('bilinear', 'constant', 0) reads it. Rounded half to even and clipped to bytes (a Uint8ClampedArray's own
 * conversion), opaque. Where the mask reads 0 the patch's own bytes come back exactly. Returns new bytes.
 */
export function blendEdit(patch: RgbaPixels, layer: Float32Array, size: number, params: readonly number[]) {
  const { width, height, data } = patch;
  if (layer.length !== size * size * 4) throw new Error(`blendEdit: layer has ${layer.length} values, not ${size}²·4`);
  const [p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0] = params;
  const out = new Uint8ClampedArray(data);
  const at = (inside: boolean, i: number) => (inside ? layer[i]! : 0);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      out[o + 3] = 255;
      const inX = p0 * x + p1 * y + p2;
      const inY = p3 * x + p4 * y + p5;
      const x0 = Math.floor(inX);
      const y0 = Math.floor(inY);
      if (x0 < -1 || y0 < -1 || x0 >= size || y0 >= size) continue; // all four neighbours outside: 0
      const fx = inX - x0;
      const fy = inY - y0;
      // Neighbours outside the crop read 0; an index is only used when its neighbour is inside.
      const top = y0 >= 0;
      const bottom = y0 + 1 < size;
      const left = x0 >= 0;
      const right = x0 + 1 < size;
      const i00 = (y0 * size + x0) * 4;
      const i01 = i00 + size * 4;
      const tl = top && left;
      const tr = top && right;
      const bl = bottom && left;
      const br = bottom && right;
      const mask =
        (1 - fy) * ((1 - fx) * at(tl, i00 + 3) + fx * at(tr, i00 + 7)) +
        fy * ((1 - fx) * at(bl, i01 + 3) + fx * at(br, i01 + 7));
      if (mask === 0) continue;
      for (let c = 0; c < 3; c++) {
        const d =
          (1 - fy) * ((1 - fx) * at(tl, i00 + c) + fx * at(tr, i00 + 4 + c)) +
          fy * ((1 - fx) * at(bl, i01 + c) + fx * at(br, i01 + 4 + c));
        out[o + c] = data[o + c]! + d * mask;
      }
    }
  }
  return out;
}
