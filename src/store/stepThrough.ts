// Inversion step-through: the loss and PSNR of each refinement step the engine reports for the open photo, and the
// controls that pause, step and resume the refinement, so a class can watch gradient descent one step at a time.
import type { EditorStore, PhotoState } from './editorStore';

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
    paused: boolean;
    /** Pause each new photo at the encoder's first guess, before any refinement step shows. */
    startPaused: boolean;
  };
}
type Trace = StepThroughSlice['stepThrough'];
export const stepThroughSlice = (): StepThroughSlice => ({
  stepThrough: { job: 0, trace: [], paused: false, startPaused: false },
});

/** The engine client's photo controls the step-through needs; unit tests pass a recording fake. */
export interface StepEngine {
  pausePhoto(): void;
  resumePhoto(): void;
  stepPhoto(): void;
}

/** The trace after `photo` changed: a new job starts a new trace, a new step is appended, anything else keeps it. */
export function nextTrace(current: Trace, photo: PhotoState | null): Trace {
  const fresh = (job: number): Trace => ({ ...current, job, trace: [], paused: false });
  if (!photo) return current.job === 0 ? current : fresh(0);
  const running = photo.phase === 'detecting' || photo.phase === 'refining';
  const base = photo.job === current.job ? current : fresh(photo.job);
  const paused = base.paused && running;
  if (!photo.face || photo.psnr === null) return paused === base.paused ? base : { ...base, paused };
  const last = base.trace.at(-1);
  if (last && last.step === photo.step && last.psnr === photo.psnr) {
    return paused === base.paused ? base : { ...base, paused };
  }
  // A step at or before the last one is a restart of the same job (another face, a manual crop).
  const kept = last && photo.step > last.step ? base.trace : [];
  return { ...base, paused, trace: [...kept, { step: photo.step, loss: photo.loss, psnr: photo.psnr }] };
}

export type StepThroughActions = ReturnType<typeof createStepThroughActions>;

/** Follows the open photo's steps into the trace until the returned `stop` is called. */
export function createStepThroughActions(store: EditorStore, engine: StepEngine) {
  const { getState, setState } = store;
  const refining = () => getState().photo?.phase === 'refining';
  const patch = (change: Partial<Trace>) => setState({ stepThrough: { ...getState().stepThrough, ...change } });

  function pause(): void {
    if (!refining() || getState().stepThrough.paused) return;
    engine.pausePhoto();
    patch({ paused: true });
  }

  function follow(): () => void {
    const update = () => {
      const { stepThrough, photo } = getState();
      const next = nextTrace(stepThrough, photo);
      if (next === stepThrough) return;
      setState({ stepThrough: next });
      // The encoder's guess is the job's first point: hold there when asked to.
      if (next.startPaused && next.trace.length === 1 && next.trace[0] !== stepThrough.trace[0]) pause();
    };
    update();
    return store.subscribe((state, previous) => {
      if (state.photo !== previous.photo) update();
    });
  }

  return {
    follow,
    /** Holds the refinement after the step it is on; the face and the trace stay as they are. */
    pause,
    /** Whether each new photo waits at the encoder's guess for Step or Resume. */
    setStartPaused(startPaused: boolean): void {
      patch({ startPaused });
    },
    /** One more refinement step while paused. */
    step(): void {
      if (refining() && getState().stepThrough.paused) engine.stepPhoto();
    },
    resume(): void {
      if (!getState().stepThrough.paused) return;
      patch({ paused: false });
      if (refining()) engine.resumePhoto();
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
