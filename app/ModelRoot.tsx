import { useMemo, useRef, useState, type ReactNode } from 'react';
import { queryWithModel, type ModelId } from '../src/store/editor/modelChoice';
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
  // The editor in charge right now, even before React re-renders: a second switch in the same tick (an effect run
  // twice) must neither stop a stopped editor nor make two.
  const latest = useRef(initial);
  const choice = useMemo<ModelChoice>(
    () => ({
      modelId: current.id,
      switchModel(id) {
        const from = latest.current;
        if (id === from.id) return;
        from.editor.photos.closePhoto();
        from.editor.actions.dispose();
        const editor = make(id);
        latest.current = { id, editor };
        // The fragment stays: a share link of the other model is opened by the new editor once it is ready.
        const { pathname, search, hash } = location;
        history.replaceState(history.state, '', `${pathname}${queryWithModel(search, id)}${hash}`);
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
