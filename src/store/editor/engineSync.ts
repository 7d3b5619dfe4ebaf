import type { BatchOptions, BatchResult, EngineStatus } from '../../engine/client/engineClient';
import type { BackendChoice, FrameInput } from '../../engine/protocol';
import type { EditorState, EditorStore } from './editorStore';
import { selectFrameInput, selectPhotoView } from './selectors';

/** The part of the engine client the store drives; the unit tests pass a recording fake. */
export interface EditorEngine {
  load(modelUrl: string, backend: BackendChoice): void;
  /** photo: paste the edit onto the open photo too. */
  render(input: FrameInput, photo?: boolean): void;
  onStatus(listener: (status: EngineStatus) => void): () => void;
  /** Many faces at once, in chunks that let live frames through (EngineClient.batch); the caller owns the bitmaps. */
  batch(inputs: readonly FrameInput[], options: BatchOptions): Promise<BatchResult>;
}

/**
 * The step-through of photo inversion (EngineClient has it): hold the refinement before its next step (its tensors
 * kept), run one step (one 'photo-step', with its loss), let it run on. Apart from EditorEngine, so that fakes of the
 * editor need not grow it.
 */
export interface PhotoStepping {
  pausePhoto(): void;
  stepPhoto(): void;
  resumePhoto(): void;
}

/**
 * Keeps the store and the engine in step: the engine's status goes into the store as is, and every change that
 * affects the picture goes to the engine (the client keeps only the latest). `needFace` is called when a ready model
 * finds no face that fits it. Returns a function that stops both.
 */
export function syncEngine(store: EditorStore, engine: EditorEngine, needFace: () => void): () => void {
  const { getState, setState } = store;

  const stopStatus = engine.onStatus((status) => {
    switch (status.kind) {
      case 'loading':
        setState({ status });
        return;
      case 'error':
        setState({ status, interpolation: { ...getState().interpolation, playing: false } });
        return;
      case 'ready': {
        const { face } = getState();
        const fits =
          face !== null &&
          face.latent.length === status.model.latent.size &&
          face.attributes.length === status.model.attributes.length;
        // Each ready is a fresh status object, so the kept face is drawn again after a retry (the engine dropped
        // what was pending).
        setState({ status });
        if (!fits) needFace();
        return;
      }
    }
  });

  let lastKey: unknown[] | null = null;
  function renderIfChanged(state: EditorState): void {
    const { face, offsets, interpolation, comparing, status } = state;
    const photo = selectPhotoView(state);
    const key: unknown[] = [face, offsets, interpolation.a, interpolation.b, interpolation.t, comparing, status, photo];
    key.push(state.customOffsets, state.customAttributes, state.snapshot);
    if (lastKey && key.every((v, i) => v === lastKey![i])) return;
    lastKey = key;
    const input = selectFrameInput(state);
    if (input && status.kind === 'ready') engine.render(input, photo);
  }
  const stopRender = store.subscribe(renderIfChanged);

  return () => {
    stopStatus();
    stopRender();
  };
}
