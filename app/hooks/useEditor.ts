import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { EngineClient } from '../../src/engine/client/engineClient';
import type { EditorActions } from '../../src/store/editor/actions';
import type { EditorState, EditorStore } from '../../src/store/editor/editorStore';
import type { PhotoActions } from '../../src/store/photo/photoActions';

export interface Editor {
  store: EditorStore;
  actions: EditorActions;
  engine: EngineClient;
  photos: PhotoActions;
}

export const EditorContext = createContext<Editor | null>(null);

export function useEditor(): Editor {
  const editor = useContext(EditorContext);
  if (!editor) throw new Error('useEditor outside <EditorContext.Provider>');
  return editor;
}

/** Selects from the editor store; pass a selector returning stable references (or primitives). */
export function useEditorState<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditor().store, selector);
}

export function useActions(): EditorActions {
  return useEditor().actions;
}

export function usePhotoActions(): PhotoActions {
  return useEditor().photos;
}
