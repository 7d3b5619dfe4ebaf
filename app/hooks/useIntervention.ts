import { useStore } from 'zustand';
import type { EditorStore } from '../../src/store/editor/editorStore';
import { createInterventionActions, type InterventionActions } from '../../src/store/intervention/interventionActions';
import {
  createInterventionStore,
  type InterventionState,
  type InterventionStore,
} from '../../src/store/intervention/interventionStore';
import { useEditor } from './useEditor';

export interface Intervention {
  store: InterventionStore;
  actions: InterventionActions;
}

// One per editor, living as long as it: a ranking is kept for the session even when the panel is closed.
const interventions = new WeakMap<EditorStore, Intervention>();

/** A small bitmap's RGBA pixels, for the ranking's picture-change measure. */
function readPixels(bitmap: ImageBitmap): Uint8ClampedArray {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('This browser cannot read pixels from a canvas.');
  ctx.drawImage(bitmap, 0, 0);
  return ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
}

export function useIntervention(): Intervention {
  const { store, actions, engine } = useEditor();
  let found = interventions.get(store);
  if (!found) {
    const ivStore = createInterventionStore();
    const pixels = typeof OffscreenCanvas === 'function' ? readPixels : undefined;
    found = { store: ivStore, actions: createInterventionActions(store, ivStore, engine, actions, pixels) };
    interventions.set(store, found);
  }
  return found;
}

/** Selects from the intervention store; pass a selector returning stable references (or primitives). */
export function useInterventionState<T>(selector: (state: InterventionState) => T): T {
  return useStore(useIntervention().store, selector);
}
