import { createCustomAttributeActions, type CustomStorage } from '../../src/store/customAttributes/customAttributes';
import { createShareActions } from '../../src/store/editor/shareActions';
import { onePerEditor } from './onePerEditor';

/** The custom-attribute and share-link actions of this editor (one set, shared by every panel). */
export const useCustomAttributes = onePerEditor(({ store, engine, actions }) => {
  const custom = createCustomAttributeActions(store, engine, browserStorage());
  return { custom, share: createShareActions(store, actions, custom) };
});

/** localStorage, or null where the browser refuses it (some private modes): custom attributes then last a visit. */
function browserStorage(): CustomStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
