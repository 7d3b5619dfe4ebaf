import { beforeEach, describe, expect, it } from 'vitest';
import { createEditorStore, type EditorStore, type Face, type PhotoState } from './editorStore';
import { createStepThroughActions, curvePoints, type StepEngine, type StepThroughActions } from './stepThrough';

const face: Face = {
  id: 7,
  latent: new Float32Array(3),
  attributes: new Float32Array(1),
  source: { kind: 'photo', name: 'p.jpg' },
};

/** The open photo as photoActions leaves it after each engine event; only what the trace reads differs. */
function photo(change: Partial<PhotoState>): PhotoState {
  return {
    phase: 'refining',
    name: 'p.jpg',
    url: 'blob:p',
    file: new Blob(),
    width: 640,
    height: 480,
    faces: [],
    chosen: 0,
    alignError: 1,
    crop: null,
    step: 0,
    maxSteps: 100,
    firstPsnr: 18,
    psnr: 18,
    loss: 0.2,
    reason: null,
    message: null,
    job: 1,
    face,
    ...change,
  };
}

class RecordingStepEngine implements StepEngine {
  calls: string[] = [];
  pausePhoto = () => void this.calls.push('pause');
  resumePhoto = () => void this.calls.push('resume');
  stepPhoto = () => void this.calls.push('step');
}

let store: EditorStore;
let engine: RecordingStepEngine;
let steps: StepThroughActions;
let stop: () => void;
const show = (change: Partial<PhotoState>) => store.setState({ photo: photo(change) });
const trace = () => store.getState().stepThrough.trace;

beforeEach(() => {
  store = createEditorStore();
  engine = new RecordingStepEngine();
  steps = createStepThroughActions(store, engine);
  stop = steps.follow();
});

describe('the trace', () => {
  it('records each reported step once, with its loss and PSNR', () => {
    show({ phase: 'detecting', face: null, psnr: null, loss: null });
    expect(trace()).toEqual([]);
    show({ step: 0, psnr: 18, loss: 0.2 });
    show({ step: 0, psnr: 18, loss: 0.2 }); // the same report again (another field changed)
    show({ step: 10, psnr: 21.5, loss: 0.09 });
    expect(trace()).toEqual([
      { step: 0, loss: 0.2, psnr: 18 },
      { step: 10, loss: 0.09, psnr: 21.5 },
    ]);
    expect(store.getState().stepThrough.job).toBe(1);
  });

  it('starts over for a new job or a restart, and clears when the photo closes', () => {
    show({ step: 0 });
    show({ step: 10, psnr: 20 });
    show({ job: 2, step: 0, psnr: 17 });
    expect(trace()).toEqual([{ step: 0, loss: 0.2, psnr: 17 }]);
    show({ job: 2, step: 10, psnr: 19 });
    show({ job: 2, step: 0, psnr: 16 }); // same job aligned again (a manual crop)
    expect(trace()).toEqual([{ step: 0, loss: 0.2, psnr: 16 }]);
    store.setState({ photo: null });
    expect(store.getState().stepThrough).toMatchObject({ job: 0, trace: [], paused: false });
  });

  it('stops following when asked', () => {
    stop();
    show({ step: 0 });
    expect(trace()).toEqual([]);
  });
});

describe('pause, step, resume', () => {
  it('pauses a refining photo once, steps only while paused, and resumes', () => {
    show({ step: 10 });
    steps.step();
    expect(engine.calls).toEqual([]); // not paused: Step does nothing
    steps.pause();
    steps.pause();
    expect(store.getState().stepThrough.paused).toBe(true);
    steps.step();
    steps.step();
    steps.resume();
    steps.resume();
    expect(engine.calls).toEqual(['pause', 'step', 'step', 'resume']);
    expect(store.getState().stepThrough.paused).toBe(false);
  });

  it('does not pause a photo that is done, and forgets a pause when the refinement ends', () => {
    show({ phase: 'done', step: 40 });
    steps.pause();
    expect(engine.calls).toEqual([]);
    show({ job: 3, step: 10 });
    steps.pause();
    show({ job: 3, step: 11, psnr: 25 });
    expect(store.getState().stepThrough.paused).toBe(true);
    show({ job: 3, step: 11, psnr: 25, phase: 'done', reason: 'cancelled' });
    expect(store.getState().stepThrough.paused).toBe(false);
    steps.resume();
    expect(engine.calls).toEqual(['pause']);
  });
});

describe('start paused', () => {
  it('pauses each new photo at its first point, once, and not when turned off', () => {
    steps.setStartPaused(true);
    show({ phase: 'detecting', face: null, psnr: null });
    expect(engine.calls).toEqual([]);
    show({ step: 0 });
    show({ step: 0, psnr: 18, maxSteps: 99 });
    expect(engine.calls).toEqual(['pause']);
    steps.resume();
    show({ step: 10, psnr: 20 });
    expect(engine.calls).toEqual(['pause', 'resume']);
    show({ job: 2, step: 0 });
    expect(engine.calls).toEqual(['pause', 'resume', 'pause']);
    show({ job: 2, step: 0, psnr: 15 }); // aligned again (a manual crop) while held at its first point
    expect(engine.calls).toEqual(['pause', 'resume', 'pause']); // still paused: nothing to ask
    steps.resume();
    show({ job: 2, step: 0, psnr: 14 });
    expect(engine.calls.at(-1)).toBe('pause');
    expect(store.getState().stepThrough.startPaused).toBe(true);
    steps.setStartPaused(false);
    show({ job: 3, step: 0 });
    expect(engine.calls).toHaveLength(5);
  });
});

describe('curvePoints', () => {
  it('draws loss by step, highest loss at the top, lowest at the bottom', () => {
    const points = curvePoints(
      [
        { step: 0, loss: 0.4, psnr: 15 },
        { step: 10, loss: 0.1, psnr: 25 },
        { step: 20, loss: 0.2, psnr: 20 },
      ],
      100,
      50,
    );
    expect(points).toBe('0,0 50,50 100,33.3');
  });

  it('falls back to PSNR when a step has no loss, and needs two points', () => {
    expect(curvePoints([{ step: 0, loss: null, psnr: 15 }], 100, 50)).toBe('');
    expect(
      curvePoints(
        [
          { step: 0, loss: null, psnr: 15 },
          { step: 5, loss: 0.1, psnr: 25 },
        ],
        10,
        10,
      ),
    ).toBe('0,10 10,0');
  });
});
