import { describe, expect, it } from 'vitest';
import type { Box } from '../../photo/pasteBack';
import {
  cropAround,
  DEFAULT_TILES,
  faceToPhoto,
  tilesAt,
  tileScales,
  wholePhoto,
  widthInTile,
  type Tile,
} from './detectionTiles';

const scaleOf = (t: Tile) => t.width / t.box.width;
/** Whether `inner` lies within `outer` (to rounding). */
const within = (outer: Box, inner: Box) =>
  outer.x <= inner.x + 1e-9 &&
  outer.y <= inner.y + 1e-9 &&
  inner.x + inner.width <= outer.x + outer.width + 1e-9 &&
  inner.y + inner.height <= outer.y + outer.height + 1e-9;

describe('wholePhoto', () => {
  it('reads the photo at most maxSide on its longer side, never enlarged', () => {
    expect(wholePhoto(4000, 3000, 1024)).toEqual({
      box: { x: 0, y: 0, width: 4000, height: 3000 },
      width: 1024,
      height: 768,
    });
    expect(wholePhoto(6000, 500, 1024)).toMatchObject({ width: 1024, height: 85 });
    expect(wholePhoto(640, 480, 1024)).toMatchObject({ width: 640, height: 480 });
  });
});

describe('tilesAt', () => {
  it.each([
    [4000, 3000, 0.5],
    [4000, 3000, 0.25],
    [6000, 500, 0.5],
    [3000, 4000, 0.37],
  ])(
    'tiles %i x %i at %f: inside the photo, read at the scale, each face up to the overlap whole in one',
    (w, h, s) => {
      const tiles = tilesAt(w, h, s);
      for (const t of tiles) {
        expect(within({ x: 0, y: 0, width: w, height: h }, t.box)).toBe(true);
        expect(Math.max(t.width, t.height)).toBeLessThanOrEqual(DEFAULT_TILES.side);
        expect(scaleOf(t)).toBeCloseTo(s, 2);
      }
      // A face as wide as the overlap (in tile pixels), anywhere in the photo, lies whole in some tile.
      const face = DEFAULT_TILES.overlap / s;
      const fw = Math.min(face, w);
      const fh = Math.min(face, h);
      for (let x = 0; x + fw <= w; x += fw / 3) {
        for (let y = 0; y + fh <= h; y += fh / 3) {
          expect(
            tiles.some((t) => within(t.box, { x, y, width: fw, height: fh })),
            `face at ${x}, ${y}`,
          ).toBe(true);
        }
      }
    },
  );

  it('reads a photo narrower than a tile as one strip, whole', () => {
    const tiles = tilesAt(6000, 500, 0.5);
    expect(tiles).toHaveLength(8);
    for (const t of tiles) expect(t).toMatchObject({ width: 512, height: 250, box: { y: 0, height: 500 } });
  });
});

describe('tileScales', () => {
  it('a 12 MP photo: a coarse level, then the finest, where a 40 px face becomes 20', () => {
    expect(tileScales(4000, 3000)).toEqual([0.25, 0.5]);
    expect(tilesAt(4000, 3000, 0.25)).toHaveLength(6);
    expect(tilesAt(4000, 3000, 0.5)).toHaveLength(20);
  });

  it('none when the first look already read the photo finely enough', () => {
    expect(tileScales(1024, 768)).toEqual([]);
    expect(tileScales(640, 480)).toEqual([]);
  });

  it('a huge photo keeps within maxTiles a level, at a coarser finest scale', () => {
    const scales = tileScales(8000, 6000);
    const finest = scales.at(-1) as number;
    expect(finest).toBeLessThan(0.5);
    for (const s of scales) expect(tilesAt(8000, 6000, s).length).toBeLessThanOrEqual(DEFAULT_TILES.maxTiles);
  });

  it('levels coarse to fine, each finer than the first look by more than half again', () => {
    const scales = tileScales(6000, 500);
    expect(scales).toEqual([0.25, 0.5]);
    for (const s of scales) expect(s).toBeGreaterThan((1.5 * DEFAULT_TILES.side) / 6000);
  });
});

describe('mapping between a tile and the photo', () => {
  const tile: Tile = { box: { x: 1000, y: 500, width: 1024, height: 1024 }, width: 512, height: 512 };
  const face = {
    box: { x: 100, y: 50, width: 20, height: 24 },
    score: 0.9,
    landmarks: {
      leftEye: [105, 58],
      rightEye: [115, 58],
      nose: [110, 64],
      mouthLeft: [106, 70],
      mouthRight: [114, 70],
    } as Record<string, [number, number]>,
  };

  it('brings a face found in a tile into photo pixels', () => {
    const inPhoto = faceToPhoto(face as never, tile) as typeof face;
    expect(inPhoto.box).toEqual({ x: 1200, y: 600, width: 40, height: 48 });
    expect(inPhoto.landmarks.leftEye).toEqual([1210, 616]);
    expect(inPhoto.score).toBe(0.9);
    expect(widthInTile(inPhoto.box, tile)).toBe(20);
  });

  it('crops around a face, clipped to the photo, read at `side` px per face width but never above full size', () => {
    const crop = cropAround({ x: 20, y: 100, width: 40, height: 40 }, 4000, 3000, 160, 0.5);
    expect(crop.box).toEqual({ x: 0, y: 80, width: 80, height: 80 });
    expect(crop).toMatchObject({ width: 80, height: 80 }); // 160 px wanted, 40 held: full size
    const big = cropAround({ x: 1000, y: 1000, width: 400, height: 400 }, 4000, 3000, 160, 0.5);
    expect(big.box).toEqual({ x: 800, y: 800, width: 800, height: 800 });
    expect(widthInTile({ x: 1000, y: 1000, width: 400, height: 400 }, big)).toBe(160);
  });
});
