import { useStore } from 'zustand';
import type { EditorStore } from '../../src/store/editorStore';
import { createLatentMapStore, type LatentMapState, type LatentMapStore } from '../../src/store/latentMapStore';
import { createMapActions, type MapActions } from '../../src/store/mapActions';
import { useEditor } from './useEditor';

export interface LatentMap {
  store: LatentMapStore;
  actions: MapActions;
}

// One map per editor: the map panel, the chart and "faces like this one" share it, and it lives as long as the editor.
const maps = new WeakMap<EditorStore, LatentMap>();

export function useLatentMap(): LatentMap {
  const { store, actions, engine } = useEditor();
  let map = maps.get(store);
  if (!map) {
    const mapStore = createLatentMapStore();
    map = { store: mapStore, actions: createMapActions(store, mapStore, engine, actions) };
    maps.set(store, map);
  }
  return map;
}

/** Selects from the map store; pass a selector returning stable references (or primitives). */
export function useMapState<T>(selector: (state: LatentMapState) => T): T {
  return useStore(useLatentMap().store, selector);
}
