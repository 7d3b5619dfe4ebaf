import type { LatentPoint } from './attributeVector';
import { lerp, slerp } from './interpolate';

/** The largest side a grid may have: 32 x 32 faces is already more than a screen shows. */
export const GRID_MAX_SIDE = 32;

/** A grid's corners: two faces (a single row from the first to the second) or four (top-left, top-right,
 * bottom-left, bottom-right). */
export type GridCorners =
  readonly [LatentPoint, LatentPoint] | readonly [LatentPoint, LatentPoint, LatentPoint, LatentPoint];

/**
 * The faces of a `rows` x `cols` interpolation grid, row by row: across each row the latent moves by slerp (so
 * mid-points keep a face's norm) and the attributes by lerp; down the columns the same between the row's ends. Two
 * corners give one row (`rows` must be 1). Every corner comes back exactly.
 */
export function gridPoints(corners: GridCorners, rows: number, cols: number): LatentPoint[] {
  checkSide('columns', cols, 2);
  if (corners.length === 2) {
    if (rows !== 1) throw new RangeError(`a grid between 2 faces is one row, got ${rows} rows`);
  } else checkSide('rows', rows, 2);
  const [tl, tr] = corners;
  const [bl, br] = corners.length === 4 ? [corners[2], corners[3]] : [tl, tr];
  const out: LatentPoint[] = [];
  for (let r = 0; r < rows; r++) {
    const v = rows === 1 ? 0 : r / (rows - 1);
    for (let c = 0; c < cols; c++) {
      const u = c / (cols - 1);
      out.push({
        latent: slerp(slerp(tl.latent, tr.latent, u), slerp(bl.latent, br.latent, u), v),
        attributes: lerp(lerp(tl.attributes, tr.attributes, u), lerp(bl.attributes, br.attributes, u), v),
      });
    }
  }
  return out;
}

function checkSide(what: string, n: number, min: number): void {
  if (!Number.isInteger(n) || n < min || n > GRID_MAX_SIDE) {
    throw new RangeError(`${what} must be a whole number from ${min} to ${GRID_MAX_SIDE}, got ${n}`);
  }
}
