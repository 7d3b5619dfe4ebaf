// Finding the faces one look at a photo misses. The first look is the whole photo at most 1024 px; only when it finds
// nothing, the same pixels with their exposure normalised (a dark, foggy or backlit photo), then overlapping tiles at
// finer scales, level by level until one finds a face (a small face in a large photo, a panorama). A face found small
// is looked for again in a sharper crop of the photo: to confirm it (tiles), for its landmarks. Everything comes back
// in photo pixels.
import {
  applyCurve,
  DEFAULT_EXPOSURE,
  exposureCurve,
  luminanceHistogram,
  type ExposureOptions,
} from './detectionExposure';
import {
  cropAround,
  DEFAULT_TILES,
  faceToPhoto,
  tilesAt,
  tileScales,
  wholePhoto,
  widthInTile,
  type Tile,
  type TileOptions,
} from './detectionTiles';
import {
  DEFAULT_DETECT,
  keepLikelyFaces,
  mergeFaces,
  type DetectedFace,
  type DetectOptions,
  type FaceDetector,
} from './faceDetector';
import type { Box } from '../../photo/pasteBack';
import type { RgbaImage } from './regionReader';

/** A photo the search reads: any part of it at any size (in the worker, an ImageBitmap drawn on OffscreenCanvas). */
export interface PhotoSource {
  width: number;
  height: number;
  read(box: Box, width: number, height: number): RgbaImage;
}

/**
 * A closer look at a face: a crop of the photo around it, grown by `margin` of its size each side, read so that the
 * face is about `side` px wide (never above the photo's own resolution).
 */
export interface CloserLook {
  side: number;
  margin: number;
}

/** Which looks to take beyond the first; FULL_SEARCH is what alignment uses. */
export interface FaceSearch {
  /** The first look: the whole photo at most this many pixels on its longer side. */
  maxSide: number;
  /** When the first look finds nothing, look again with the exposure normalised (null: never). */
  exposure: ExposureOptions | null;
  /**
   * Then tiles, level by level until one finds a face (null: never), each looked at with `tileDetect`. A face found
   * there is kept only if a closer look finds it again: at that size SSD also sees faces in texture.
   */
  tiles: TileOptions | null;
  tileDetect: DetectOptions;
  closer: CloserLook;
  /** A face narrower than this where it was found gets a closer look, for its landmarks (0: none). */
  refineBelow: number;
  /** Closer looks for the largest faces only, to bound the work in a crowd. */
  maxCloser: number;
}

/** The first look reads the whole photo at most this many pixels on its longer side. */
export const DETECT_MAX_SIDE = 1024;

/**
 * A tile is looked at by SSD alone, at its surer scores: it finds faces half the size the tiny detector needs, and
 * many tiles would add many weak false boxes.
 */
export const TILE_DETECT: DetectOptions = {
  ...DEFAULT_DETECT,
  tinySizes: [],
  ssd: 'always',
  ssdMinScore: 0.5,
  quarterRotations: [],
};

/**
 * The first look only, as detection was before the other looks (the garment check: a clothing picture is refused only
 * for a face one look finds, not for a small one somewhere in it).
 */
export const FIRST_LOOK: FaceSearch = {
  maxSide: DETECT_MAX_SIDE,
  exposure: null,
  tiles: null,
  tileDetect: TILE_DETECT,
  // The landmark net reads 112 px: 160 px across the face is all it can use.
  closer: { side: 160, margin: 0.6 },
  refineBelow: 0,
  maxCloser: 8,
};

/** Every look: what alignment uses. */
export const FULL_SEARCH: FaceSearch = {
  ...FIRST_LOOK,
  exposure: DEFAULT_EXPOSURE,
  tiles: DEFAULT_TILES,
  // Landmarks drift from about 30 px down, and more on a box measured that small: 64 leaves a margin.
  refineBelow: 64,
};

/**
 * How the exposure pass looks: surer scores (stretched noise looks more like a face than the photo did) and no quarter
 * rotations, to bound the work.
 */
function exposed(o: DetectOptions): DetectOptions {
  const sure = 0.5;
  return {
    ...o,
    tinyMinScore: Math.max(o.tinyMinScore, sure),
    ssdMinScore: Math.max(o.ssdMinScore, sure),
    quarterRotations: [],
  };
}

/** A face in photo pixels, with the tile it was seen in and the tone curve it was seen through. */
type Found = DetectedFace & { seenIn: Tile; curve: Uint8Array | null };

/** Every face in `photo`, largest first, in its pixels. */
export async function searchFaces(
  detector: FaceDetector,
  photo: PhotoSource,
  options: DetectOptions = DEFAULT_DETECT,
  search: FaceSearch = FULL_SEARCH,
): Promise<DetectedFace[]> {
  const first = wholePhoto(photo.width, photo.height, search.maxSide);
  const { data } = photo.read(first.box, first.width, first.height);
  let found = await look(detector, first, data, null, options);
  const curve = found.length === 0 && search.exposure ? exposureCurve(luminanceHistogram(data), search.exposure) : null;
  if (curve) found = await look(detector, first, applyCurve(data, curve), curve, exposed(options));
  // Tiles see the photo as it is: a curve stretched for the whole photo clips a small face brighter than most of it.
  if (found.length === 0 && search.tiles) {
    found = await lookInTiles(detector, photo, { ...options, quarterRotations: [] }, search, search.tiles);
  }
  found.sort((a, b) => area(b) - area(a));
  const refined: Found[] = [];
  for (const [i, face] of found.entries()) {
    const closer = i < search.maxCloser && needsCloserLook(face, photo, search);
    refined.push(closer ? ((await lookCloser(detector, photo, face, options, search.closer)) ?? face) : face);
  }
  return refined.sort((a, b) => area(b) - area(a)).map(({ box, score, landmarks }) => ({ box, score, landmarks }));
}

const area = (f: DetectedFace) => f.box.width * f.box.height;

/** Faces in `tile`, read as `pixels` (RGBA) through `curve`, in photo pixels. */
async function look(
  detector: FaceDetector,
  tile: Tile,
  pixels: Uint8ClampedArray,
  curve: Uint8Array | null,
  options: DetectOptions,
): Promise<Found[]> {
  const faces = await detector.detect(pixels, tile.width, tile.height, 4, options);
  return faces.map((f) => ({ ...faceToPhoto(f, tile), seenIn: tile, curve }));
}

/**
 * The faces of the first tile level that finds any, coarse to fine, each as a closer look found it again (`options`:
 * how that look looks; tiles find only upright faces).
 */
async function lookInTiles(
  detector: FaceDetector,
  photo: PhotoSource,
  options: DetectOptions,
  search: FaceSearch,
  tiles: TileOptions,
): Promise<Found[]> {
  for (const scale of tileScales(photo.width, photo.height, tiles)) {
    const found: Found[] = [];
    for (const tile of tilesAt(photo.width, photo.height, scale, tiles)) {
      const { data } = photo.read(tile.box, tile.width, tile.height);
      const faces = await look(detector, tile, data, null, search.tileDetect);
      // A face filling much of a tile would have been found by a coarser look: this is noise or texture.
      found.push(...faces.filter((f) => widthInTile(f.box, tile) <= tiles.side / 2));
    }
    // A face in the overlap of two tiles is found twice.
    const faces = keepLikelyFaces(mergeFaces(found), search.tileDetect).sort((a, b) => area(b) - area(a));
    const confirmed: Found[] = [];
    for (const [i, face] of faces.entries()) {
      const again = i < search.maxCloser ? await lookCloser(detector, photo, face, options, search.closer) : face;
      if (again) confirmed.push(again);
    }
    if (confirmed.length > 0) return confirmed;
  }
  return [];
}

/** Whether `face` was seen small, and the photo holds it sharper: worth a closer look for its landmarks. */
function needsCloserLook(face: Found, photo: PhotoSource, search: FaceSearch): boolean {
  if (widthInTile(face.box, face.seenIn) >= search.refineBelow) return false;
  const crop = cropAround(face.box, photo.width, photo.height, search.closer.side, search.closer.margin);
  return widthInTile(face.box, crop) >= 1.25 * widthInTile(face.box, face.seenIn);
}

/**
 * `face` looked for again in a crop of the photo around it, read sharper: box and landmarks as found there (score as
 * first found), or null when that look finds no face there.
 */
async function lookCloser(
  detector: FaceDetector,
  photo: PhotoSource,
  face: Found,
  options: DetectOptions,
  o: CloserLook,
): Promise<Found | null> {
  const crop = cropAround(face.box, photo.width, photo.height, o.side, o.margin);
  const { data } = photo.read(crop.box, crop.width, crop.height);
  const found = await look(detector, crop, face.curve ? applyCurve(data, face.curve) : data, face.curve, options);
  const near = nearest(found, face.box);
  return near ? { ...near, score: face.score } : null;
}

/** The face among `found` whose centre is nearest `box`'s, if it lies within the box. */
function nearest<F extends DetectedFace>(found: F[], box: Box): F | undefined {
  const centre = (b: Box) => [b.x + b.width / 2, b.y + b.height / 2] as const;
  const [cx, cy] = centre(box);
  const off = (f: F) => {
    const [x, y] = centre(f.box);
    return {
      d: Math.hypot(x - cx, y - cy),
      inside: Math.abs(x - cx) < box.width / 2 && Math.abs(y - cy) < box.height / 2,
    };
  };
  return found.filter((f) => off(f).inside).sort((a, b) => off(a).d - off(b).d)[0];
}
