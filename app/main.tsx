import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createWorkerEngine } from '../src/engine/client/engineClient';
import { backendFromQuery } from '../src/engine/protocol';
import { createActions } from '../src/store/editor/actions';
import { createEditorStore } from '../src/store/editor/editorStore';
import { modelFromQuery, modelUrl, type ModelId } from '../src/store/editor/modelChoice';
import { createPhotoActions } from '../src/store/photo/photoActions';
import type {} from '../src/engine/client/testHook';
import { activeMirror } from './camera/cameraMirror';
import { App } from './App';
import type { Editor } from './hooks/useEditor';
import { ModelRoot } from './ModelRoot';
import './styles.css';

const engine = createWorkerEngine();
const backend = backendFromQuery(location.search);

/** A fresh editor (store and actions) for model `id`, on the one engine. */
function makeEditor(id: ModelId): Editor {
  const store = createEditorStore();
  const actions = createActions(store, engine, { modelUrl: modelUrl(id, document.baseURI), backend });
  return { store, actions, engine, photos: createPhotoActions(store, engine, actions) };
}

// Offline after the first visit (public/sw.js caches our own files; nothing else is ever fetched).
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  navigator.serviceWorker.register(new URL('sw.js', document.baseURI)).catch(() => {
    // Without it the app still works online; offline is a bonus, not a requirement to start.
  });
}
const first = modelFromQuery(location.search);
const initial = { id: first, editor: makeEditor(first) };
initial.editor.actions.start();

window.__latentLab = {
  memory: () => engine.memory(),
  idle: () => engine.whenIdle(),
  judge: (input) => engine.judge(input),
  camera: () => {
    const mirror = activeMirror();
    return (
      mirror && {
        liveTracks: mirror.liveTracks,
        face: mirror.current.face,
        measuredFace: mirror.measuredFace,
        figures: () => mirror.figures(),
        measureFrames: (on) => mirror.measureFrames(on),
        resetFigures: () => mirror.resetFigures(),
        difference: (boxes) => mirror.difference(boxes),
      }
    );
  },
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ModelRoot initial={initial} make={makeEditor}>
      <App />
    </ModelRoot>
  </StrictMode>,
);
