import { useMemo, useState, type ReactNode } from 'react';
import { queryWithModel, type ModelId } from '../src/store/modelChoice';
import { EditorContext, type Editor } from './hooks/useEditor';
import { ModelChoiceContext, type ModelChoice } from './hooks/useModelChoice';

/**
 * One editor per model: switching stops the old editor (its photo closed, no longer following the engine) and makes
 * a fresh one, so nothing of the old model (faces, history, map, sweeps, custom sliders) outlives it. The engine
 * frees the old model's tensors when it loads the new one. The choice goes into the URL (?model=).
 */
export function ModelRoot({
  initial,
  make,
  children,
}: {
  initial: { id: ModelId; editor: Editor };
  make: (id: ModelId) => Editor;
  children: ReactNode;
}) {
  const [current, setCurrent] = useState(initial);
  const choice = useMemo<ModelChoice>(
    () => ({
      modelId: current.id,
      switchModel(id) {
        if (id === current.id) return;
        current.editor.photos.closePhoto();
        current.editor.actions.dispose();
        const editor = make(id);
        history.replaceState(history.state, '', `${location.pathname}${queryWithModel(location.search, id)}`);
        editor.actions.start();
        setCurrent({ id, editor });
      },
    }),
    [current, make],
  );
  return (
    <ModelChoiceContext.Provider value={choice}>
      <EditorContext.Provider value={current.editor}>{children}</EditorContext.Provider>
    </ModelChoiceContext.Provider>
  );
}
