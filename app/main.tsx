import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createWorkerEngine } from '../src/engine/engineClient';
import { backendFromQuery } from '../src/engine/protocol';
import { createActions } from '../src/store/actions';
import { createEditorStore } from '../src/store/editorStore';
import { createPhotoActions } from '../src/store/photoActions';
import type {} from '../src/engine/testHook';
import { App } from './App';
import { EditorContext } from './hooks/useEditor';
import './styles.css';

const engine = createWorkerEngine();
const store = createEditorStore();
const actions = createActions(store, engine, {
  modelUrl: new URL('models/celeba64/', document.baseURI).href,
  backend: backendFromQuery(location.search),
});
const photos = createPhotoActions(store, engine, actions);

// Offline after the first visit (public/sw.js caches our own files; nothing else is ever fetched).
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  navigator.serviceWorker.register(new URL('sw.js', document.baseURI)).catch(() => {
    // Without it the app still works online; offline is a bonus, not a requirement to start.
  });
}
actions.start();

window.__latentLab = { memory: () => engine.memory(), idle: () => engine.whenIdle() };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EditorContext.Provider value={{ store, actions, engine, photos }}>
      <App />
    </EditorContext.Provider>
  </StrictMode>,
);
