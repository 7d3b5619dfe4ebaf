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
  // Float64: the same values as the layer's float32s, read without a conversion per use.
  const side = size + 2;
  const padded = new Float64Array(side * side * 4);
  for (let j = 0; j < size; j++) padded.set(layer.subarray(j * size * 4, (j + 1) * size * 4), ((j + 1) * side + 1) * 4);
  const row = side * 4;
  for (let o = 3; o < out.length; o += 4) out[o] = 255;
  for (let y = 0; y < height; y++) {
    // A row's own terms once per row: p0 x + p1 y + p2 is evaluated as (p0 x + p1 y) + p2 still, so every pixel
    // gets the same doubles as before.
    const qx = p1 * y;
    const qy = p4 * y;
    const rowStart = y * width * 4;
    let cell = -1;
    // The cell's corners (top left, top right, bottom left, bottom right) of the mask and of R, G, B.
    // prettier-ignore
    let m00 = 0, m10 = 0, m01 = 0, m11 = 0, r00 = 0, r10 = 0, r01 = 0, r11 = 0;
    // prettier-ignore
    let g00 = 0, g10 = 0, g01 = 0, g11 = 0, b00 = 0, b10 = 0, b01 = 0, b11 = 0;
    let empty = true;
    for (let x = 0; x < width; x++) {
      const inX = p0 * x + qx + p2;
      const inY = p3 * x + qy + p5;
      const x0 = Math.floor(inX);
      const y0 = Math.floor(inY);
      if (x0 < -1 || y0 < -1 || x0 >= size || y0 >= size) continue; // all four neighbours outside: 0
      const i = ((y0 + 1) * side + x0 + 1) * 4; // top left neighbour, in the padded layer
      // Neighbouring pixels read the same cell (the crop is ~10x smaller than the patch): its 16 values are read once.
      if (i !== cell) {
        cell = i;
        const j = i + row;
        m00 = padded[i + 3]!;
        m10 = padded[i + 7]!;
        m01 = padded[j + 3]!;
        m11 = padded[j + 7]!;
        empty = m00 + m10 + m01 + m11 === 0; // the mask is 0 here (it is never negative)
        r00 = padded[i]!;
        r10 = padded[i + 4]!;
        r01 = padded[j]!;
        r11 = padded[j + 4]!;
        g00 = padded[i + 1]!;
        g10 = padded[i + 5]!;
        g01 = padded[j + 1]!;
        g11 = padded[j + 5]!;
        b00 = padded[i + 2]!;
        b10 = padded[i + 6]!;
        b01 = padded[j + 2]!;
        b11 = padded[j + 6]!;
      }
      if (empty) continue;
      const fx = inX - x0;
      const fy = inY - y0;
      const gx = 1 - fx;
      const gy = 1 - fy;
      const mask = gy * (gx * m00 + fx * m10) + fy * (gx * m01 + fx * m11);
      if (mask === 0) continue;
      const o = rowStart + x * 4;
      out[o] = data[o]! + (gy * (gx * r00 + fx * r10) + fy * (gx * r01 + fx * r11)) * mask;
      out[o + 1] = data[o + 1]! + (gy * (gx * g00 + fx * g10) + fy * (gx * g01 + fx * g11)) * mask;
      out[o + 2] = data[o + 2]! + (gy * (gx * b00 + fx * b10) + fy * (gx * b01 + fx * b11)) * mask;
    }
  }
  return out;
}
