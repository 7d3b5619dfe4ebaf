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
  // The layer with a border of zeros, so that every neighbour of a point within a pixel of the crop can be read
  // without a bounds test: a neighbour outside the crop reads 0, as tf.image.transform's constant fill.
  const side = size + 2;
  const padded = new Float32Array(side * side * 4);
  for (let j = 0; j < size; j++) padded.set(layer.subarray(j * size * 4, (j + 1) * size * 4), ((j + 1) * side + 1) * 4);
  const row = side * 4;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      out[o + 3] = 255;
      const inX = p0 * x + p1 * y + p2;
      const inY = p3 * x + p4 * y + p5;
      const x0 = Math.floor(inX);
      const y0 = Math.floor(inY);
      if (x0 < -1 || y0 < -1 || x0 >= size || y0 >= size) continue; // all four neighbours outside: 0
      const i = ((y0 + 1) * side + x0 + 1) * 4; // top left neighbour, in the padded layer
      const m00 = padded[i + 3]!;
      const m10 = padded[i + 7]!;
      const m01 = padded[i + row + 3]!;
      const m11 = padded[i + row + 7]!;
      if (m00 + m10 + m01 + m11 === 0) continue; // the mask is 0 here (it is never negative)
      const fx = inX - x0;
      const fy = inY - y0;
      const gx = 1 - fx;
      const gy = 1 - fy;
      const mask = gy * (gx * m00 + fx * m10) + fy * (gx * m01 + fx * m11);
      if (mask === 0) continue;
      const j = i + row; // bottom left neighbour
      const r = gy * (gx * padded[i]! + fx * padded[i + 4]!) + fy * (gx * padded[j]! + fx * padded[j + 4]!);
      const g = gy * (gx * padded[i + 1]! + fx * padded[i + 5]!) + fy * (gx * padded[j + 1]! + fx * padded[j + 5]!);
      const b = gy * (gx * padded[i + 2]! + fx * padded[i + 6]!) + fy * (gx * padded[j + 2]! + fx * padded[j + 6]!);
      out[o] = data[o]! + r * mask;
      out[o + 1] = data[o + 1]! + g * mask;
      out[o + 2] = data[o + 2]! + b * mask;
    }
  }
  return out;
}
