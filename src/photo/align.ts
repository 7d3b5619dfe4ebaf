// Alignment geometry: the similarity transform (scale, rotation, translation; no reflection) that carries detected
// landmarks onto the positions where the same landmarks sit in the model's training crops. Pure math.

export type Point = [number, number];

export const LANDMARK_KEYS = ['leftEye', 'rightEye', 'nose', 'mouthLeft', 'mouthRight'] as const;

/** Five landmarks as [x, y]: in photo pixels from the detector, in fractions of the crop side in a manifest. */
export type Landmarks = Record<(typeof LANDMARK_KEYS)[number], Point>;

/** x' = a x - b y + tx ; y' = b x + a y + ty */
export interface Similarity {
  a: number;
  b: number;
  tx: number;
  ty: number;
}

/** Least-squares similarity mapping `from` onto `to` (Umeyama without reflection). */
export function fitSimilarity(from: Point[], to: Point[]): Similarity {
  if (from.length !== to.length || from.length < 2) throw new Error('fitSimilarity needs two or more point pairs');
  const n = from.length;
  const mf = [0, 0];
  const mt = [0, 0];
  for (let i = 0; i < n; i++) {
    mf[0]! += from[i]![0] / n;
    mf[1]! += from[i]![1] / n;
    mt[0]! += to[i]![0] / n;
    mt[1]! += to[i]![1] / n;
  }
  let sxx = 0;
  let sxy = 0;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const fx = from[i]![0] - mf[0]!;
    const fy = from[i]![1] - mf[1]!;
    const tx = to[i]![0] - mt[0]!;
    const ty = to[i]![1] - mt[1]!;
    sxx += fx * tx + fy * ty;
    sxy += fx * ty - fy * tx;
    norm += fx * fx + fy * fy;
  }
  if (norm === 0) throw new Error('fitSimilarity: the source points coincide');
  const a = sxx / norm;
  const b = sxy / norm;
  return { a, b, tx: mt[0]! - (a * mf[0]! - b * mf[1]!), ty: mt[1]! - (b * mf[0]! + a * mf[1]!) };
}

export function apply(t: Similarity, p: Point): Point {
  return [t.a * p[0] - t.b * p[1] + t.tx, t.b * p[0] + t.a * p[1] + t.ty];
}

export function landmarkPoints(l: Landmarks): Point[] {
  return LANDMARK_KEYS.map((k) => l[k]);
}

/**
 * The transform from photo pixels to crop pixels (a `size` x `size` output), given the landmarks found in the photo
 * and the target landmarks in normalised crop coordinates ([0, 1], x right, y down).
 */
export function alignmentTransform(found: Landmarks, target: Landmarks, size: number): Similarity {
  const to = landmarkPoints(target).map(([x, y]) => [x * size, y * size] as Point);
  return fitSimilarity(landmarkPoints(found), to);
}

/** Mean distance (in output pixels) between the aligned landmarks and their targets: how well a crop matches. */
export function alignmentError(found: Landmarks, target: Landmarks, size: number): number {
  const t = alignmentTransform(found, target, size);
  const pts = landmarkPoints(found);
  const tg = landmarkPoints(target);
  return (
    pts.reduce((s, p, i) => {
      const q = apply(t, p);
      return s + Math.hypot(q[0] - tg[i]![0] * size, q[1] - tg[i]![1] * size);
    }, 0) / pts.length
  );
}
