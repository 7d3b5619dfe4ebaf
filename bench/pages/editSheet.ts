// The edit sheet (bench/drivers/editSheet.mjs, drawn in bench/pages/photos.html): one row per photo, the same square
// of the photo cut from each picture (the photo as it is, then each edit), one column per edit under a header of
// labels. Canvas drawing only.

/** A photo's row: its cells side by side, and the words at its left. */
export interface SheetRow {
  label: string;
  cells: ImageBitmap;
}

/** Gap between cells, the header's height and the width of the rows' labels, in sheet pixels. */
const GAP = 3;
const HEADER = 26;
const LABEL = 72;

/** `pictures` side by side: `square` ([x, y, side] in photo pixels) of each, drawn at `side` px, GAP apart. */
export function sheetRow(pictures: CanvasImageSource[], square: [number, number, number], side: number): ImageBitmap {
  const canvas = new OffscreenCanvas(pictures.length * (side + GAP) - GAP, side);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingQuality = 'high';
  const [x, y, s] = square;
  pictures.forEach((p, i) => ctx.drawImage(p, x, y, s, s, i * (side + GAP), 0, side, side));
  return canvas.transferToImageBitmap();
}

/** `rows` one under another, each labelled at its left, under a header naming the columns (`side` px wide each). */
export function sheetCanvas(rows: SheetRow[], columns: string[], side: number): OffscreenCanvas {
  const width = LABEL + columns.length * (side + GAP) - GAP;
  const canvas = new OffscreenCanvas(width, HEADER + rows.length * (side + GAP));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#202020';
  ctx.font = '600 14px "DejaVu Sans", sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  columns.forEach((c, i) => ctx.fillText(c, LABEL + i * (side + GAP) + side / 2, HEADER / 2));
  ctx.font = '12px "DejaVu Sans", sans-serif';
  rows.forEach(({ label, cells }, i) => {
    const top = HEADER + i * (side + GAP);
    ctx.drawImage(cells, LABEL, top);
    ctx.fillText(label, LABEL / 2, top + side / 2);
  });
  return canvas;
}
