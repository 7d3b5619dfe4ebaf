// Test pictures for garment framing: a Fashion-MNIST image (28 x 28 grey, light garment on black) drawn the way a
// shop photographs clothes, a dark garment on a larger white picture, scaled up and off-centre. Pure: bytes in and out.
import type { RgbaPixels } from '../garmentFrame';

export interface ProductPhotoOptions {
  width: number;
  height: number;
  /** Where the garment's 28 px square goes, and how many picture pixels one image pixel spans. */
  x: number;
  y: number;
  scale: number;
  /** The garment's colour at full strength (the image's 255); white background. */
  colour: [number, number, number];
}

export const PRODUCT_PHOTO: ProductPhotoOptions = {
  width: 300,
  height: 400,
  x: 40,
  y: 150,
  scale: 8,
  colour: [20, 30, 70],
};

/** `image` (28 x 28 bytes) as a product photo: each pixel blends white towards `colour` by its value, upscaled bilinearly. */
export function productPhoto(image: Uint8Array, o: ProductPhotoOptions = PRODUCT_PHOTO): RgbaPixels {
  const data = new Uint8ClampedArray(o.width * o.height * 4).fill(255);
  const at = (x: number, y: number) => (image[Math.min(27, y) * 28 + Math.min(27, x)] as number) / 255;
  for (let y = 0; y < 28 * o.scale; y++) {
    for (let x = 0; x < 28 * o.scale; x++) {
      const [px, py] = [o.x + x, o.y + y];
      if (px >= o.width || py >= o.height) continue;
      const sx = Math.max(0, (x + 0.5) / o.scale - 0.5);
      const sy = Math.max(0, (y + 0.5) / o.scale - 0.5);
      const [x0, y0] = [Math.floor(sx), Math.floor(sy)];
      const [fx, fy] = [sx - x0, sy - y0];
      const v =
        at(x0, y0) * (1 - fx) * (1 - fy) +
        at(x0 + 1, y0) * fx * (1 - fy) +
        at(x0, y0 + 1) * (1 - fx) * fy +
        at(x0 + 1, y0 + 1) * fx * fy;
      const i = 4 * (py * o.width + px);
      for (let c = 0; c < 3; c++) data[i + c] = 255 - v * (255 - o.colour[c]!);
    }
  }
  return { data, width: o.width, height: o.height };
}
