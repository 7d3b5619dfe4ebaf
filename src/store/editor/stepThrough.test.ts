import { beforeEach, describe, expect, it } from 'vitest';
import { createEditorStore, type EditorStore, type Face, type PhotoState } from './editorStore';
import type { PhotoStepping } from './engineSync';
import { createStepThroughActions, curvePoints, type StepThroughActions } from './stepThrough';

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

class RecordingStepEngine implements PhotoStepping {
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
    show({ job: 2, step: 0, psnr: 16 }); // a restart within the job
    expect(trace()).toEqual([{ step: 0, loss: 0.2, psnr: 16 }]);
    store.setState({ photo: null });
    expect(store.getState().stepThrough).toMatchObject({ job: 0, trace: [] });
  });

  it('stops following when asked', () => {
    stop();
    show({ step: 0 });
    expect(trace()).toEqual([]);
  });
});

describe('pause, step, resume', () => {
  it('pauses a running photo once, steps only while paused and refining, and resumes', () => {
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

  it('keeps the pause across photos, as the engine does, and never pauses a finished photo', () => {
    show({ phase: 'done', step: 40 });
    steps.pause();
    expect(engine.calls).toEqual([]);
    show({ job: 3, step: 10 });
    steps.pause();
    show({ job: 3, step: 11, psnr: 25, phase: 'done', reason: 'converged' });
    steps.step(); // nothing left to step
    show({ job: 4, phase: 'detecting', face: null, psnr: null });
    expect(store.getState().stepThrough.paused).toBe(true); // the new photo will wait at its first guess
    steps.resume();
    expect(engine.calls).toEqual(['pause', 'resume']);
  });
});

describe('start paused', () => {
  it('pauses the engine while no refinement runs, so the next photo waits at its first guess', () => {
    steps.setStartPaused(true);
    expect(engine.calls).toEqual(['pause']); // no photo yet: the pause is in place before one starts
    show({ job: 1, phase: 'detecting', face: null, psnr: null });
    show({ job: 1, step: 0 });
    steps.step();
    show({ job: 1, step: 1, psnr: 19 });
    steps.resume();
    show({ job: 1, step: 10, psnr: 20 });
    expect(engine.calls).toEqual(['pause', 'step', 'resume']); // refining on: no pause mid-run
    show({ job: 1, step: 10, psnr: 20, phase: 'done', reason: 'converged' });
    expect(engine.calls).toEqual(['pause', 'step', 'resume', 'pause']); // held again for the next photo
    show({ job: 2, phase: 'detecting', face: null, psnr: null });
    expect(store.getState().stepThrough).toMatchObject({ job: 2, trace: [], paused: true, startPaused: true });
    steps.setStartPaused(false);
    steps.resume();
    show({ job: 3, phase: 'detecting', face: null, psnr: null });
    expect(engine.calls).toEqual(['pause', 'step', 'resume', 'pause', 'resume']);
  });

  it('pauses a job that started unpaused as soon as it is seen', () => {
    show({ job: 5, step: 10 });
    steps.setStartPaused(true); // refining now: left running
    expect(engine.calls).toEqual([]);
    show({ job: 6, phase: 'detecting', face: null, psnr: null }); // a newer photo replaced it
    expect(engine.calls).toEqual(['pause']);
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
