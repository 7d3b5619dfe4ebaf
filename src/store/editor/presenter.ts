// Presenter mode: a large face and big controls for a class, driven from the keyboard. The keys map to commands here
// (pure), and the commands run on the editor's own actions, so every shortcut does exactly what its button does.
import { randomSeed } from '../../latent/random';
import type { EditorActions } from './actions';
import type { EditorState, EditorStore } from './editorStore';
import { isInterpolating, selectAttributeValues, selectModel } from './selectors';

export interface PresenterSlice {
  presenter: {
    on: boolean;
    /** The attribute that + and - nudge: chosen with the digit keys, or by focusing its slider. */
    attribute: number;
  };
}
export const presenterSlice = (): PresenterSlice => ({ presenter: { on: false, attribute: 0 } });

export type PresenterCommand =
  | { kind: 'toggle' }
  | { kind: 'leave' }
  | { kind: 'new-face' }
  | { kind: 'recent'; step: 1 | -1 }
  | { kind: 'play' }
  | { kind: 'select-attribute'; index: number }
  | { kind: 'nudge'; direction: 1 | -1 };

/** A key press as the page sees it, with where focus was. */
export interface KeyPress {
  key: string;
  ctrl: boolean;
  meta: boolean;
  alt: boolean;
  /** Focus is in a text field: every key belongs to it. */
  typing: boolean;
  /** Focus is on a control that Space presses (a button, a slider, a link). */
  onControl: boolean;
  /** Focus is in an open dialog (the shortcut list): its keys are its own. */
  inDialog: boolean;
}

/** How far one + or - moves an attribute: a twentieth of its range. */
export const NUDGE_FRACTION = 1 / 20;

/**
 * The command a key press asks for, or null. P toggles presenter mode anywhere but in a text field; the other
 * single-key shortcuts work only while presenting, so that outside it no letter key does anything unexpected
 * (and turning presenter mode off turns them off, as WCAG's character-key rule asks).
 */
export function presenterCommand(press: KeyPress, presenting: boolean): PresenterCommand | null {
  if (press.typing || press.inDialog || press.ctrl || press.meta || press.alt) return null;
  const key = press.key;
  if (key === 'p' || key === 'P') return { kind: 'toggle' };
  if (!presenting) return null;
  switch (key) {
    case 'Escape':
      return { kind: 'leave' };
    case 'n':
    case 'N':
      return { kind: 'new-face' };
    case ']':
      return { kind: 'recent', step: 1 };
    case '[':
      return { kind: 'recent', step: -1 };
    case 'k':
    case 'K':
      return { kind: 'play' };
    case ' ':
      return press.onControl ? null : { kind: 'play' };
    case '+':
    case '=':
      return { kind: 'nudge', direction: 1 };
    case '-':
    case '_':
      return { kind: 'nudge', direction: -1 };
  }
  if (/^[1-9]$/.test(key)) return { kind: 'select-attribute', index: Number(key) - 1 };
  return null;
}

/**
 * The face `step` places along the recent strip from the current one (wrapping at the ends); the first face when the
 * current one is not in the strip. Null when the strip is empty.
 */
export function recentNeighbour(state: Pick<EditorState, 'recent' | 'face'>, step: 1 | -1): number | null {
  const { recent, face } = state;
  if (recent.length === 0) return null;
  const at = recent.findIndex((f) => f.id === face?.id);
  if (at < 0) return recent[0]!.id;
  return recent[(at + step + recent.length) % recent.length]!.id;
}

export type PresenterActions = ReturnType<typeof createPresenterActions>;

export function createPresenterActions(store: EditorStore, actions: EditorActions, seed: () => number = randomSeed) {
  const { getState, setState } = store;
  const patch = (change: Partial<PresenterSlice['presenter']>) =>
    setState({ presenter: { ...getState().presenter, ...change } });

  function selectAttribute(index: number): void {
    const count = selectModel(getState())?.attributes.length ?? 0;
    if (index >= 0 && index < count && index !== getState().presenter.attribute) patch({ attribute: index });
  }

  /** Play or pause; with no faces A and B chosen, interpolates from the previous recent face to the current one. */
  function play(): void {
    const state = getState();
    if (isInterpolating(state)) {
      actions.setPlaying(!state.interpolation.playing);
      return;
    }
    const [latest, previous] = state.recent;
    if (!latest || !previous) {
      actions.notify({ kind: 'info', text: 'Make a second face first (N): playing goes from one face to another.' });
      return;
    }
    const current = state.face && state.recent.some((f) => f.id === state.face!.id) ? state.face : latest;
    const other = current.id === latest.id ? previous : latest;
    actions.setEndpoint('a', other.id);
    actions.setEndpoint('b', current.id);
    actions.setPlaying(true);
  }

  function nudge(direction: 1 | -1): void {
    const state = getState();
    const index = state.presenter.attribute;
    const spec = selectModel(state)?.attributes[index];
    const value = selectAttributeValues(state)?.[index];
    if (!spec || value === undefined) return;
    actions.setAttribute(index, value + direction * NUDGE_FRACTION * (spec.max - spec.min));
  }

  return {
    setPresenting(on: boolean): void {
      if (getState().presenter.on !== on) patch({ on });
    },
    selectAttribute,
    /** Runs a shortcut's command with the editor's own actions. */
    run(command: PresenterCommand): void {
      switch (command.kind) {
        case 'toggle':
          patch({ on: !getState().presenter.on });
          return;
        case 'leave':
          patch({ on: false });
          return;
        case 'new-face':
          actions.newRandomFace(seed());
          return;
        case 'recent': {
          const id = recentNeighbour(getState(), command.step);
          if (id !== null) actions.pickFace(id);
          return;
        }
        case 'play':
          play();
          return;
        case 'select-attribute':
          selectAttribute(command.index);
          return;
        case 'nudge':
          nudge(command.direction);
          return;
      }
    },
  };
}
