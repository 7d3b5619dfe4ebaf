import type { EngineStatus } from '../engine/engineClient';
import type { BackendChoice, FrameInput } from '../engine/protocol';
import { clampAttributes, defaultAttributes } from '../latent/attributes';
import { FaceJsonError, parseFace, serializeFace } from '../latent/faceJson';
import { randomLatent, randomSeed } from '../latent/random';
import {
  HISTORY_LIMIT,
  RECENT_LIMIT,
  type EditorState,
  type EditorStore,
  type Face,
  type Snapshot,
} from './editorStore';
import { sameSnapshot, selectAttributeValues, selectBase, selectFrameInput, selectModel, snapshot } from './selectors';

/** The part of the engine client the store drives; the unit tests pass a recording fake. */
export interface EditorEngine {
  load(modelUrl: string, backend: BackendChoice): void;
  render(input: FrameInput): void;
  onStatus(listener: (status: EngineStatus) => void): () => void;
}

export interface ActionOptions {
  modelUrl: string;
  backend: BackendChoice;
  /** Seed of the first face; random by default. */
  firstSeed?: () => number;
}

export type EditorActions = ReturnType<typeof createActions>;

export function createActions(store: EditorStore, engine: EditorEngine, options: ActionOptions) {
  const { getState, setState } = store;
  let nextFaceId = 1;

  engine.onStatus((status) => {
    switch (status.kind) {
      case 'loading':
        setState({ status: { kind: 'loading', phase: status.phase, progress: status.progress } });
        return;
      case 'error':
        setState({
          status: { kind: 'error', code: status.code, message: status.message },
          interpolation: { ...getState().interpolation, playing: false },
        });
        return;
      case 'ready': {
        const { face } = getState();
        const fits =
          face !== null &&
          face.latent.length === status.model.latent.size &&
          face.attributes.length === status.model.attributes.length;
        setState({
          status: { kind: 'ready', backend: status.backend, model: status.model, candidates: status.candidates },
        });
        // A fresh status object re-renders the kept face after a retry (the engine dropped what was pending).
        if (!fits) newRandomFace((options.firstSeed ?? randomSeed)(), { record: false });
        return;
      }
    }
  });

  // Every change that affects the picture goes to the engine; the client keeps only the latest.
  let lastKey: unknown[] | null = null;
  function renderIfChanged(state: EditorState): void {
    const { face, offsets, interpolation, comparing, status } = state;
    const key = [face, offsets, interpolation.a, interpolation.b, interpolation.t, comparing, status];
    if (lastKey && key.every((v, i) => v === lastKey![i])) return;
    lastKey = key;
    const input = selectFrameInput(state);
    if (input && status.kind === 'ready') engine.render(input);
  }
  store.subscribe(renderIfChanged);

  /** Applies a change as one undo step, unless a drag is open (then the drag becomes the step on endGesture). */
  function commit(change: Partial<EditorState>): void {
    const state = getState();
    if (state.gesture) {
      setState(change);
      return;
    }
    const before = snapshot(state);
    setState(change);
    if (!sameSnapshot(before, snapshot(getState()))) {
      setState({ past: [...state.past, before].slice(-HISTORY_LIMIT), future: [] });
    }
  }

  function restore(s: Snapshot): Partial<EditorState> {
    return { face: s.face, offsets: s.offsets, interpolation: { ...s.interpolation, playing: false } };
  }

  function addFace(face: Face, record: boolean): void {
    const { recent } = getState();
    const change: Partial<EditorState> = {
      face,
      offsets: new Float32Array(face.attributes.length),
      interpolation: { ...getState().interpolation, a: null, b: null, playing: false },
      recent: [face, ...recent].slice(0, RECENT_LIMIT),
    };
    if (record) commit(change);
    else setState(change);
  }

  /** A new face drawn from `seed` with the manifest's default attributes; the same seed always gives the same face. */
  function newRandomFace(seed: number, { record = true } = {}): void {
    const model = selectModel(getState());
    if (!model) return;
    const face: Face = {
      id: nextFaceId++,
      latent: randomLatent(seed, model.latent),
      attributes: defaultAttributes(model.attributes),
      source: { kind: 'random', seed },
    };
    addFace(face, record);
  }

  return {
    /** Starts loading the model; the status slice follows the engine's progress. */
    start(): void {
      engine.load(options.modelUrl, options.backend);
    },
    /** Loads again after a failure, keeping the current face if it still fits the model. */
    retry(): void {
      engine.load(options.modelUrl, options.backend);
    },
    newRandomFace: (seed: number) => newRandomFace(seed),

    /** Makes a face from the recent strip current again, without edits. */
    pickFace(id: number): void {
      const face = getState().recent.find((f) => f.id === id);
      if (!face) return;
      commit({
        face,
        offsets: new Float32Array(face.attributes.length),
        interpolation: { ...getState().interpolation, a: null, b: null, playing: false },
      });
    },

    /** Sets what slider `index` shows to `value` (clamped to its range), stored as an offset from the face. */
    setAttribute(index: number, value: number): void {
      const state = getState();
      const model = selectModel(state);
      const base = selectBase(state);
      const spec = model?.attributes[index];
      if (!model || !base || !spec) return;
      const clamped = Math.min(spec.max, Math.max(spec.min, value));
      const offsets = state.offsets.slice();
      offsets[index] = clamped - base.attributes[index]!;
      // Range inputs report one key press as both 'input' and 'change': an unchanged value must not cost a frame.
      if (offsets[index] === state.offsets[index]) return;
      commit({ offsets });
    },
    resetAttribute(index: number): void {
      const offsets = getState().offsets.slice();
      if (index < 0 || index >= offsets.length || offsets[index] === 0) return;
      offsets[index] = 0;
      commit({ offsets });
    },
    resetAll(): void {
      if (getState().offsets.every((o) => o === 0)) return;
      commit({ offsets: new Float32Array(getState().offsets.length) });
    },

    /** Opens a drag: everything until endGesture() is one undo step. */
    beginGesture(): void {
      if (!getState().gesture) setState({ gesture: snapshot(getState()) });
    },
    endGesture(): void {
      const { gesture, past } = getState();
      if (!gesture) return;
      const changed = !sameSnapshot(gesture, snapshot(getState()));
      setState(
        changed ? { gesture: null, past: [...past, gesture].slice(-HISTORY_LIMIT), future: [] } : { gesture: null },
      );
    },
    undo(): void {
      const state = getState();
      const previous = state.past.at(-1);
      if (!previous || state.gesture) return;
      setState({ ...restore(previous), past: state.past.slice(0, -1), future: [snapshot(state), ...state.future] });
    },
    redo(): void {
      const state = getState();
      const next = state.future[0];
      if (!next || state.gesture) return;
      setState({
        ...restore(next),
        past: [...state.past, snapshot(state)].slice(-HISTORY_LIMIT),
        future: state.future.slice(1),
      });
    },

    /** Chooses face `id` from the recent strip as end A or B (null clears it). Both set = interpolating. */
    setEndpoint(end: 'a' | 'b', id: number | null): void {
      const face = id === null ? null : (getState().recent.find((f) => f.id === id) ?? null);
      const interpolation = { ...getState().interpolation, [end]: face };
      if (!interpolation.a || !interpolation.b) interpolation.playing = false;
      commit({ interpolation });
    },
    /** Moves t; playback passes record=false so an animation does not flood the undo history. */
    setT(t: number, { record = true } = {}): void {
      const clamped = Math.min(1, Math.max(0, t));
      if (clamped === getState().interpolation.t) return;
      const interpolation = { ...getState().interpolation, t: clamped };
      if (record) commit({ interpolation });
      else setState({ interpolation });
    },
    setPlaying(playing: boolean): void {
      const { interpolation } = getState();
      setState({
        interpolation: { ...interpolation, playing: playing && interpolation.a !== null && interpolation.b !== null },
      });
    },

    setComparing(comparing: boolean): void {
      if (getState().comparing !== comparing) setState({ comparing });
    },

    /** The face on screen as JSON: model id, latent and edited attribute values. */
    faceJson(): string | null {
      const state = getState();
      const model = selectModel(state);
      const base = selectBase(state);
      const values = selectAttributeValues(state);
      if (!model || !base || !values) return null;
      return serializeFace(
        { modelId: model.id, latentSize: model.latent.size, attributeNames: model.attributes.map((a) => a.name) },
        base.latent,
        values,
      );
    },
    /** Makes a pasted face current; on bad input leaves everything as is and explains in the notice. */
    pasteFace(text: string): boolean {
      const model = selectModel(getState());
      if (!model) return false;
      try {
        const shape = {
          modelId: model.id,
          latentSize: model.latent.size,
          attributeNames: model.attributes.map((a) => a.name),
        };
        const parsed = parseFace(text, shape);
        const face: Face = {
          id: nextFaceId++,
          latent: parsed.latent,
          attributes: clampAttributes(parsed.attributes, model.attributes),
          source: { kind: 'pasted' },
        };
        addFace(face, true);
        setState({ notice: { kind: 'info', text: 'Pasted face loaded.' } });
        return true;
      } catch (e) {
        const text = e instanceof FaceJsonError ? e.message : `Could not read that face: ${(e as Error).message}`;
        setState({ notice: { kind: 'error', text } });
        return false;
      }
    },
    /** Makes `face` current (a new one joins the recent strip); record=false keeps it out of undo history. */
    showFace(face: Omit<Face, 'id'>, { record = true } = {}): Face {
      const full: Face = { ...face, id: nextFaceId++ };
      addFace(full, record);
      return full;
    },
    /** Swaps a face for an improved version of itself (same id), wherever it is shown, without a history step. */
    replaceFace(face: Face): void {
      const { face: current, recent, past, future } = getState();
      const swap = (f: Face | null) => (f?.id === face.id ? face : f);
      setState({
        face: swap(current),
        recent: recent.map((f) => (f.id === face.id ? face : f)),
        // Undo must come back to the refined face, not to a stale step of it.
        past: past.map((s) => ({ ...s, face: swap(s.face) })),
        future: future.map((s) => ({ ...s, face: swap(s.face) })),
      });
    },
    notify(notice: EditorState['notice']): void {
      setState({ notice });
    },
  };
}
