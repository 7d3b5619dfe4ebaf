// Where detection looks: the whole photo at once, overlapping tiles at finer scales (a face too small for the first
// look), a crop around a face found small; and how what was found in a tile's pixels maps back to the photo's.
// Pure geometry, no tensors.
import type { Landmarks } from '../../photo/align';
import type { Box } from '../../photo/pasteBack';

/** A part of the photo (`box`, photo pixels) read at `width` x `height` pixels for the detector. */
export interface Tile {
  box: Box;
  width: number;
  height: number;
}

/** How tiles are laid out; sides and overlaps in the pixels the detector reads, scales in those per photo pixel. */
export interface TileOptions {
  /** A tile's side: SSD MobileNet reads 512 x 512, so a larger tile would only be shrunk again. */
  side: number;
  /** Neighbours share this much, so a face up to this wide lies whole in one tile (larger: a coarser level's). */
  overlap: number;
  /** The finest level's scale: a face 40 px wide becomes 20, about the smallest SSD finds surely. */
  maxScale: number;
  /** At most this many tiles in a level: the finest scale is lowered (a huge photo's smallest faces are missed). */
  maxTiles: number;
  /** Levels, coarse to fine, this factor apart. */
  levelRatio: number;
}

export const DEFAULT_TILES: TileOptions = { side: 512, overlap: 128, maxScale: 0.5, maxTiles: 24, levelRatio: 2 };

/** The whole `width` x `height` photo as one tile, at most `maxSide` on its longer side (never enlarged). */
export function wholePhoto(width: number, height: number, maxSide: number): Tile {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return {
    box: { x: 0, y: 0, width, height },
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/** Spans along one side of the photo (`length` photo pixels) read at `scale`: starts and length in photo pixels. */
function spans(length: number, scale: number, o: TileOptions): { starts: number[]; length: number; read: number } {
  const scaled = length * scale;
  if (scaled <= o.side) return { starts: [0], length, read: Math.max(1, Math.round(scaled)) };
  // Evenly spread, neighbours sharing at least `overlap`.
  const n = Math.ceil((scaled - o.overlap) / (o.side - o.overlap));
  const step = (scaled - o.side) / (n - 1);
  return { starts: Array.from({ length: n }, (_, i) => (i * step) / scale), length: o.side / scale, read: o.side };
}

/** The tiles covering a `width` x `height` photo read at `scale`, row by row. */
export function tilesAt(width: number, height: number, scale: number, o: TileOptions = DEFAULT_TILES): Tile[] {
  const across = spans(width, scale, o);
  const down = spans(height, scale, o);
  return down.starts.flatMap((y) =>
    across.starts.map((x) => ({
      box: { x, y, width: across.length, height: down.length },
      width: across.read,
      height: down.read,
    })),
  );
}

/**
 * The scales of the tile levels for a `width` x `height` photo, coarse to fine: the finest at `maxScale` (lowered to
 * keep within `maxTiles`), then coarser ones `levelRatio` apart while they still see finer than the first look, which
 * gives the detector the whole photo in one `side` square. Empty when the first look was already fine enough.
 */
export function tileScales(width: number, height: number, o: TileOptions = DEFAULT_TILES): number[] {
  const firstLook = o.side / Math.max(width, height);
  let finest = o.maxScale;
  while (tilesAt(width, height, finest, o).length > o.maxTiles) finest *= 0.9;
  const scales: number[] = [];
  // A level within 1.5x of the first look finds little it missed.
  for (let s = finest; s > 1.5 * firstLook; s /= o.levelRatio) scales.unshift(s);
  return scales;
}

/** A point in `tile`'s pixels, in the photo's. */
export function tileToPhoto([x, y]: [number, number], tile: Tile): [number, number] {
  return [tile.box.x + (x * tile.box.width) / tile.width, tile.box.y + (y * tile.box.height) / tile.height];
}

interface Face {
  box: Box;
  landmarks: Landmarks;
}

/** A face found in `tile`'s pixels, in the photo's: box and landmarks. */
export function faceToPhoto<F extends Face>(face: F, tile: Tile): F {
  const at = (p: [number, number]) => tileToPhoto(p, tile);
  const [x, y] = at([face.box.x, face.box.y]);
  const [x1, y1] = at([face.box.x + face.box.width, face.box.y + face.box.height]);
  const l = face.landmarks;
  return {
    ...face,
    box: { x, y, width: x1 - x, height: y1 - y },
    landmarks: {
      leftEye: at(l.leftEye),
      rightEye: at(l.rightEye),
      nose: at(l.nose),
      mouthLeft: at(l.mouthLeft),
      mouthRight: at(l.mouthRight),
    },
  };
}

/** How wide `box` (photo pixels) was in `tile`'s pixels: how much the detector had to see it by. */
export function widthInTile(box: Box, tile: Tile): number {
  return (box.width * tile.width) / tile.box.width;
}

/**
 * A tile around a face found small: `box` grown by `margin` each side (a share of its size), clipped to the photo,
 * read so that the box is about `side` pixels wide, never above the photo's own resolution.
 */
export function cropAround(box: Box, width: number, height: number, side: number, margin: number): Tile {
  const x0 = Math.max(0, Math.floor(box.x - margin * box.width));
  const y0 = Math.max(0, Math.floor(box.y - margin * box.height));
  const x1 = Math.min(width, Math.ceil(box.x + box.width * (1 + margin)));
  const y1 = Math.min(height, Math.ceil(box.y + box.height * (1 + margin)));
  const scale = Math.min(1, side / box.width);
  const crop = { x: x0, y: y0, width: Math.max(1, x1 - x0), height: Math.max(1, y1 - y0) };
  return {
    box: crop,
    width: Math.max(1, Math.round(crop.width * scale)),
    height: Math.max(1, Math.round(crop.height * scale)),
  };
}
