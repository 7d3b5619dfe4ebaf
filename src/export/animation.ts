// What an exported animation shows, frame by frame: the same maths as the live views, sampled at the frame count.
import type { LatentPoint } from '../latent/attributeVector';
import { gridPoints, type GridCorners } from '../latent/grid';
import { lerp, slerp } from '../latent/interpolate';
import type { LatentDistribution } from '../latent/random';
import { attributeStrip } from '../latent/strip';
import { LatentWalk, WALK_KEYS_PER_SECOND } from '../latent/walk';

/** Frames per second of every export: GIF delays are whole centiseconds, and 20 fps is 5 of them. */
export const EXPORT_FPS = 20;
export const MIN_FRAMES = 2;
export const MAX_FRAMES = 300;

export type Animation =
  | { kind: 'interpolation'; a: LatentPoint; b: LatentPoint }
  | { kind: 'walk'; start: LatentPoint; seed: number; latent: LatentDistribution }
  | { kind: 'sweep'; face: LatentPoint; attribute: number; from: number; to: number }
  /** The grid's faces in reading order, one per frame: its frame count is rows x cols, whatever is asked. */
  | { kind: 'grid'; corners: GridCorners; rows: number; cols: number };

/** The inputs of each frame; throws a RangeError that explains a frame count it cannot make. */
export function animationFrames(animation: Animation, frames: number): LatentPoint[] {
  if (animation.kind === 'grid') return gridPoints(animation.corners, animation.rows, animation.cols);
  if (!Number.isInteger(frames) || frames < MIN_FRAMES || frames > MAX_FRAMES) {
    throw new RangeError(`an animation has ${MIN_FRAMES} to ${MAX_FRAMES} frames, got ${frames}`);
  }
  switch (animation.kind) {
    case 'interpolation': {
      const { a, b } = animation;
      return Array.from({ length: frames }, (_, i) => {
        const t = i / (frames - 1);
        return { latent: slerp(a.latent, b.latent, t), attributes: lerp(a.attributes, b.attributes, t) };
      });
    }
    case 'walk': {
      const { start, seed, latent } = animation;
      // At the live walk's pace, so the file plays like the walk on screen.
      const span = ((frames - 1) / EXPORT_FPS) * WALK_KEYS_PER_SECOND;
      const path = new LatentWalk(seed, latent, start.latent).path(frames, span);
      return path.map((z) => ({ latent: z, attributes: start.attributes.slice() }));
    }
    case 'sweep': {
      const { face, attribute, from, to } = animation;
      return attributeStrip(face, attribute, frames, from, to);
    }
  }
}
