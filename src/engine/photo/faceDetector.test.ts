import * as faceapi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECT, keepLikelyFaces, mergeDetections, mergeFaces, type DetectedFace } from './faceDetector';

const W = 1000;
const H = 800;
/** A detection of the box (x, y, w, h) in photo pixels. */
const det = (score: number, x: number, y: number, w: number, h: number) =>
  new faceapi.FaceDetection(score, new faceapi.Rect(x / W, y / H, w / W, h / H), { width: W, height: H });

describe('mergeDetections', () => {
  it('keeps one box per face when two sizes find the same face, the better-scoring one', () => {
    const merged = mergeDetections([det(0.6, 100, 100, 300, 300), det(0.9, 120, 90, 280, 320)]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.score).toBe(0.9);
  });

  it('merges a face cropped at one size into the whole face found at another', () => {
    // The smaller box lies wholly inside the larger, though their IoU is low.
    const merged = mergeDetections([det(0.8, 100, 100, 400, 400), det(0.5, 150, 150, 150, 150)]);
    expect(merged.map((d) => d.score)).toEqual([0.8]);
  });

  it('keeps faces that are side by side', () => {
    const merged = mergeDetections([
      det(0.7, 50, 100, 200, 200),
      det(0.8, 300, 120, 180, 180),
      det(0.5, 600, 90, 90, 90),
    ]);
    expect(merged.map((d) => d.score).sort()).toEqual([0.5, 0.7, 0.8]);
  });
});

describe('mergeFaces', () => {
  const face = (score: number, x: number, y: number, side: number): DetectedFace => ({
    box: { x, y, width: side, height: side },
    score,
    landmarks: { leftEye: [x, y], rightEye: [x, y], nose: [x, y], mouthLeft: [x, y], mouthRight: [x, y] },
  });

  it('keeps one of a face found in two overlapping tiles, the better-scoring, and faces side by side', () => {
    const merged = mergeFaces([face(0.7, 1000, 500, 40), face(0.9, 1004, 498, 38), face(0.6, 1100, 500, 40)]);
    expect(merged.map((f) => f.score)).toEqual([0.9, 0.6]);
  });

  it('keeps beside the best face only those sure enough to be faces too', () => {
    const found = [face(0.6, 0, 0, 10), face(0.5, 50, 0, 10), face(0.56, 100, 0, 10)];
    expect(keepLikelyFaces(found, DEFAULT_DETECT).map((f) => f.score)).toEqual([0.6, 0.56]);
    expect(keepLikelyFaces([], DEFAULT_DETECT)).toEqual([]);
  });
});
