import { useStore } from 'zustand';
import {
  createLatentMapStore,
  type LatentMapState,
  type LatentMapStore,
} from '../../src/store/latentMap/latentMapStore';
import { createMapActions, type MapActions } from '../../src/store/latentMap/mapActions';
import { onePerEditor } from './onePerEditor';

export interface LatentMap {
  store: LatentMapStore;
  actions: MapActions;
}

/** One map per editor, shared by the map panel, the chart and "faces like this one"; it lives as long as the editor. */
export const useLatentMap = onePerEditor<LatentMap>(({ store, actions, engine }) => {
  const mapStore = createLatentMapStore();
  return { store: mapStore, actions: createMapActions(store, mapStore, engine, actions) };
});

/** Selects from the map store; pass a selector returning stable references (or primitives). */
export function useMapState<T>(selector: (state: LatentMapState) => T): T {
  return useStore(useLatentMap().store, selector);
}
