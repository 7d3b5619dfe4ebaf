// The live camera's figures, as a bench and a test read them: frames per second, the delay from a camera frame to its
// edited frame on screen, and flicker (the mean change from one frame to the next inside the face region, in the
// camera's own video and in the edited one). Pure math on numbers and pixel bytes.
import type { Box } from '../photo/pasteBack';

export interface LiveFigures {
  frames: number;
  /** Edited frames shown per second, over the frames seen. */
  fps: number;
  latencyP50: number;
  latencyP95: number;
  /** Mean absolute change per channel (0-255) between consecutive frames inside the face region: camera, edited. */
  flickerCamera: number;
  flickerEdited: number;
  /** Mean milliseconds per engine stage (liveMirror.ts's names). */
  stages: Record<string, number>;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * How two RGBA frames of the same size differ inside `box`: the mean absolute difference per colour channel, and the
 * largest of any channel.
 */
export function regionChange(
  a: Uint8ClampedArray,
  b: Uint8ClampedArray,
  width: number,
  box: Box,
): { mean: number; max: number } {
  let sum = 0;
  let max = 0;
  let n = 0;
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(width, Math.ceil(box.x + box.width));
  const y1 = Math.min(a.length / 4 / width, Math.ceil(box.y + box.height));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) {
        const d = Math.abs(a[i + c]! - b[i + c]!);
        sum += d;
        max = Math.max(max, d);
      }
      n += 3;
    }
  }
  return { mean: n ? sum / n : 0, max };
}

/** Collects one camera session's figures, frame by frame. */
export class LiveStats {
  private latencies: number[] = [];
  private shownAt: number[] = [];
  private camera: number[] = [];
  private edited: number[] = [];
  private stageSums: Record<string, number> = {};
  private stageCount = 0;

  /** A frame shown at `shownAt` (ms) that the camera captured at `capturedAt`, with the engine's stage times. */
  shown(capturedAt: number, shownAt: number, stages: Record<string, number>): void {
    this.latencies.push(shownAt - capturedAt);
    this.shownAt.push(shownAt);
    for (const [k, v] of Object.entries(stages)) this.stageSums[k] = (this.stageSums[k] ?? 0) + v;
    this.stageCount++;
  }

  /** Flicker of one pair of consecutive frames (regionChange of the camera's and of the edited frames). */
  flicker(camera: number, edited: number): void {
    this.camera.push(camera);
    this.edited.push(edited);
  }

  figures(): LiveFigures {
    const n = this.shownAt.length;
    const span = n > 1 ? (this.shownAt[n - 1]! - this.shownAt[0]!) / 1000 : 0;
    const mean = (v: number[]) => (v.length ? v.reduce((s, x) => s + x, 0) / v.length : 0);
    const stages = Object.fromEntries(
      Object.entries(this.stageSums).map(([k, v]) => [k, v / Math.max(1, this.stageCount)]),
    );
    return {
      frames: n,
      fps: span > 0 ? (n - 1) / span : 0,
      latencyP50: percentile(this.latencies, 50),
      latencyP95: percentile(this.latencies, 95),
      flickerCamera: mean(this.camera),
      flickerEdited: mean(this.edited),
      stages,
    };
  }
}
