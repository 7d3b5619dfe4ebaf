// A random walk on the main canvas: it drives the face on screen live, outside the undo history, and stopping leaves
// the face it reached as one undo step (back to where the walk began).
import { LatentWalk, WALK_KEYS_PER_SECOND } from '../../latent/walk';
import type { EditorActions } from './actions';
import type { EditorStore, Face } from './editorStore';
import { restore } from './history';
import { selectAttributeValues, selectBase, selectModel } from './selectors';

/** Stands for the walk's passing faces; real faces get ids from 1 up, so these are never mistaken for one. */
const PASSING_ID = -1;

export type WalkStop = 'stopped' | 'interrupted';

export interface WalkController {
  /** Starts walking from the face on screen (edits included); false when there is no face yet or a walk is on. */
  start(seed: number): boolean;
  /** Shows where the walk is `seconds` after its start. Stops (as 'interrupted') if something else changed the face. */
  moveTo(seconds: number): void;
  /** Ends the walk: the face reached joins the recent strip and the whole walk is one undo step. */
  stop(): void;
  readonly walking: boolean;
}

/** `onEnd` is called once per walk when it ends, and why. */
export function createWalkController(
  store: EditorStore,
  actions: EditorActions,
  onEnd: (why: WalkStop) => void = () => {},
): WalkController {
  const { getState, setState } = store;
  let walk: { path: LatentWalk; shown: Face; moved: boolean } | null = null;

  function end(why: WalkStop): void {
    if (!walk) return;
    const { shown, path, moved } = walk;
    walk = null;
    const { face, gesture } = getState();
    if (why === 'stopped' && face === shown) {
      // Stopped where it started: back to the face as it was, no step. Else the face reached becomes a real face
      // (inside the open gesture, so no step of its own).
      if (!moved && gesture) setState(restore(gesture));
      else
        actions.showFace({
          latent: shown.latent,
          attributes: shown.attributes,
          source: { kind: 'walk', seed: path.seed },
        });
    }
    actions.endGesture();
    onEnd(why);
  }

  return {
    get walking() {
      return walk !== null;
    },
    start(seed) {
      const state = getState();
      const model = selectModel(state);
      const base = selectBase(state);
      const values = selectAttributeValues(state);
      if (walk || !model || !base || !values) return false;
      // The walk is one gesture: history takes no step until it ends, then one from here.
      actions.beginGesture();
      const shown: Face = { id: PASSING_ID, latent: base.latent, attributes: values, source: { kind: 'walk', seed } };
      walk = { path: new LatentWalk(seed, model.latent, base.latent), shown, moved: false };
      setState({
        face: shown,
        offsets: new Float32Array(values.length),
        interpolation: { ...state.interpolation, a: null, b: null, playing: false },
      });
      return true;
    },
    moveTo(seconds) {
      if (!walk) return;
      const state = getState();
      // Someone picked another face, undid, or a drag closed the gesture: the walk gives way.
      if (state.face !== walk.shown || state.gesture === null) return end('interrupted');
      const shown: Face = { ...walk.shown, latent: walk.path.at(Math.max(0, seconds) * WALK_KEYS_PER_SECOND) };
      walk.shown = shown;
      walk.moved ||= seconds > 0;
      setState({ face: shown });
    },
    stop: () => end('stopped'),
  };
}
