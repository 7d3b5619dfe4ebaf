import type { EditorStore } from '../../src/store/editor/editorStore';
import { useEditor, type Editor } from './useEditor';

/**
 * A hook giving one `make(editor)` per editor, made on first use and kept as long as the editor's store: for action
 * sets that several panels must share (measurements in flight, their own stores).
 */
export function onePerEditor<T>(make: (editor: Editor) => T): () => T {
  const made = new WeakMap<EditorStore, T>();
  return function useOnePerEditor(): T {
    const editor = useEditor();
    let found = made.get(editor.store);
    if (found === undefined) {
      found = make(editor);
      made.set(editor.store, found);
    }
    return found;
  };
}
