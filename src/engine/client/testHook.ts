import type { JudgeInput, Judged } from '../protocol';

/** What the app exposes on `window.__latentLab` for end-to-end tests: engine-side facts the DOM cannot show. */
export interface LatentLabTestHook {
  /** tf.memory().numTensors in the engine, measured between frames. */
  memory(): Promise<number>;
  /** Resolves once every requested frame has been drawn. */
  idle(): Promise<void>;
  /** The discriminator's verdicts, straight from the engine (EngineClient.judge). */
  judge(input: JudgeInput): Promise<Judged>;
}

declare global {
  interface Window {
    __latentLab?: LatentLabTestHook;
  }
}
