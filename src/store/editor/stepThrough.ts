// Inversion step-through: the loss and PSNR of each refinement step the engine reports for the open photo, and the
// controls that pause, step and resume the refinement, so a class can watch gradient descent one step at a time.
import type { EditorStore, PhotoState } from './editorStore';
import type { PhotoStepping } from './engineSync';

export interface TracePoint {
  step: number;
  /** The refinement's own objective at this step; null when the engine did not report one. */
  loss: number | null;
  /** Reconstruction PSNR (dB) against the aligned crop. */
  psnr: number;
}

export interface StepThroughSlice {
  stepThrough: {
    /** The photo job the trace belongs to (0: none). */
    job: number;
    trace: TracePoint[];
    /** Mirrors the engine's pause, which outlasts a photo: a photo opened while paused waits after its step 0. */
    paused: boolean;
    /** Pause each new photo as it starts, so it waits at the encoder's first guess. */
    startPaused: boolean;
  };
}
type Trace = StepThroughSlice['stepThrough'];
export const stepThroughSlice = (): StepThroughSlice => ({
  stepThrough: { job: 0, trace: [], paused: false, startPaused: false },
});

/** The trace after `photo` changed: a new job starts a new trace, a new step is appended, anything else keeps it. */
export function nextTrace(current: Trace, photo: PhotoState | null): Trace {
  const job = photo?.job ?? 0;
  const base = job === current.job ? current : { ...current, job, trace: [] };
  if (!photo?.face || photo.psnr === null) return base;
  const last = base.trace.at(-1);
  if (last && last.step === photo.step && last.psnr === photo.psnr) return base;
  // A step at or before the last one is a restart of the same job.
  const kept = last && photo.step > last.step ? base.trace : [];
  return { ...base, trace: [...kept, { step: photo.step, loss: photo.loss, psnr: photo.psnr }] };
}

export type StepThroughActions = ReturnType<typeof createStepThroughActions>;

/** Pause / Step / Resume for the open photo's refinement, and `follow`, which keeps the trace up to date. */
export function createStepThroughActions(store: EditorStore, engine: PhotoStepping) {
  const { getState, setState } = store;
  const phase = () => getState().photo?.phase;
  const refining = () => phase() === 'refining';
  const running = () => refining() || phase() === 'detecting';
  const patch = (change: Partial<Trace>) => setState({ stepThrough: { ...getState().stepThrough, ...change } });

  /** The engine's pause, which a job running now or the next one to start obeys. */
  function hold(): void {
    if (getState().stepThrough.paused) return;
    engine.pausePhoto();
    patch({ paused: true });
  }
  /**
   * With "start paused" on, the pause is set while no refinement runs, so that it reaches the engine before the next
   * photo does (a pause sent just after a photo can land after its first steps, which run without a break); a job
   * that starts unpaused anyway is paused as soon as it is seen.
   */
  function holdNext(): void {
    const { startPaused, paused } = getState().stepThrough;
    if (startPaused && !paused && !refining()) hold();
  }

  /** Follows the open photo's steps into the trace until the returned function is called. */
  function follow(): () => void {
    const update = () => {
      const { stepThrough, photo } = getState();
      const next = nextTrace(stepThrough, photo);
      if (next !== stepThrough) setState({ stepThrough: next });
      holdNext();
    };
    update();
    return store.subscribe((state, previous) => {
      if (state.photo !== previous.photo) update();
    });
  }

  return {
    follow,
    /**
     * Holds the running refinement before its next step; the face and the trace stay as they are. Like the engine's,
     * the pause outlasts the photo: a photo opened while paused stops at the encoder's guess, until Step or Resume.
     */
    pause(): void {
      if (running()) hold();
    },
    /** Whether each new photo waits at the encoder's guess for Step or Resume. */
    setStartPaused(startPaused: boolean): void {
      patch({ startPaused });
      holdNext();
    },
    /** One more refinement step while paused. */
    step(): void {
      if (refining() && getState().stepThrough.paused) engine.stepPhoto();
    },
    resume(): void {
      if (!getState().stepThrough.paused) return;
      patch({ paused: false });
      engine.resumePhoto();
    },
  };
}

/**
 * The loss (or, without one, the PSNR) of each traced step as points of an SVG polyline in a `width` x `height` box:
 * x by step, y scaled between the lowest and highest value (higher values drawn higher). Empty below two points.
 */
export function curvePoints(trace: readonly TracePoint[], width: number, height: number): string {
  const useLoss = trace.length > 0 && trace.every((p) => p.loss !== null && Number.isFinite(p.loss));
  const values = trace.map((p) => (useLoss ? p.loss! : p.psnr));
  if (values.length < 2) return '';
  const first = trace[0]!.step;
  const span = Math.max(1, trace.at(-1)!.step - first);
  const lo = Math.min(...values);
  const range = Math.max(...values) - lo || 1;
  return trace
    .map((p, i) => {
      const x = ((p.step - first) / span) * width;
      const y = height - ((values[i]! - lo) / range) * height;
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}

const round = (v: number) => Math.round(v * 10) / 10;
