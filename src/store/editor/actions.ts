import type { BackendChoice } from '../../engine/protocol';
import { clampAttributes, defaultAttributes } from '../../latent/attributes';
import { FaceJsonError, parseFace, serializeFace } from '../../latent/faceJson';
import { sampleAttributePrior } from '../../latent/prior';
import { randomLatent, randomSeed } from '../../latent/random';
import { RECENT_LIMIT, type EditorState, type EditorStore, type Face } from './editorStore';
import { syncEngine, type EditorEngine } from './engineSync';
import * as history from './history';
import { selectAttributeValues, selectBase, selectModel } from './selectors';

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

  // The first face (and one after a model change) is where history starts, not a step in it.
  const stopSync = syncEngine(store, engine, () => {
    const face = randomFace((options.firstSeed ?? randomSeed)());
    if (face) setState(addFace(face));
  });

  /** Applies a change as one undo step, unless a drag is open (then the drag becomes the step on endGesture). */
  function commit(change: Partial<EditorState>): void {
    const state = getState();
    setState(change);
    const next = history.commit(state, history.snapshot(state), history.snapshot(getState()));
    if (next !== state) setState(next);
  }

  /** Runs a history move that needs no state change besides the history itself. */
  function moveHistory(move: (h: history.History, now: history.Snapshot) => history.History): void {
    const state = getState();
    const next = move(state, history.snapshot(state));
    if (next !== state) setState(next);
  }

  /** `face` on screen without edits, outside any interpolation. */
  function show(face: Face): Partial<EditorState> {
    const interpolation = { ...getState().interpolation, a: null, b: null, playing: false };
    return { face, offsets: new Float32Array(face.attributes.length), customOffsets: {}, interpolation };
  }
  /** Shows a new face and puts it first in the recent strip. */
  function addFace(face: Face): Partial<EditorState> {
    return { ...show(face), recent: [face, ...getState().recent].slice(0, RECENT_LIMIT) };
  }

  /** The face `seed` gives with the model now loaded; null before a model is ready. */
  function randomFace(seed: number): Face | null {
    const model = selectModel(getState());
    if (!model) return null;
    return {
      id: nextFaceId++,
      latent: randomLatent(seed, model.latent),
      // A real row of the training labels when the model declares them; else the manifest's defaults.
      attributes:
        (model.attributePrior && sampleAttributePrior(seed, model.attributePrior)) ??
        defaultAttributes(model.attributes),
      source: { kind: 'random', seed },
    };
  }

  /** Moving t to `t` (clamped to [0, 1]) as a change; null when t would not move. */
  function moveT(t: number): Pick<EditorState, 'interpolation'> | null {
    const clamped = Math.min(1, Math.max(0, t));
    const { interpolation } = getState();
    return clamped === interpolation.t ? null : { interpolation: { ...interpolation, t: clamped } };
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
    /** A new face drawn from `seed`, attributes included (from the model's prior); the same seed gives the same face. */
    newRandomFace(seed: number): void {
      const face = randomFace(seed);
      if (face) commit(addFace(face));
    },

    /** Makes a face from the recent strip current again, without edits. */
    pickFace(id: number): void {
      const face = getState().recent.find((f) => f.id === id);
      if (face) commit(show(face));
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
    /** Sets every slider at once (clamped to its range), as one undo step: a class choice or a class mix. */
    setAttributes(values: Float32Array): void {
      const state = getState();
      const model = selectModel(state);
      const base = selectBase(state);
      if (!model || !base || values.length !== model.attributes.length) return;
      const offsets = Float32Array.from(model.attributes, (spec, i) => {
        const v = Math.min(spec.max, Math.max(spec.min, values[i]!));
        return v - base.attributes[i]!;
      });
      if (offsets.every((o, i) => o === state.offsets[i])) return;
      commit({ offsets });
    },
    /** Draws the face with training snapshot `index`'s generator (null: the final one); not an undo step. */
    setSnapshot(index: number | null): void {
      if (getState().snapshot !== index) setState({ snapshot: index });
    },
    /** Stops following the engine (before this editor is replaced by one for another model). */
    dispose(): void {
      stopSync();
    },
    /** Every slider back to the face's own value, custom sliders included: one undo step. */
    resetAll(): void {
      const { offsets, customOffsets } = getState();
      if (offsets.every((o) => o === 0) && Object.keys(customOffsets).length === 0) return;
      commit({ offsets: new Float32Array(offsets.length), customOffsets: {} });
    },

    /** Opens a drag: everything until endGesture() is one undo step. */
    beginGesture: () => moveHistory(history.beginGesture),
    endGesture: () => moveHistory(history.endGesture),
    undo(): void {
      const step = history.undo(getState(), history.snapshot(getState()));
      if (step) setState({ ...history.restore(step.restore), ...step.history });
    },
    redo(): void {
      const step = history.redo(getState(), history.snapshot(getState()));
      if (step) setState({ ...history.restore(step.restore), ...step.history });
    },

    /** Chooses face `id` from the recent strip as end A or B (null clears it). Both set = interpolating. */
    setEndpoint(end: 'a' | 'b', id: number | null): void {
      const face = id === null ? null : (getState().recent.find((f) => f.id === id) ?? null);
      const interpolation = { ...getState().interpolation, [end]: face };
      if (!interpolation.a || !interpolation.b) interpolation.playing = false;
      commit({ interpolation });
    },
    /** Moves t (clamped to [0, 1]) as one undo step. */
    setT(t: number): void {
      const change = moveT(t);
      if (change) commit(change);
    },
    /** Moves t for playback, outside the undo history, so an animation does not flood it. */
    playTo(t: number): void {
      const change = moveT(t);
      if (change) setState(change);
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
        commit(addFace(face));
        setState({ notice: { kind: 'info', text: 'Pasted face loaded.' } });
        return true;
      } catch (e) {
        const text = e instanceof FaceJsonError ? e.message : `Could not read that face: ${(e as Error).message}`;
        setState({ notice: { kind: 'error', text } });
        return false;
      }
    },
    /** Makes a new face current as one undo step; it joins the recent strip. */
    showFace(face: Omit<Face, 'id'>): Face {
      const full: Face = { ...face, id: nextFaceId++ };
      commit(addFace(full));
      return full;
    },
    /** Swaps a face for an improved version of itself (same id), wherever it is shown, without a history step. */
    replaceFace(face: Face): void {
      const state = getState();
      setState({
        face: state.face?.id === face.id ? face : state.face,
        recent: state.recent.map((f) => (f.id === face.id ? face : f)),
        ...history.replaceFace(state, face),
      });
    },
    notify(notice: EditorState['notice']): void {
      setState({ notice });
    },
  };
}
