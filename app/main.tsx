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
actions.start();

window.__latentLab = { memory: () => engine.memory(), idle: () => engine.whenIdle() };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EditorContext.Provider value={{ store, actions, engine, photos }}>
      <App />
    </EditorContext.Provider>
  </StrictMode>,
);
