import { createContext, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import { selectFrameInput } from '../../src/store/editor/selectors';
import type { FrameInput } from '../../src/engine/protocol';
import { CameraMirror, type CameraView, type MirrorEditSource } from '../camera/cameraMirror';
import type { EditorActions } from '../../src/store/editor/actions';
import type { EditorStore } from '../../src/store/editor/editorStore';
import { useEditor } from './useEditor';

/** The mirror's edit from the editor: the sliders' input against the camera face they started from. */
function editorEditSource(store: EditorStore, actions: EditorActions): MirrorEditSource {
  let reference: FrameInput | null = null;
  return {
    edit: () => {
      const input = selectFrameInput(store.getState());
      return reference && input ? { input, reference } : null;
    },
    faceFound: (code) => {
      actions.showFace({ latent: code.latent, attributes: code.attributes, source: { kind: 'camera' } });
      // The input as the sliders now show it (readings clamped to their ranges): no edit until one moves.
      reference = selectFrameInput(store.getState());
    },
  };
}

export const CameraContext = createContext<CameraMirror | null>(null);

/**
 * The editor's live mirror, made once per editor and stopped with it. Its edit is the editor's own: the face the
 * camera finds first becomes the current face (so the sliders show its readings), and every frame is moved by what the
 * sliders, custom attributes and interpolation add to it.
 */
export function useCameraMirror(): CameraMirror {
  const { store, actions, engine } = useEditor();
  const mirror = useMemo(
    () => new CameraMirror(engine.camera, editorEditSource(store, actions)),
    [store, actions, engine],
  );
  useEffect(() => () => mirror.dispose(), [mirror]);
  return mirror;
}

export function useCamera(): CameraMirror {
  const mirror = useContext(CameraContext);
  if (!mirror) throw new Error('useCamera outside <CameraContext.Provider>');
  return mirror;
}

export function useCameraView(): CameraView {
  const mirror = useCamera();
  return useSyncExternalStore(
    (l) => mirror.subscribe(l),
    () => mirror.current,
  );
}
