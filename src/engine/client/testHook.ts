import type { CameraFace, JudgeInput, Judged } from '../protocol';
import type { LiveFigures } from '../../camera/liveStats';
import type { Box } from '../../photo/pasteBack';

/** The live camera as a test sees it (null: no editor on screen). */
export interface CameraTestFacts {
  /** Camera tracks still live: 0 once the camera is off. */
  liveTracks: number;
  face: CameraFace | null;
  /** The session's figures (flicker only while measuring). */
  figures(): LiveFigures;
  /** Measures every frame's pixels (flicker, difference()) from now, or stops: it costs the page time per frame. */
  measureFrames(on: boolean): void;
  /** Starts the figures over from the next frame. */
  resetFigures(): void;
  /** The face of the last measured frame, the one difference() reads (null until one is measured). */
  measuredFace: CameraFace | null;
  /** Per box, how the last edited frame differs from its camera frame (null until a measured frame). */
  difference(boxes: Box[]): { mean: number; max: number }[] | null;
}

/** What the app exposes on `window.__latentLab` for end-to-end tests: engine-side facts the DOM cannot show. */
export interface LatentLabTestHook {
  /** tf.memory().numTensors in the engine, measured between frames. */
  memory(): Promise<number>;
  /** Resolves once every requested frame has been drawn. */
  idle(): Promise<void>;
  /** The discriminator's verdicts, straight from the engine (EngineClient.judge). */
  judge(input: JudgeInput): Promise<Judged>;
  camera(): CameraTestFacts | null;
}

declare global {
  interface Window {
    __latentLab?: LatentLabTestHook;
  }
}
