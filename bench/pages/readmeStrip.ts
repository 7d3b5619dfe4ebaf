// The README's contact strip (bench/drivers/readmeImage.mjs, drawn in bench/pages/photos.html): the same square of a photo cut
// from each picture (the photo as it is, then the photo edited), side by side at one size, each labelled in a band
// below. Canvas drawing only.
import type { Box } from '../../src/photo/pasteBack';

/** One panel of the strip: a picture at the photo's size and the words under it. */
export interface Panel {
  image: CanvasImageSource;
  label: string;
}

/** Height of the label band under each panel, and the gap between panels, in strip pixels. */
const BAND = 30;
const GAP = 4;

/** The square of side max(box's width, height) centred on `box`, moved (shrunk if need be) to lie in the photo. */
export function squareAround(box: Box, width: number, height: number): [number, number, number] {
  const side = Math.min(Math.max(box.width, box.height), width, height);
  const clamp = (v: number, hi: number) => Math.round(Math.min(Math.max(v, 0), hi));
  return [
    clamp(box.x + box.width / 2 - side / 2, width - side),
    clamp(box.y + box.height / 2 - side / 2, height - side),
    Math.round(side),
  ];
}

/** `panels` side by side: `square` ([x, y, side] in photo pixels) of each, drawn at `side` px, its label below. */
export function contactStrip(panels: Panel[], square: [number, number, number], side: number): OffscreenCanvas {
  const canvas = new OffscreenCanvas(panels.length * side + (panels.length - 1) * GAP, side + BAND);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingQuality = 'high';
  ctx.font = '600 17px "DejaVu Sans", sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const [x, y, s] = square;
  panels.forEach(({ image, label }, i) => {
    const left = i * (side + GAP);
    ctx.drawImage(image, x, y, s, s, left, 0, side, side);
    ctx.fillStyle = '#202020';
    ctx.fillRect(left, side, side, BAND);
    ctx.fillStyle = '#ffffff';
    ctx.fillText(label, left + side / 2, side + BAND / 2 + 1);
  });
  return canvas;
}
